import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Our .gw export imports again over HTTP")
struct GenewebReimportAPITests {
    /// Two women named Mary without surname (numbers 0 and 1) and a man in no family: the `.gw`
    /// export once wrote both as `? Mary`, and the import of it answered 500.
    static let gedcom = """
        0 HEAD
        1 GEDC
        2 VERS 5.5.1
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Mary
        1 SEX F
        1 FAMS @F1@
        0 @I2@ INDI
        1 NAME Mary
        1 SEX F
        1 FAMS @F2@
        0 @I3@ INDI
        1 NAME John /Smith/
        1 SEX M
        1 FAMS @F1@
        1 FAMS @F2@
        0 @I4@ INDI
        1 NAME Paul /Alone/
        1 SEX M
        0 @F1@ FAM
        1 HUSB @I3@
        1 WIFE @I1@
        0 @F2@ FAM
        1 HUSB @I3@
        1 WIFE @I2@
        0 TRLR

        """

    @Test("GEDCOM in, .gw out, .gw in again: 201 with the same persons and families", arguments: serverEngines)
    func reimport(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let first = try await client.execute(
                uri: "/api/v1/bases/marys/import", method: .post,
                headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(string: Self.gedcom))
            #expect(first.status == .created)
            let exported = try await client.request(.get, "/api/v1/bases/marys/export?format=gw", token: admin)
            #expect(exported.status == .ok)
            let again = try await client.execute(
                uri: "/api/v1/bases/marys2/import", method: .post,
                headers: [.authorization: "Bearer \(admin)", .contentType: "text/plain"], body: exported.body)
            #expect(again.status == .created, "\(String(buffer: again.body))")
            let report = try again.json
            #expect(report["persons"] as? Int == 4 && report["families"] as? Int == 2, "\(report)")
            #expect(try await client.request(.get, "/api/v1/bases/marys2/persons?surname=Alone", token: admin).json["total"] as? Int == 1)
        }
    }
}
