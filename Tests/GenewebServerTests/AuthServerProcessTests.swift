import Foundation
import GenewebStore
import GenewebTestSupport
import Testing

/// Accounts through the real binary: the first admin from the environment, revocations that
/// survive a restart on PostgreSQL, and `geneweb user`.
@Suite("Accounts in the geneweb binary", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct AuthServerProcessTests {
    static let secret = "binary-test-secret-key-longer-than-32-bytes"

    static func environment(_ storage: [String: String]) -> [String: String] {
        storage.merging([
            "GENEWEB_SECURITY_SECRET_KEY": secret,
            "GENEWEB_ADMIN_USERNAME": "root",
            "GENEWEB_ADMIN_PASSWORD": "root passphrase for the binary",
            "GENEWEB_DEBUG": "true",
            "GENEWEB_AUTH_BCRYPT_COST": "4",
            "GENEWEB_LOG_LEVEL": "info",
        ]) { _, new in new }
    }

    static func login(_ server: ServerProcess) async throws -> (access: String, refresh: String) {
        let (status, json) = try await HTTP.postJSON(
            server.baseURL.appendingPathComponent("auth/login"),
            [
                "username": "root", "password": "root passphrase for the binary",
            ])
        guard status == 200, let access = json["access_token"] as? String, let refresh = json["refresh_token"] as? String else {
            throw TestSetupError.timeout("login failed with \(status): \(server.log)")
        }
        return (access, refresh)
    }

    static func me(_ server: ServerProcess, _ token: String) async throws -> Int {
        try await HTTP.send("GET", server.baseURL.appendingPathComponent("auth/me"), headers: ["Authorization": "Bearer \(token)"]).status
    }

    @Test(
        "logout, reuse detection and sessions survive a restart on PostgreSQL",
        .enabled(if: TestEnvironment.runsPostgresTests, "needs PostgreSQL: run scripts/test"))
    func revocationSurvivesRestart() async throws {
        let url = try await TestPostgres.makeDatabase()
        defer { Task { await TestPostgres.drop(url) } }
        let env = Self.environment(["DATABASE_URL": url])
        let first = try ServerProcess(arguments: ["serve"], environment: env)
        try await first.waitUntilHealthy()
        let loggedOut = try await Self.login(first)
        let rotated = try await Self.login(first)
        let kept = try await Self.login(first)
        #expect(try await HTTP.postJSON(first.baseURL.appendingPathComponent("auth/logout"), [:], token: loggedOut.access).status == 200)
        let (refreshStatus, refreshed) = try await HTTP.postJSON(first.baseURL.appendingPathComponent("auth/refresh"), ["refresh_token": rotated.refresh])
        #expect(refreshStatus == 200)
        let newAccess = try #require(refreshed["access_token"] as? String)
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)

        let second = try ServerProcess(arguments: ["serve"], environment: env, port: first.port)
        try await second.waitUntilHealthy()
        #expect(try await Self.me(second, loggedOut.access) == 401)
        #expect(try await Self.me(second, kept.access) == 200)
        #expect(try await Self.me(second, newAccess) == 200)
        // The spent refresh token, replayed after the restart: reuse, the session dies.
        #expect(try await HTTP.postJSON(second.baseURL.appendingPathComponent("auth/refresh"), ["refresh_token": rotated.refresh]).status == 401)
        #expect(try await Self.me(second, newAccess) == 401)
        #expect(try await Self.me(second, kept.access) == 200)
        // The bootstrap made one admin, once.
        let (usersStatus, users) = try await {
            let result = try await HTTP.send("GET", second.baseURL.appendingPathComponent("api/v1/users"), headers: ["Authorization": "Bearer \(kept.access)"])
            return (result.status, (try? JSONSerialization.jsonObject(with: result.body)) as? [String: Any] ?? [:])
        }()
        #expect(usersStatus == 200)
        #expect(users["total"] as? Int == 1)
        #expect(!second.log.contains("root passphrase for the binary"))
        #expect(!second.log.contains(Self.secret))
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }

    @Test("production without GENEWEB_SECURITY_SECRET_KEY refuses to start; a short key too")
    func secretRequired() async throws {
        let directory = TemporaryDirectory()
        let missing = try await runGeneweb(["serve"], environment: ["GENEWEB_API_HOST": "0.0.0.0", "GENEWEB_DATA_DIR": directory.path])
        #expect(missing.status == 2)
        #expect(missing.output.contains("GENEWEB_SECURITY_SECRET_KEY"))
        let short = try await runGeneweb(["serve"], environment: ["GENEWEB_SECURITY_SECRET_KEY": "too-short", "GENEWEB_DATA_DIR": directory.path])
        #expect(short.status == 2)
        #expect(short.output.contains("at least 32 bytes"))
        #expect(!short.output.contains("too-short"))
    }

    @Test("geneweb user create/list/set-role/disable/reset-password on SQLite; the account signs in over HTTP")
    func userCommand() async throws {
        let directory = TemporaryDirectory()
        let base = ["--data-dir", directory.path]
        let env = ["GENEWEB_AUTH_BCRYPT_COST": "4", "GENEWEB_DEBUG": "true"]
        let created = try await runGeneweb(
            ["user", "create", "Marie", "--role", "admin", "--email", "marie@example.org"] + base, environment: env, standardInput: "marie's long passphrase\n")
        #expect(created.status == 0)
        #expect(created.output.contains("created admin Marie"))
        let weak = try await runGeneweb(["user", "create", "paul"] + base, environment: env, standardInput: "short\n")
        #expect(weak.status == 1)
        #expect(weak.output.contains("at least 12 characters"))
        let duplicate = try await runGeneweb(["user", "create", "MARIE"] + base, environment: env, standardInput: "another long passphrase\n")
        #expect(duplicate.status == 1)
        #expect(try await runGeneweb(["user", "create", "paul"] + base, environment: env, standardInput: "paul's long passphrase\n").status == 0)
        #expect(try await runGeneweb(["user", "set-role", "paul", "editor"] + base, environment: env).status == 0)
        #expect(try await runGeneweb(["user", "set-role", "nobody", "editor"] + base, environment: env).status == 1)
        #expect(try await runGeneweb(["user", "disable", "paul"] + base, environment: env).status == 0)
        let list = try await runGeneweb(["user", "list"] + base, environment: env)
        #expect(list.output.contains("Marie\tadmin\tactive\tmarie@example.org"))
        #expect(list.output.contains("paul\teditor\tdisabled"))
        let reset = try await runGeneweb(["user", "reset-password", "marie"] + base, environment: env, standardInput: "marie's new long passphrase\n")
        #expect(reset.status == 0)

        let server = try ServerProcess(arguments: ["serve", "--data-dir", directory.path], environment: env)
        try await server.waitUntilHealthy()
        let login = try await HTTP.postJSON(
            server.baseURL.appendingPathComponent("auth/login"), ["username": "marie", "password": "marie's new long passphrase"])
        #expect(login.status == 200)
        #expect((login.json["user"] as? [String: Any])?["role"] as? String == "admin")
        let disabled = try await HTTP.postJSON(server.baseURL.appendingPathComponent("auth/login"), ["username": "paul", "password": "paul's long passphrase"])
        #expect(disabled.status == 403)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}

@Suite("Production start-up and key rotation in the binary", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct ProductionStartTests {
    static let secret = "production-secret-key-longer-than-32-bytes"
    static let keyA = "encryption-key-number-one-longer-than-32-bytes"
    static let keyB = "encryption-key-number-two-longer-than-32-bytes"

    @Test("as the image runs it (0.0.0.0, /data-like folder, JSON logs): needs both keys, then serves /health/ and stops on SIGTERM")
    func imageLikeStart() async throws {
        let directory = TemporaryDirectory()
        let base = ["GENEWEB_API_HOST": "0.0.0.0", "GENEWEB_DATA_DIR": directory.path, "GENEWEB_LOG_FORMAT": "json"]
        let withoutKey = try await runGeneweb(["serve"], environment: base.merging(["GENEWEB_SECURITY_SECRET_KEY": Self.secret]) { $1 })
        #expect(withoutKey.status == 2)
        #expect(withoutKey.output.contains("GENEWEB_SECURITY_ENCRYPTION_KEY"))
        let server = try ServerProcess(
            arguments: ["serve"],
            environment: base.merging([
                "GENEWEB_SECURITY_SECRET_KEY": Self.secret, "GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyA,
            ]) { $1 })
        try await server.waitUntilHealthy()
        let (status, _) = try await HTTP.get(server.baseURL.appendingPathComponent("health/"))
        #expect(status == 200)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
        #expect(!server.log.contains(Self.keyA) && !server.log.contains(Self.secret))
        #expect(server.log.split(separator: "\n").allSatisfy { $0.hasPrefix("{") })
    }

    @Test("geneweb reencrypt moves sealed fields to the new key; the old key can then go")
    func rotation() async throws {
        let directory = TemporaryDirectory()
        let dir = ["--data-dir", directory.path]
        let common = ["GENEWEB_AUTH_BCRYPT_COST": "4", "GENEWEB_DEBUG": "true"]
        let withA = common.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyA]) { $1 }
        let created = try await runGeneweb(
            ["user", "create", "lea", "--email", "lea@example.org"] + dir, environment: withA, standardInput: "lea's long passphrase\n")
        #expect(created.status == 0)
        let withBOnly = common.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyB]) { $1 }
        let unreadable = try await runGeneweb(["user", "list"] + dir, environment: withBOnly)
        #expect(unreadable.status != 0, "the new key alone cannot open values sealed with the old one")
        let rotating = common.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyB, "GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS": Self.keyA]) { $1 }
        let reencrypt = try await runGeneweb(["reencrypt"] + dir, environment: rotating)
        #expect(reencrypt.status == 0)
        #expect(reencrypt.output.contains("re-sealed: 1 user emails"))
        let list = try await runGeneweb(["user", "list"] + dir, environment: withBOnly)
        #expect(list.status == 0)
        #expect(list.output.contains("lea@example.org"))
    }

    @Test("a wrong or missing encryption key stops the start with a clear error; rotation then reencrypt fixes it")
    func wrongKey() async throws {
        let directory = TemporaryDirectory()
        let base = ["GENEWEB_DATA_DIR": directory.path, "GENEWEB_DEBUG": "true"]
        let first = try ServerProcess(arguments: ["serve"], environment: base.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyA]) { $1 })
        try await first.waitUntilHealthy()
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)

        let wrong = try await runGeneweb(["serve"], environment: base.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyB]) { $1 })
        #expect(wrong.status == 2)
        #expect(wrong.output.contains("cannot open this database's sealed fields"))
        #expect(!wrong.output.contains(Self.keyA) && !wrong.output.contains(Self.keyB))
        let missing = try await runGeneweb(["serve"], environment: base)
        #expect(missing.status == 2)
        #expect(missing.output.contains("GENEWEB_SECURITY_ENCRYPTION_KEY is not set"))

        let rotating = base.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyB, "GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS": Self.keyA]) { $1 }
        #expect(try await runGeneweb(["reencrypt", "--data-dir", directory.path], environment: rotating).status == 0)
        let second = try ServerProcess(arguments: ["serve"], environment: base.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": Self.keyB]) { $1 })
        try await second.waitUntilHealthy()
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }

    @Test("/metrics of a fresh process counts exactly the requests made, by route pattern and status")
    func exactMetrics() async throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(arguments: ["serve", "--data-dir", directory.path], environment: ["GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE": "0"])
        try await server.waitUntilHealthy()
        for _ in 1...3 { _ = try await HTTP.get(server.baseURL.appendingPathComponent("api/v1/persons/\(UUID().uuidString)")) }
        for _ in 1...2 { _ = try await HTTP.get(server.baseURL.appendingPathComponent("api/v1/persons")) }
        _ = try await HTTP.get(server.baseURL.appendingPathComponent("no/such/route"))
        let (status, body) = try await HTTP.get(server.baseURL.appendingPathComponent("metrics"))
        #expect(status == 200)
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n").map(String.init)
        func count(_ endpoint: String, _ code: String) -> String? {
            lines.first {
                $0.hasPrefix("geneweb_http_requests_total{") && $0.contains("endpoint=\"\(endpoint)\"") && $0.contains("status_code=\"\(code)\"")
                    && $0.contains("method=\"GET\"")
            }?
            .split(separator: " ").last.map(String.init)
        }
        #expect(count("/api/v1/persons/{person_id}", "404") == "3")
        #expect(count("/api/v1/persons", "200") == "2")
        #expect(count("unmatched", "404") == "1")
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test("a person created over HTTP is found after a restart, in reads, lists and by key")
    func personSurvivesRestart() async throws {
        let directory = TemporaryDirectory()
        let env = [
            "GENEWEB_DATA_DIR": directory.path, "GENEWEB_DEBUG": "true", "GENEWEB_AUTH_BCRYPT_COST": "4",
            "GENEWEB_SECURITY_SECRET_KEY": AuthServerProcessTests.secret,
            "GENEWEB_ADMIN_USERNAME": "root", "GENEWEB_ADMIN_PASSWORD": "root passphrase for the binary",
        ]
        let first = try ServerProcess(arguments: ["serve"], environment: env)
        try await first.waitUntilHealthy()
        let token = try await AuthServerProcessTests.login(first).access
        let (status, created) = try await HTTP.postJSON(
            first.baseURL.appendingPathComponent("api/v1/persons/"),
            ["first_name": "Restart", "last_name": "Proof", "birth_date": "1850"], token: token)
        #expect(status == 201)
        let id = try #require(created["id"] as? String)
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        let second = try ServerProcess(arguments: ["serve"], environment: env, port: first.port)
        try await second.waitUntilHealthy()
        #expect(try await HTTP.get(second.baseURL.appendingPathComponent("api/v1/persons/\(id)")).0 == 200)
        #expect(try await HTTP.get(second.baseURL.appendingPathComponent("api/v1/persons/by-key/restart.0.proof")).0 == 200)
        let (_, list) = try await HTTP.get(URL(string: "\(second.baseURL)/api/v1/persons?last_name=proof")!)
        #expect(String(decoding: list, as: UTF8.self).contains(id))
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }
}
