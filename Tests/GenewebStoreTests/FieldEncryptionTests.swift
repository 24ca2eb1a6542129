import Foundation
import GenewebCore
import GenewebTestSupport
import Logging
import SQLKit
import Testing

@testable import GenewebStore

@Suite("Field encryption at rest")
struct FieldEncryptionTests {
    static let keyA = FieldCipher.Key(secret: "first-encryption-key-of-at-least-32-bytes")
    static let keyB = FieldCipher.Key(secret: "second-encryption-key-of-at-least-32-bytes")

    @Test("seal/open round trip; another key, a tampered value and a missing key are refused")
    func cipher() throws {
        let cipher = FieldCipher(current: Self.keyA)
        let sealed = try cipher.seal("marie@example.org")
        #expect(sealed.hasPrefix("enc:v1:\(Self.keyA.id):"))
        #expect(!sealed.contains("marie"))
        #expect(try cipher.open(sealed) == "marie@example.org")
        #expect(try cipher.seal("x") != cipher.seal("x"), "a fresh nonce each time")
        #expect(throws: FieldCipher.Failure.unknownKey(Self.keyA.id)) { try FieldCipher(current: Self.keyB).open(sealed) }
        var tampered = Array(sealed)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
        #expect(throws: FieldCipher.Failure.corrupt) { try cipher.open(String(tampered)) }
        #expect(try cipher.open("plain text from before") == "plain text from before")
        // Rotation: the new cipher opens old values with the old key.
        let rotated = FieldCipher(current: Self.keyB, old: [Self.keyA])
        #expect(try rotated.open(sealed) == "marie@example.org")
        #expect(rotated.needsResealing(sealed))
        #expect(!rotated.needsResealing(try rotated.seal("y")))
        #expect(Self.keyA.id != Self.keyB.id && Self.keyA.id.count == 8)
    }

    static func database(_ engine: DatabaseEngine, cipher: FieldCipher, at location: StorageLocation) throws -> Database {
        try Database(location: location, logger: Logger(label: "test.encryption"), cipher: cipher)
    }

    @Test("emails, consents and private notes are sealed in the database, readable through the repositories, re-sealed after rotation", arguments: allEngines)
    func atRest(engine: DatabaseEngine) async throws {
        let fixture = try await EngineFixture.make(engine)
        let location = fixture.database.location
        let first = try Self.database(engine, cipher: FieldCipher(current: Self.keyA), at: location)
        let note = Note(title: "Adoption", text: "Born to another family", isPrivate: true)
        let publicNote = Note(title: "Public", text: "Everyone may read this")
        let person = UUID()
        try await first.whileRunning { () async throws in
            try await MigrationRunner(database: first, logger: Logger(label: "test")).migrate()
            let users = UserRepository(database: first)
            try await users.insert(
                UserRecord(
                    username: "marie", email: "marie@example.org", fullName: "Marie", passwordHash: "x", role: .viewer, createdAt: 1, updatedAt: 1,
                    passwordChangedAt: 1))
            let base = try #require(try await BaseRepository(database: first).id(of: BaseName("default")))
            let audit = AuditEntry(occurredAt: 1, actorID: nil, actorName: "test", action: "test", entityType: "test")
            try await ConsentRepository(database: first).append(
                [
                    ConsentRecord(
                        status: .granted, purposes: ["publication"], notes: "signed at the town hall", consentDate: nil, recordedBy: "t", recordedAt: 1)
                ], person: person, base: base, audit: audit)
            let notes = RecordRepository<Note>(database: first)
            _ = try await notes.insert(note, base: base, audit: audit)
            _ = try await notes.insert(publicNote, base: base, audit: audit)

            let raw = try await first.withConnection { sql in
                (
                    try await sql.raw("SELECT email FROM users").first()?.decode(column: "email", as: String.self) ?? "",
                    try await sql.raw("SELECT purposes, notes FROM consents").first().map { ($0, try $0.decode(column: "notes", as: String.self)) }?.1 ?? "",
                    try await sql.raw("SELECT title, CAST(document AS TEXT) AS document FROM notes ORDER BY title").all()
                        .map { (try $0.decode(column: "title", as: String.self), try $0.decode(column: "document", as: String.self)) }
                )
            }
            #expect(raw.0.hasPrefix("enc:v1:") && !raw.0.contains("marie"))
            #expect(raw.1.hasPrefix("enc:v1:") && !raw.1.contains("town hall"))
            let privateRow = try #require(raw.2.first { !$0.1.contains("Everyone") })
            #expect(privateRow.0 == "" && !privateRow.1.contains("another family") && !privateRow.1.contains("Adoption"))
            #expect(raw.2.contains { $0.0 == "Public" && $0.1.contains("Everyone may read this") }, "public notes stay searchable")

            #expect(try await users.find(username: "marie")?.email == "marie@example.org")
            #expect(try await ConsentRepository(database: first).history(of: person, base: base).first?.notes == "signed at the town hall")
            #expect(try await notes.find(note.id.uuid, base: base)?.value.text == "Born to another family")
        }
        // Rotation: new key current, old key kept; reseal, then the old key is no longer needed.
        let second = try Self.database(engine, cipher: FieldCipher(current: Self.keyB, old: [Self.keyA]), at: location)
        try await second.whileRunning { () async throws in
            #expect(try await UserRepository(database: second).find(username: "marie")?.email == "marie@example.org")
            #expect(try await UserRepository(database: second).reseal() == 1)
            #expect(try await ConsentRepository(database: second).reseal() == 1)
            #expect(try await RecordRepository<Note>(database: second).reseal() == 1)
            #expect(try await UserRepository(database: second).reseal() == 0)
        }
        let third = try Self.database(engine, cipher: FieldCipher(current: Self.keyB), at: location)
        try await third.whileRunning { () async throws in
            #expect(try await UserRepository(database: third).find(username: "marie")?.email == "marie@example.org")
            let base = try #require(try await BaseRepository(database: third).id(of: BaseName("default")))
            #expect(try await ConsentRepository(database: third).history(of: person, base: base).first?.purposes == ["publication"])
            #expect(try await RecordRepository<Note>(database: third).find(note.id.uuid, base: base)?.value.title == "Adoption")
        }
        try await fixture.cleanupAfter()
    }
}
