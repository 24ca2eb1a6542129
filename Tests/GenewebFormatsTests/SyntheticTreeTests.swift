import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

@Suite("Synthetic trees")
struct SyntheticTreeTests {
    @Test("exactly N persons, families over several generations, every link resolves")
    func shape() {
        let document = SyntheticTree(persons: 3000, seed: 7).generate()
        #expect(document.persons.count == 3000)
        #expect(document.families.count > 500)
        let ids = Set(document.persons.map(\.id))
        #expect(document.families.allSatisfy { $0.parents.count == 2 && $0.parents.allSatisfy(ids.contains) && $0.children.allSatisfy(ids.contains) })
        let years = document.persons.compactMap { $0.birth?.date?.calendarDate?.dmy.year }
        #expect((years.max() ?? 0) - (years.min() ?? 0) > 100, "several generations")
        #expect(document.persons.contains { $0.occurrence > 0 }, "namesakes get occurrence numbers")
        #expect(!document.sources.isEmpty && document.persons.contains { !$0.birth!.citations.isEmpty })
    }

    @Test("the same seed gives the same file; another seed another one")
    func deterministic() {
        let first = GedcomWriter.write(SyntheticTree(persons: 500, seed: 3).generate(), version: .v551)
        let second = GedcomWriter.write(SyntheticTree(persons: 500, seed: 3).generate(), version: .v551)
        let other = GedcomWriter.write(SyntheticTree(persons: 500, seed: 4).generate(), version: .v551)
        #expect(first == second)
        #expect(first != other)
    }

    @Test("a generated file reads back as the same tree")
    func readable() throws {
        let document = SyntheticTree(persons: 1000, seed: 1).generate()
        let again = GedcomReader.read(try GedcomFile(bytes: Array(GedcomWriter.write(document, version: .v551).utf8)))
        #expect(SemanticSnapshot(document).firstDifference(from: SemanticSnapshot(again)) == nil)
        #expect(!again.warnings.contains { $0.kind == .ancestryLoop })
    }
}
