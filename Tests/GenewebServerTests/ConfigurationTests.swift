import GenewebServer
import GenewebStore
import Logging
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("defaults: 127.0.0.1:8080, SQLite under ./data, text logs, production")
    func defaults() throws {
        let configuration = try AppConfiguration.load(environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.debug == false)
        #expect(configuration.environmentName == "production")
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .text)
        guard case .sqlite(let path) = configuration.storage else {
            Issue.record("expected SQLite")
            return
        }
        #expect(path.hasSuffix("data/geneweb.sqlite"))
    }

    @Test("every variable is read")
    func variables() throws {
        let configuration = try AppConfiguration.load(environment: [
            "GENEWEB_API_HOST": "0.0.0.0", "GENEWEB_API_PORT": "9090", "GENEWEB_DEBUG": "true",
            "GENEWEB_DATA_DIR": "/data", "GENEWEB_LOG_LEVEL": "WARNING", "GENEWEB_LOG_FORMAT": "json",
            "DATABASE_URL": "postgres://u:p@db:5432/geneweb", "GENEWEB_SHUTDOWN_GRACE_SECONDS": "7",
            "GENEWEB_MEDIA_MAX_BYTES": "5000000",
        ])
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9090)
        #expect(configuration.debug)
        #expect(configuration.dataDirectory == "/data")
        #expect(configuration.logLevel == .warning)
        #expect(configuration.logFormat == .json)
        #expect(configuration.storage == .postgres(url: "postgres://u:p@db:5432/geneweb"))
        #expect(configuration.shutdownGracePeriod == .seconds(7))
        #expect(configuration.mediaMaxBytes == 5_000_000)
        #expect(try AppConfiguration.load(environment: [:]).mediaMaxBytes == 20 * 1024 * 1024)
    }

    @Test("GENEWEB_DB_DATABASE_URL wins over DATABASE_URL, and the flag wins over both")
    func precedence() throws {
        let environment = ["DATABASE_URL": "postgres://a@h/one", "GENEWEB_DB_DATABASE_URL": "postgres://a@h/two"]
        #expect(try AppConfiguration.load(environment: environment).storage == .postgres(url: "postgres://a@h/two"))
        let flagged = try AppConfiguration.load(environment: environment, overrides: .init(host: "::1", port: 1234, databaseURL: "postgres://a@h/three"))
        #expect(flagged.storage == .postgres(url: "postgres://a@h/three"))
        #expect(flagged.host == "::1")
        #expect(flagged.port == 1234)
    }

    @Test(
        "invalid values name their variable",
        arguments: [
            ("GENEWEB_API_PORT", "abc"),
            ("GENEWEB_API_PORT", "70000"),
            ("GENEWEB_LOG_LEVEL", "loud"),
            ("GENEWEB_LOG_FORMAT", "xml"),
            ("GENEWEB_DEBUG", "maybe"),
            ("DATABASE_URL", "mysql://u@h/db"),
            ("DATABASE_URL", "postgres://nohost"),
            ("GENEWEB_SHUTDOWN_GRACE_SECONDS", "-1"),
            ("GENEWEB_MEDIA_MAX_BYTES", "0"),
            ("GENEWEB_MEDIA_MAX_BYTES", "lots"),
        ])
    func invalid(variable: String, value: String) {
        do {
            _ = try AppConfiguration.load(environment: [variable: value])
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.variable == variable)
            #expect(error.description.hasPrefix("invalid \(variable)="))
        }
    }

    @Test(
        "the first admin's variables are checked at load, and each problem names its own variable",
        arguments: [
            ("ab", "a long enough admin passphrase", "GENEWEB_ADMIN_USERNAME"),
            ("ann smith!", "a long enough admin passphrase", "GENEWEB_ADMIN_USERNAME"),
            ("anna", "short", "GENEWEB_ADMIN_PASSWORD"),
            ("anna", "anna2024anna", "GENEWEB_ADMIN_PASSWORD"),
        ])
    func firstAdmin(username: String, password: String, variable: String) {
        do {
            _ = try AppConfiguration.load(environment: ["GENEWEB_ADMIN_USERNAME": username, "GENEWEB_ADMIN_PASSWORD": password])
            Issue.record("\(username) / \(password) was accepted")
        } catch {
            #expect(error.variable == variable)
            #expect(!error.description.contains(password), "the password is never printed")
        }
    }
}
