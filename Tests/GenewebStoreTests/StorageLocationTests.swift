import GenewebStore
import Testing

@Suite("Choosing the storage from DATABASE_URL")
struct StorageLocationTests {
    @Test("no URL means the SQLite file geneweb.sqlite in the data directory")
    func defaultIsSQLite() throws {
        let location = try StorageLocation.resolve(databaseURL: nil, dataDirectory: "/srv/data")
        #expect(location == .sqlite(path: "/srv/data/geneweb.sqlite"))
        #expect(try StorageLocation.resolve(databaseURL: "  ", dataDirectory: "/d") == .sqlite(path: "/d/geneweb.sqlite"))
    }

    @Test(
        "postgres URLs in their usual spellings are accepted",
        arguments: [
            "postgres://u:p@db.internal:5432/geneweb",
            "postgresql://u@localhost/geneweb?sslmode=disable",
            "postgres://geneweb:secret@geneweb-db.flycast:5432/geneweb?sslmode=disable",
        ])
    func postgresAccepted(url: String) throws {
        #expect(try StorageLocation.resolve(databaseURL: url, dataDirectory: "/d") == .postgres(url: url))
    }

    @Test(
        "malformed URLs are refused with the reason",
        arguments: [
            "mysql://u:p@h/db",
            "postgres://",
            "postgres://user@host",
            "postgres://user@host:99999/db",
            "not a url",
        ])
    func malformedRefused(url: String) {
        #expect(throws: StorageLocationError.self) {
            try StorageLocation.resolve(databaseURL: url, dataDirectory: "/d")
        }
    }

    @Test("passwords never appear in descriptions or errors")
    func passwordsMasked() throws {
        let location = try StorageLocation.resolve(databaseURL: "postgres://u:hunter2@h/db", dataDirectory: "/d")
        #expect(!location.description.contains("hunter2"))
        do {
            _ = try StorageLocation.resolve(databaseURL: "mysql://u:hunter2@h/db", dataDirectory: "/d")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test("sqlite: URLs name a file")
    func sqliteURL() throws {
        #expect(try StorageLocation.resolve(databaseURL: "sqlite:///tmp/x.db", dataDirectory: "/d") == .sqlite(path: "/tmp/x.db"))
    }
}
