import Foundation
import GenewebCore
import GenewebStore
import Logging
import Testing

/// Earlier versions kept by the store: one per update, newest first, the last 100 only, erased
/// with the record.
@Suite("Record history")
struct RecordHistoryTests {
    static let logger = Logger(label: "test.history")

    static func audit(_ action: String) -> AuditEntry {
        AuditEntry(occurredAt: 0, actorID: nil, actorName: "test", action: action, entityType: "person")
    }

    @Test("each update keeps the version it replaces; a record keeps its last 100; deleting it erases them", arguments: allEngines)
    func keepAndErase(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Self.logger).migrate()
            let persons = PersonRepository(database: database)
            let history = RecordHistory(database: database, kind: .persons)
            var stored = try await persons.insert(Person(firstName: "Jean", surname: "Dupont"), base: 1, audit: Self.audit("person.create"))
            #expect(try await history.versions(of: stored.value.id.uuid, base: 1, as: Person.self).isEmpty)
            for number in 1...102 {
                var person = stored.value
                person.occupation = "trade \(number)"
                stored = try await persons.update(person, base: 1, expectedVersion: stored.version, audit: Self.audit("person.update"))
            }
            let versions = try await history.versions(of: stored.value.id.uuid, base: 1, as: Person.self)
            #expect(versions.count == 100)
            #expect(versions.first?.version == 102 && versions.first?.value.occupation == "trade 101")
            #expect(versions.last?.version == 3 && versions.last?.value.occupation == "trade 2")
            #expect(try await history.version(1, of: stored.value.id.uuid, base: 1, as: Person.self) == nil)
            // Another base does not see them.
            #expect(try await history.versions(of: stored.value.id.uuid, base: 2, as: Person.self).isEmpty)

            try await persons.delete(stored.value.id.uuid, base: 1, expectedVersion: nil, unlink: true, audit: Self.audit("person.delete"))
            #expect(try await history.versions(of: stored.value.id.uuid, base: 1, as: Person.self).isEmpty)
        }
    }
}
