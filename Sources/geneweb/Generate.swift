import ArgumentParser
import Foundation
import GenewebFormats

/// `geneweb generate`: a deterministic synthetic GEDCOM file for benchmarks and scale tests.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic GEDCOM 5.5.1 tree of N persons (families over generations, cousin marriages, dates, places, sources, notes).",
        discussion: "The same --persons and --seed always give the same file."
    )

    @Option(help: "Number of persons (2 to 10,000,000).")
    var persons: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "File to write (default: standard output).")
    var output: String?

    func validate() throws {
        guard (2...10_000_000).contains(persons) else { throw ValidationError("--persons must be between 2 and 10,000,000") }
    }

    func run() async throws {
        let document = SyntheticTree(persons: persons, seed: seed).generate()
        try writeGedcom(GedcomWriter(document: document, version: .v551), to: output)
    }
}
