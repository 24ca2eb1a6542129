import Benchmark
import Foundation
import GenewebCore
import GenewebFormats

/// Micro-benchmarks of the genealogy core, on demand (never in CI):
///
///     GENEWEB_BENCHMARKS=1 swift package --allow-writing-to-package-directory benchmark
///
/// (see Benchmarks/README.md). The inputs are built once, outside the measured closures, from
/// the synthetic tree the `generate` command writes (fixed seed: the same tree every run).
let benchmarks: @Sendable () -> Void = {
    let fixture = Fixture.shared
    let quick = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))

    Benchmark("relationship of two cousins (100k-person graph)", configuration: quick) { benchmark in
        for pair in benchmark.scaledIterations.map({ fixture.pairs[$0 % fixture.pairs.count] }) {
            blackHole(fixture.graph.relationship(pair.0, pair.1))
        }
    }

    Benchmark("inbreeding coefficient of one person, cold memo (100k-person graph)", configuration: quick) { benchmark in
        for index in benchmark.scaledIterations {
            var kinship = KinshipCalculator(graph: fixture.graph)
            blackHole(kinship.inbreeding(of: fixture.deep[index % fixture.deep.count]))
        }
    }

    Benchmark("ancestors over 10 generations (100k-person graph)", configuration: quick) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(fixture.graph.ancestors(of: fixture.deep[index % fixture.deep.count], maxGenerations: 10))
        }
    }

    Benchmark("phonetic key of a surname", configuration: quick) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(PhoneticKey.key(fixture.surnames[index % fixture.surnames.count]))
        }
    }

    Benchmark("GEDCOM date parsing", configuration: quick) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(GenealogyDate(gedcom: Fixture.gedcomDates[index % Fixture.gedcomDates.count]))
        }
    }

    Benchmark("GeneWeb date parsing", configuration: quick) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(GenealogyDate(geneweb: Fixture.genewebDates[index % Fixture.genewebDates.count]))
        }
    }

    Benchmark("GEDCOM lexing: 10,000-person file into records", configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(5))) {
        benchmark in
        for _ in benchmark.scaledIterations {
            guard let file = try? GedcomFile(bytes: fixture.gedcom) else { return }
            var records = file.records()
            var count = 0
            while records.next() != nil { count += 1 }
            blackHole(count)
        }
    }

    Benchmark("GEDCOM reading: 10,000-person file into persons and families", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(5))) {
        benchmark in
        for _ in benchmark.scaledIterations {
            guard let file = try? GedcomFile(bytes: fixture.gedcom) else { return }
            blackHole(GedcomReader.read(file).persons.count)
        }
    }
}

/// The benchmarks' inputs, built once.
final class Fixture: Sendable {
    static let shared = Fixture()
    static let gedcomDates = ["12 MAR 1850", "ABT 1850", "BET 1750 AND 1760", "@#DJULIAN@ 3 MAR 1700", "BEF 1 JAN 1900", "FROM 1800 TO 1810", "(a phrase)"]
    static let genewebDates = ["1/3/1701J", "~1850", "<1700", "1750..1760", "12/3/1850", "?1820", "0(text)"]

    let graph: GenealogyGraph
    /// Persons with both parents known, deepest first.
    let deep: [GenealogyGraph.Index]
    /// Pairs of persons with a common grandparent (first cousins or closer).
    let pairs: [(GenealogyGraph.Index, GenealogyGraph.Index)]
    let surnames: [String]
    let gedcom: [UInt8]

    init() {
        let document = SyntheticTree(persons: 100_000, seed: 7).generate()
        let graph = GenealogyGraph(
            persons: document.persons.map { ($0.id.uuid, $0.sex) },
            families: document.families.map { .init(parents: $0.parents.map(\.uuid), children: $0.children.map(\.uuid)) })
        self.graph = graph
        let withParents = (0..<Int32(graph.count)).filter { graph.fathers[Int($0)] != GenealogyGraph.none && graph.mothers[Int($0)] != GenealogyGraph.none }
        deep = Array(withParents.suffix(1_000))
        var pairs: [(GenealogyGraph.Index, GenealogyGraph.Index)] = []
        for person in deep {
            let father = graph.fathers[Int(person)]
            // A child of a sibling of the father: a first cousin.
            guard let grandfather = graph.parents(of: father).father else { continue }
            for uncle in graph.children[Int(grandfather)] where uncle != father {
                if let cousin = graph.children[Int(uncle)].first {
                    pairs.append((person, cousin))
                    break
                }
            }
        }
        self.pairs = pairs.isEmpty ? [(deep[0], deep[deep.count - 1])] : pairs
        surnames = Array(Set(document.persons.map(\.surname))).sorted()
        var text = ""
        let small = SyntheticTree(persons: 10_000, seed: 7).generate()
        GedcomWriter(document: small, version: .v551).emit { text += $0 }
        gedcom = Array(text.utf8)
    }
}
