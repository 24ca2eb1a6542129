import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Logging
import SQLKit
import Testing

/// Hostile files through the whole import into a real database. Mutated files (see `ReaderFuzz`):
/// each import completes or fails with an error and leaves the base as it was; what was imported
/// reads back, and no NUL reaches the database.
@Suite("Importing hostile files")
struct ImportFuzzTests {
    @Test("NUL characters are dropped with warnings and huge numbers read as text: the import succeeds", arguments: allEngines)
    func nulAndHugeNumbers(engine: DatabaseEngine) async throws {
        let text = """
            0 HEAD
            1 CHAR UTF-8
            0 @I1@ INDI
            1 NAME Je\u{0}an /Dupont/
            1 BIRT
            2 DATE 1 JAN 9223372036854775807
            1 NOTE a note\u{0} with a NUL
            99999999999999999999 X
            0 @N1@ NOTE shared\u{0}
            0 TRLR

            """
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.fuzz")).migrate()
            let file = try GenealogyFile.open(Array(text.utf8), fileName: "nul.ged", format: .auto)
            let report = try await GenealogyImporter(database: database).importFile(file, into: try BaseName("nul"), replace: false)
            #expect(report.persons == 1 && report.notes == 1)
            #expect(
                report.warnings.filter { $0.contains("NUL character dropped") } == [
                    "line 4: NUL character dropped", "line 7: NUL character dropped", "line 9: NUL character dropped",
                ])
            #expect(report.warnings.contains { $0.hasPrefix("line 8: line without level number") })
            let document = try #require(try await GenealogyExporter(database: database).load(try BaseName("nul")))
            let person = try #require(document.persons.first)
            #expect(person.firstName == "Jean" && person.surname == "Dupont")
            #expect(person.notes == "a note with a NUL\n99999999999999999999 X")
            #expect(person.events.first?.date == .text("1 JAN 9223372036854775807"))
            #expect(document.notes.first?.text == "shared")
        }
    }

    @Test("mutated files are imported or refused, all or nothing, and read back", arguments: allEngines)
    func mutatedImports(engine: DatabaseEngine) async throws {
        if !Corpus.runsTests { print("import fuzz: corpus not found (set GENEWEB_CORPUS_DIR); mutating the built-in files only") }
        let files = ReaderFuzz.seedFiles(corpus: Corpus.runsTests ? Corpus.directory : nil)
        let seed = ReaderFuzz.seed
        // PostgreSQL imports cost more (a server round trip per batch): fewer cases there.
        let indexes = ReaderFuzz.caseIndexes(defaultCount: engine == .sqlite ? 160 : 60, share: engine == .sqlite ? 0.1 : 0.04)
        let current = FuzzCaseFile(name: "import-fuzz-\(engine)")
        print("import fuzz (\(engine)): seed \(seed), \(indexes.count) cases; the case being imported is kept in \(current.path)")
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.fuzz")).migrate()
            let importer = GenealogyImporter(database: database)
            let base = try BaseName("fuzz")
            var imported = 0
            var failed = 0
            var refused = 0
            var persons = 0
            for index in indexes {
                let fuzzCase = ReaderFuzz.makeCase(index, seed: seed, files: files)
                current.keep(fuzzCase)
                guard let file = try? GenealogyFile.open(fuzzCase.bytes, fileName: fuzzCase.file, format: .auto) else {
                    refused += 1
                    continue
                }
                do {
                    let report = try await importer.importFile(file, into: base, replace: true)
                    imported += 1
                    persons = report.persons
                    try await checkImported(base, persons: persons, database: database, engine: engine, fuzzCase: fuzzCase)
                } catch {
                    failed += 1
                    // PostgreSQL refuses a NUL in text: the readers must have dropped every one.
                    #expect(!"\(error)".contains("0x00") && !"\(error)".contains("u0000"), "\(fuzzCase): \(error)")
                    if failed <= 5 { print("import fuzz (\(engine)): \(fuzzCase) failed: \(error)") }
                    // All or nothing: the base still holds the previous import.
                    let count = try await personCount(base, database: database)
                    #expect(count == persons, "\(fuzzCase): a failed import (\(error)) left \(count) persons instead of \(persons)")
                }
            }
            current.remove()
            print("import fuzz (\(engine)): \(imported) imported, \(failed) failed cleanly, \(refused) refused by the readers")
            #expect(imported > failed + refused)
        }
    }

    /// The base holds what the report said, no NUL in its texts, and reads back whole.
    func checkImported(_ base: BaseName, persons: Int, database: Database, engine: DatabaseEngine, fuzzCase: FuzzCase) async throws {
        #expect(try await personCount(base, database: database) == persons, "\(fuzzCase)")
        // SQLite would store a NUL that reached it (PostgreSQL fails the import instead, seen above).
        if engine == .sqlite {
            try await expectNoNul(base, database: database, fuzzCase: fuzzCase)
        }
        let exported = try #require(try await GenealogyExporter(database: database).load(base), "\(fuzzCase)")
        #expect(exported.persons.count == persons, "\(fuzzCase)")
    }

    func expectNoNul(_ base: BaseName, database: Database, fuzzCase: FuzzCase) async throws {
        let withNul = try await database.withConnection { sql in
            try await sql.raw(
                """
                SELECT count(*) AS n FROM persons
                WHERE base_id = (SELECT id FROM bases WHERE name = \(bind: base.rawValue))
                  AND (instr(first_name, char(0)) > 0 OR instr(surname, char(0)) > 0 OR instr(document, char(0)) > 0
                       OR instr(document, \(bind: "\\u0000")) > 0)
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        #expect(withNul == 0, "\(fuzzCase): \(withNul) persons hold a NUL")
    }

    func personCount(_ base: BaseName, database: Database) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.raw(
                """
                SELECT count(*) AS n FROM persons WHERE base_id = (SELECT id FROM bases WHERE name = \(bind: base.rawValue))
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
