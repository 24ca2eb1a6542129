import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Logging
import Testing

@Suite("Loading the genealogy graph")
struct GraphLoadTests {
    /// A father with two wives, children listed out of alphabetical and id order.
    static let gedcom = """
        0 HEAD
        1 CHAR UTF-8
        0 @P@ INDI
        1 NAME Paul /Roy/
        1 SEX M
        0 @W1@ INDI
        1 NAME Anne /Vial/
        1 SEX F
        0 @W2@ INDI
        1 NAME Berthe /Gay/
        1 SEX F
        0 @C1@ INDI
        1 NAME Zoé /Roy/
        0 @C2@ INDI
        1 NAME Abel /Roy/
        0 @C3@ INDI
        1 NAME Marc /Roy/
        0 @C4@ INDI
        1 NAME Henri /Roy/
        0 @F1@ FAM
        1 HUSB @P@
        1 WIFE @W1@
        1 CHIL @C1@
        1 CHIL @C2@
        1 CHIL @C3@
        0 @F2@ FAM
        1 HUSB @P@
        1 WIFE @W2@
        1 CHIL @C4@
        0 TRLR

        """

    @Test("chunked reading gives the same graph whatever the chunk size, with children in family order", arguments: allEngines)
    func chunks(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.graph")).migrate()
            let document = try ImportTests.document(Self.gedcom)
            _ = try await GenealogyImporter(database: database).importDocument(document, into: try BaseName("default"), format: "gedcom", replace: true)
            let whole = try await GraphRepository(database: database).load(base: 1).graph
            #expect(whole.count == document.persons.count && whole.count > 3)
            for size in [1, 2, 3, 7] {
                let chunked = try await GraphRepository(database: database, chunkRows: size).load(base: 1).graph
                #expect(Set(chunked.ids) == Set(whole.ids), "chunks of \(size)")
                for id in whole.ids {
                    let (a, b) = (whole.index(of: id)!, chunked.index(of: id)!)
                    func ids(_ graph: GenealogyGraph, _ list: [GenealogyGraph.Index]) -> [UUID] { list.map { graph.ids[Int($0)] } }
                    #expect(ids(whole, whole.children[Int(a)]) == ids(chunked, chunked.children[Int(b)]), "children, chunks of \(size)")
                    let (wf, wm) = whole.parents(of: a)
                    let (cf, cm) = chunked.parents(of: b)
                    #expect(wf.map { whole.ids[Int($0)] } == cf.map { chunked.ids[Int($0)] })
                    #expect(wm.map { whole.ids[Int($0)] } == cm.map { chunked.ids[Int($0)] })
                }
            }
            // The father's children: the first marriage's in file order, then the second's.
            let father = try #require(document.persons.first { $0.firstName == "Paul" })
            let names = whole.children[Int(whole.index(of: father.id.uuid)!)].map { index in
                document.persons.first { $0.id.uuid == whole.ids[Int(index)] }?.firstName ?? ""
            }
            #expect(names == ["Zoé", "Abel", "Marc", "Henri"])
        }
    }
}
