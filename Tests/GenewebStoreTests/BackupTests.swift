import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Logging
import SQLKit
import Testing

/// Backups hold everything, restore all or nothing, on either engine from either engine.
@Suite("Backups and restores")
struct BackupTests {
    static let logger = Logger(label: "test.backup")
    static let key = FieldCipher(current: .init(secret: "backup-test-encryption-key-of-32-bytes!!"))

    /// A database with a base of every record kind, accounts and their tokens, audit lines,
    /// consents and sealed fields.
    static func populate(_ database: Database) async throws {
        try await MigrationRunner(database: database, logger: logger).migrate()
        try await EncryptionCanary.verify(database)
        let document = try GedcomReader.read(GedcomFile(bytes: Array(fixture.utf8)))
        _ = try await GenealogyImporter(database: database).importDocument(document, into: try BaseName("family"), format: "gedcom", replace: false)
        let users = UserRepository(database: database)
        let user = UserRecord(
            username: "archivist", email: "archivist@example.org", fullName: "Anne Archiviste",
            passwordHash: "$2b$04$abcdefghijklmnopqrstuv", role: .admin, createdAt: 1_700_000_000,
            updatedAt: 1_700_000_000, passwordChangedAt: 1_700_000_000)
        try await users.insert(user)
        let tokens = TokenRepository(database: database)
        try await tokens.storeRefresh(jti: "refresh-1", userID: user.id, familyID: "session-1", issuedAt: 1_700_000_000, expiresAt: 4_000_000_000)
        try await tokens.revokeAccess(jti: "access-1", expiresAt: 4_000_000_000, reason: "logout")
        let audit = AuditEntry(
            occurredAt: 1_700_000_100, actorID: user.id.uuidString, actorName: "archivist", action: "base.import",
            entityType: "base", entityID: "family", base: "family", details: ["persons": "3"])
        try await AuditRepository(database: database).record(audit)
        let person = try #require(
            try await database.withConnection { sql in
                try await sql.raw("SELECT id FROM persons LIMIT 1").first()?.decode(column: "id", as: UUID.self)
            })
        let base = try #require(
            try await database.withConnection { sql in
                try await sql.raw("SELECT id FROM bases WHERE name = 'family'").first()?.decode(column: "id", as: Int.self)
            })
        try await ConsentRepository(database: database).append(
            [
                ConsentRecord(
                    status: .granted, purposes: ["publication"], notes: "signed in person", consentDate: "2024-05-01",
                    recordedBy: "archivist", recordedAt: 1_700_000_200)
            ],
            person: person, base: base, audit: audit
        )
    }

    static let fixture = """
        0 HEAD
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jean /Dupont/
        1 SEX M
        1 BIRT
        2 DATE 12 JAN 1850
        2 PLAC Reims
        1 FAMS @F1@
        0 @I2@ INDI
        1 NAME Marie /Curie/
        1 SEX F
        1 FAMS @F1@
        0 @I3@ INDI
        1 NAME Paul /Dupont/
        1 BIRT
        2 DATE ABT 1875
        1 FAMC @F1@
        1 _CUSTOM kept
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I3@
        1 MARR
        2 DATE 1870
        0 @S1@ SOUR
        1 TITL Registres
        0 @N1@ NOTE A shared note
        0 @R1@ REPO
        1 NAME Archives
        0 @O1@ OBJE
        1 FILE photo.jpg
        0 TRLR
        """

    /// Every table's rows, normalised so that both engines' forms compare equal: JSON texts
    /// parsed, times to the millisecond, identifiers lower-cased.
    static func contents(of database: Database, folder: TemporaryDirectory) async throws -> [String: [String]] {
        let path = folder.url.appendingPathComponent("dump-\(UUID().uuidString).gwbackup").path
        _ = try await BackupWriter(database: database).write(to: path)
        var tables: [String: [String]] = [:]
        var columns: [String: [BackupColumn]] = [:]
        _ = try await BackupReader(path: path).verify()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var current = ""
        for line in text.split(separator: "\n") {
            if let start = try? JSONDecoder().decode(BackupArchive.TableStart.self, from: Data(line.utf8)) {
                current = start.table
                columns[current] = start.columns
                tables[current] = tables[current] ?? []
            } else if line.hasPrefix("["), let row = try? JSONDecoder().decode([BackupValue].self, from: Data(line.utf8)) {
                let named = zip(columns[current] ?? [], row).map { column, value in "\(column.name)=\(normalized(value))" }
                tables[current, default: []].append(named.sorted().joined(separator: "|"))
            }
        }
        return tables.mapValues { $0.sorted() }
    }

    static func normalized(_ value: BackupValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .boolean(let flag): return String(flag)
        case .text(let text):
            if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
                let canonical = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            {
                return String(decoding: canonical, as: UTF8.self)
            }
            if text.count > 20, text.hasSuffix("Z"), text.dropFirst(4).first == "-", let dot = text.firstIndex(of: ".") {
                return String(text[..<dot]) + "." + String(text[text.index(after: dot)...].prefix(3))
            }
            return text.lowercased()
        }
    }

    static var enginePairs: [(DatabaseEngine, DatabaseEngine)] {
        allEngines.flatMap { from in allEngines.map { (from, $0) } }
    }

    @Test("backup then restore gives every table back row by row, on each engine and across engines", arguments: enginePairs)
    func roundTrip(from source: DatabaseEngine, to target: DatabaseEngine) async throws {
        let folder = TemporaryDirectory()
        let archive = folder.url.appendingPathComponent("base.gwbackup").path
        let original = try await EngineFixture.make(source, cipher: Self.key)
        let expected = try await original.database.whileRunning {
            try await Self.populate(original.database)
            let result = try await BackupWriter(database: original.database).write(to: archive)
            #expect(result.manifest.counts["persons"] == 3 && result.manifest.counts["users"] == 1)
            #expect(result.manifest.counts["audit_log"] == 2 && result.manifest.counts["consents"] == 1)
            return try await Self.contents(of: original.database, folder: folder)
        }
        try await original.cleanupAfter()
        #expect(!FileManager.default.fileExists(atPath: archive + ".partial"))

        let restored = try await EngineFixture.make(target, cipher: Self.key)
        try await restored.database.whileRunning {
            let report = try await BackupRestorer(database: restored.database, logger: Self.logger).restore(from: archive, replace: false)
            #expect(report.rows["persons"] == 3)
            let found = try await Self.contents(of: restored.database, folder: folder)
            #expect(Set(found.keys) == Set(expected.keys))
            for (table, rows) in expected {
                #expect(found[table] == rows, "table \(table)")
            }
            // The sealed email opens with the same key, and ids continue after the restored ones.
            let user = try await UserRepository(database: restored.database).find(username: "archivist")
            #expect(user?.email == "archivist@example.org")
            try await AuditRepository(database: restored.database).record(
                AuditEntry(
                    occurredAt: 1_700_000_300, actorID: nil, actorName: "", action: "after.restore", entityType: "test"))
            let audit = try await AuditRepository(database: restored.database).entries(offset: 0, limit: 10)
            #expect(audit.total == 3)
        }
        try await restored.cleanupAfter()
    }

    @Test("a restore refuses a database that holds data, and a wrong key, before writing anything", arguments: allEngines)
    func refusals(engine: DatabaseEngine) async throws {
        let folder = TemporaryDirectory()
        let archive = folder.url.appendingPathComponent("base.gwbackup").path
        let original = try await EngineFixture.make(engine, cipher: Self.key)
        try await original.database.whileRunning {
            try await Self.populate(original.database)
            _ = try await BackupWriter(database: original.database).write(to: archive)
            // Not empty: refused, unchanged.
            await #expect(throws: RestoreError.notEmpty(table: "users")) {
                try await BackupRestorer(database: original.database, logger: Self.logger).restore(from: archive, replace: false)
            }
            // With --replace, everything is replaced by the archive's contents.
            let before = try await Self.contents(of: original.database, folder: folder)
            _ = try await BackupRestorer(database: original.database, logger: Self.logger).restore(from: archive, replace: true)
            #expect(try await Self.contents(of: original.database, folder: folder) == before)
        }
        try await original.cleanupAfter()

        let otherKey = FieldCipher(current: .init(secret: "another-encryption-key-of-32-bytes-long"))
        let wrong = try await EngineFixture.make(engine, cipher: otherKey)
        try await wrong.database.whileRunning {
            await #expect(throws: EncryptionCanary.Problem.self) {
                try await BackupRestorer(database: wrong.database, logger: Self.logger).restore(from: archive, replace: false)
            }
            // Nothing was written: not even the schema's tables hold rows.
            let users = try? await UserRepository(database: wrong.database).count()
            #expect(users == nil || users == 0)
        }
        try await wrong.cleanupAfter()
    }

    @Test("a cut or altered archive is refused by verify and by restore, with nothing written")
    func damagedArchives() async throws {
        let folder = TemporaryDirectory()
        let archive = folder.url.appendingPathComponent("base.gwbackup").path
        let original = try await EngineFixture.make(.sqlite, cipher: Self.key)
        try await original.database.whileRunning {
            try await Self.populate(original.database)
            _ = try await BackupWriter(database: original.database).write(to: archive)
        }
        try await original.cleanupAfter()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        _ = try await BackupReader(path: archive).verify()
        // Cut inside a line (where a killed writer stops): said to be incomplete, not malformed.
        let cut = folder.url.appendingPathComponent("cut.gwbackup").path
        try bytes.prefix(bytes.count / 2 + 3).write(to: URL(fileURLWithPath: cut))
        await #expect {
            try await BackupReader(path: cut).verify()
        } throws: { error in
            guard case .truncated = error as? BackupArchiveError else { return false }
            return true
        }
        var damaged: [(String, Data)] = []
        damaged.append(("cut in the middle", bytes.prefix(bytes.count / 2)))
        damaged.append(("cut before the manifest", bytes.prefix(bytes.lastIndex(of: UInt8(ascii: "{")) ?? 0)))
        var altered = bytes
        let index = try #require(String(decoding: bytes, as: UTF8.self).range(of: "Dupont")).lowerBound.utf16Offset(in: String(decoding: bytes, as: UTF8.self))
        altered[index] = UInt8(ascii: "T")
        damaged.append(("one letter of a row changed", altered))
        damaged.append(("a line added after the manifest", bytes + Data("[1]\n".utf8)))
        damaged.append(("empty", Data()))
        for (label, data) in damaged {
            let path = folder.url.appendingPathComponent("damaged.gwbackup").path
            try data.write(to: URL(fileURLWithPath: path))
            await #expect(throws: BackupArchiveError.self, "\(label)") { try await BackupReader(path: path).verify() }
            let target = try await EngineFixture.make(.sqlite, cipher: Self.key)
            try await target.database.whileRunning {
                await #expect(throws: BackupArchiveError.self, "\(label)") {
                    try await BackupRestorer(database: target.database, logger: Self.logger).restore(from: path, replace: false)
                }
                #expect(((try? await UserRepository(database: target.database).count()) ?? 0) == 0, "\(label)")
            }
            try await target.cleanupAfter()
        }
    }

    @Test("a backup taken while imports write restores to a consistent state", arguments: allEngines)
    func concurrentWrites(engine: DatabaseEngine) async throws {
        let folder = TemporaryDirectory()
        let archive = folder.url.appendingPathComponent("busy.gwbackup").path
        let original = try await EngineFixture.make(engine, cipher: Self.key)
        try await original.database.whileRunning {
            try await Self.populate(original.database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for index in 0..<6 {
                        let tree = SyntheticTree(persons: 300, seed: UInt64(index + 1)).generate()
                        _ = try await GenealogyImporter(database: original.database)
                            .importDocument(tree, into: try BaseName("busy\(index)"), format: "gedcom", replace: false)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(50))
                    _ = try await BackupWriter(database: original.database).write(to: archive)
                }
                try await group.waitForAll()
            }
        }
        try await original.cleanupAfter()
        let restored = try await EngineFixture.make(engine, cipher: Self.key)
        try await restored.database.whileRunning {
            _ = try await BackupRestorer(database: restored.database, logger: Self.logger).restore(from: archive, replace: false)
            try await restored.database.withConnection { sql in
                let dangling = try await sql.raw(
                    """
                    SELECT count(*) AS n FROM family_members m LEFT JOIN persons p ON p.id = m.person_id WHERE p.id IS NULL
                    """
                ).first()?.decode(column: "n", as: Int.self)
                #expect(dangling == 0)
                // Each base is wholly in the archive or wholly out: 300 persons or none.
                let counts = try await sql.raw(
                    """
                    SELECT b.name AS name, count(p.id) AS n FROM bases b LEFT JOIN persons p ON p.base_id = b.id
                    WHERE b.name LIKE 'busy%' GROUP BY b.name
                    """
                ).all().map { try $0.decode(column: "n", as: Int.self) }
                #expect(counts.allSatisfy { $0 == 300 || $0 == 0 }, "\(counts)")
            }
        }
        try await restored.cleanupAfter()
    }
}
