import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization

/// A clock the tests move forward, to expire tokens and lock-outs without waiting.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }

    var authClock: AuthClock { AuthClock { Date().addingTimeInterval(self.offset.withLock { $0 }) } }
}

enum AuthFixture {
    static let secret = "test-secret-key-of-more-than-thirty-two-bytes"
    static let adminName = "admin"
    static let adminPassword = "admin passphrase for tests"

    /// A configuration with a fixed key, the first admin, and a cheap bcrypt cost (the cost is
    /// the only difference from production: the code path is the same).
    static func configuration(
        directory: TemporaryDirectory, storage: StorageLocation? = nil,
        publicRead: Bool = true, registration: Bool = false
    ) -> AppConfiguration {
        var configuration = testConfiguration(storage: storage, directory: directory)
        configuration.auth.secretKey = secret
        configuration.auth.bcryptCost = 4
        configuration.auth.bootstrapAdmin = (adminName, adminPassword)
        configuration.auth.publicRead = publicRead
        configuration.auth.allowRegistration = registration
        return configuration
    }
}

struct Tokens {
    let access: String
    let refresh: String
}

extension TestClientProtocol {
    func request(
        _ method: HTTPRequest.Method, _ uri: String, json: [String: Any]? = nil, token: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    func login(_ username: String, _ password: String) async throws -> Tokens {
        let response = try await request(.post, "/auth/login", json: ["username": username, "password": password])
        guard response.status == .ok else {
            throw TestFailure("login of \(username) answered \(response.status): \(String(buffer: response.body))")
        }
        let json = try response.json
        return Tokens(access: json["access_token"] as? String ?? "", refresh: json["refresh_token"] as? String ?? "")
    }

    func loginAdmin() async throws -> Tokens {
        try await login(AuthFixture.adminName, AuthFixture.adminPassword)
    }

    /// Creates an account through the admin API and signs it in.
    func makeUser(_ name: String, role: UserRole, admin: Tokens) async throws -> Tokens {
        let password = "\(name) has a long passphrase"
        let response = try await request(
            .post, "/api/v1/users",
            json: [
                "username": name, "password": password, "email": "\(name)@example.org", "full_name": name.capitalized, "role": role.rawValue,
            ], token: admin.access)
        guard response.status == .created else {
            throw TestFailure("creating \(name) answered \(response.status): \(String(buffer: response.body))")
        }
        return try await login(name, password)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The engines an HTTP test runs on: SQLite always, PostgreSQL when the test server is there.
let serverEngines: [DatabaseEngine] = TestEnvironment.runsPostgresTests ? [.sqlite, .postgres] : [.sqlite]

/// Builds the app on `engine` with the auth fixture and runs `body` against it in-process.
func withAuthApp(
    _ engine: DatabaseEngine = .sqlite, clock: TestClock = TestClock(), publicRead: Bool = true, registration: Bool = false,
    logger: Logger = testLogger,
    catalog: RouteCatalog = RouteCatalog(),
    configure: (inout AppConfiguration) -> Void = { _ in },
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    let directory = TemporaryDirectory()
    var storage: StorageLocation?
    var postgresURL: String?
    if engine == .postgres {
        let url = try await TestPostgres.makeDatabase()
        postgresURL = url
        storage = .postgres(url: url)
    }
    var configuration = AuthFixture.configuration(directory: directory, storage: storage, publicRead: publicRead, registration: registration)
    configure(&configuration)
    let app = try await buildApplication(configuration: configuration, logger: logger, clock: clock.authClock, catalog: catalog)
    do {
        try await app.test(.router, body)
    } catch {
        if let postgresURL { await TestPostgres.drop(postgresURL) }
        throw error
    }
    if let postgresURL { await TestPostgres.drop(postgresURL) }
}
