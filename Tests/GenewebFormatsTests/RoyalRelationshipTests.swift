import Foundation
import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

/// Well-documented relationships between historical persons, computed on royal92.ged (3,010
/// persons) as the graph sees it after import.
@Suite("Relationships in royal92.ged", .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"))
struct RoyalRelationshipTests {
    static func graph() throws -> (GenealogyGraph, [String: GenealogyGraph.Index]) {
        let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("royal92.ged")))
        let byID = Dictionary(uniqueKeysWithValues: document.persons.map { ($0.id.uuid, $0) })
        let graph = GenealogyGraph(
            persons: document.persons.map { ($0.id.uuid, $0.sex) },
            families: document.families.map { .init(parents: $0.parents.map(\.uuid), children: $0.children.map(\.uuid)) }
        )
        var byXref: [String: GenealogyGraph.Index] = [:]
        for (offset, id) in graph.ids.enumerated() {
            if let xref = byID[id]?.gedcomXref { byXref[xref] = GenealogyGraph.Index(offset) }
        }
        return (graph, byXref)
    }

    @Test(
        "Victoria and Albert, George V and Nicholas II, George V and Wilhelm II: first cousins; Elizabeth II and Philip: second cousins once removed; Edward VII: Victoria's son"
    )
    func historicalPairs() throws {
        let (graph, person) = try Self.graph()
        #expect(graph.count == 3010)
        func relation(_ a: String, _ b: String) throws -> GenealogyGraph.Relationship {
            graph.relationship(try #require(person["@\(a)@"]), try #require(person["@\(b)@"]))
        }
        let victoriaAlbert = try relation("I1", "I2")
        #expect(victoriaAlbert.english == "first cousin")
        #expect(victoriaAlbert.french == "cousine germaine")
        let georgeNicholas = try relation("I14", "I37")
        #expect(georgeNicholas.english == "first cousin")
        #expect(georgeNicholas.french == "cousin germain")
        // Both are grandsons of Queen Victoria.
        let georgeWilhelm = try relation("I14", "I21")
        #expect(georgeWilhelm.english == "first cousin")
        #expect(georgeWilhelm.links.first?.ancestors.contains(try #require(person["@I1@"])) == true)
        // Through Christian IX of Denmark (closest), and also third cousins through Victoria.
        let elizabethPhilip = try relation("I52", "I57")
        #expect(elizabethPhilip.english == "second cousin once removed", "\(elizabethPhilip.links.map { ($0.up, $0.down, $0.english) })")
        #expect(elizabethPhilip.links.contains { $0.english == "third cousin" }, "the line through Queen Victoria")
        #expect(try relation("I4", "I1").english == "son")
        #expect(try relation("I1", "I52").english == "great-great-grandmother")
    }

    @Test("whole-tree computations finish on royal92: every person's consanguinity, ancestors of the last generation")
    func wholeTree() throws {
        let (graph, person) = try Self.graph()
        var calculator = KinshipCalculator(graph: graph)
        var inbred = 0
        var wholeBase = BaseConsanguinity(graph: graph)
        let all = wholeBase.computeAll()
        for index in 0..<graph.count {
            let coefficient = calculator.inbreeding(of: GenealogyGraph.Index(index))
            #expect(coefficient >= 0 && coefficient < 1)
            #expect(abs(all[index] - coefficient) < 1e-12, "the one-pass computation agrees with the recursion for person \(index)")
            if coefficient > 0 { inbred += 1 }
        }
        #expect(inbred > 10, "royal houses married cousins")
        let (ancestors, _) = graph.ancestors(of: try #require(person["@I52@"]), maxGenerations: 20)
        #expect(ancestors.contains { $0.sosaNumbers.count > 1 }, "implex among Elizabeth II's ancestors")
    }
}
