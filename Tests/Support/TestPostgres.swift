import Foundation
import GenewebStore
import Logging
import SQLKit

/// Fresh, isolated databases on the test PostgreSQL server, one per test, so tests can run in
/// parallel and migrate from scratch.
public enum TestPostgres {
    /// Creates an empty database and returns its URL; `drop(_:)` removes it.
    public static func makeDatabase() async throws -> String {
        guard let serverURL = TestEnvironment.postgresURL else { throw TestSetupError.noPostgres }
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await withAdmin(serverURL) { sql in
            try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
        }
        return replacingDatabase(in: serverURL, with: name)
    }

    /// Drops a database made by `makeDatabase()`, closing its other connections first.
    public static func drop(_ url: String) async {
        guard let serverURL = TestEnvironment.postgresURL,
            let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty
        else { return }
        try? await withAdmin(serverURL) { sql in
            try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run()
        }
    }

    /// `url` with its database path replaced by `name`.
    public static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }

    private static func withAdmin(_ url: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let database = try Database(location: .postgres(url: url), logger: Logger(label: "test.admin"))
        try await database.whileRunning {
            try await database.withConnection { sql in try await body(sql) }
        }
    }
}

public enum TestSetupError: Error, CustomStringConvertible {
    case noPostgres
    case noBinary
    case timeout(String)

    public var description: String {
        switch self {
        case .noPostgres: "GENEWEB_TEST_POSTGRES_URL is not set: run the tests with scripts/test"
        case .noBinary: "the geneweb binary is not built: run the tests with scripts/test"
        case .timeout(let what): "timed out: \(what)"
        }
    }
}
