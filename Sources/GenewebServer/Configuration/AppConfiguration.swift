import Foundation
import GenewebStore
import Logging

/// Everything the server reads from its environment, read once at start.
///
/// Names follow the Python Geneweb API (`GENEWEB_*`, `DATABASE_URL`) so the same Fly.io secrets and
/// `fly.toml` work for both. Command-line flags override the environment. An invalid value stops
/// the start with a `ConfigurationError` naming the variable.
public struct AppConfiguration: Sendable {
    /// Interface to bind: `127.0.0.1` by default (a laptop), `0.0.0.0` in the container.
    public var host: String
    /// TCP port, 8080 by default as on Fly.io.
    public var port: Int
    /// Debug mode: more logging, ephemeral secrets allowed.
    public var debug: Bool
    /// Folder for the embedded SQLite file and other server data.
    public var dataDirectory: String
    /// Where the bases are stored.
    public var storage: StorageLocation
    /// Minimum level of log lines.
    public var logLevel: Logger.Level
    /// `json` for one JSON object per line (production), `text` for people.
    public var logFormat: LogFormat
    /// How long in-flight requests may run after SIGTERM before they are cancelled.
    public var shutdownGracePeriod: Duration
    /// Largest genealogy file an import accepts, in bytes.
    public var importMaxBytes: Int = 100 * 1024 * 1024
    /// Largest media file an upload accepts, in bytes (`GENEWEB_MEDIA_MAX_BYTES`, 20 MB).
    public var mediaMaxBytes: Int = 20 * 1024 * 1024
    /// The base of routes without `/bases/{base}` (`GENEWEB_DEFAULT_BASE`; else `default`, else the first).
    public var defaultBase: String?
    /// Bearer token protecting `/metrics` (`GENEWEB_MONITORING_METRICS_TOKEN`); nil: open.
    public var metricsToken: String?
    /// Accounts, tokens, registration and public reading.
    public var auth = AuthSettings()
    /// Trusted hosts, HTTPS, CORS and rate limiting.
    public var security = SecuritySettings()
    /// Field encryption at rest (`GENEWEB_SECURITY_ENCRYPTION_KEY`, old keys for rotation); nil: off.
    public var encryption: FieldCipher?
    /// Scheduled backups and the folder of archives.
    public var backups = BackupSettings()
    /// How many exports and imports run at once (`GENEWEB_EXPORT_*`, `GENEWEB_IMPORT_MAX_CONCURRENT`).
    public var transfers = TransferSettings()

    /// Values given on the command line; each one present wins over the environment.
    public struct Overrides: Sendable {
        public var host: String?
        public var port: Int?
        public var databaseURL: String?
        public var dataDirectory: String?

        public init(host: String? = nil, port: Int? = nil, databaseURL: String? = nil, dataDirectory: String? = nil) {
            self.host = host
            self.port = port
            self.databaseURL = databaseURL
            self.dataDirectory = dataDirectory
        }
    }

    /// The output format of log lines.
    public enum LogFormat: String, Sendable, CaseIterable {
        case json
        case text
    }

    /// "production" or "development", as reported by the health routes.
    public var environmentName: String { debug ? "development" : "production" }

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        debug: Bool = false,
        dataDirectory: String = "./data",
        storage: StorageLocation? = nil,
        logLevel: Logger.Level = .info,
        logFormat: LogFormat = .text,
        shutdownGracePeriod: Duration = .seconds(25)
    ) {
        self.host = host
        self.port = port
        self.debug = debug
        self.dataDirectory = dataDirectory
        self.storage = storage ?? .sqlite(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent(StorageLocation.defaultSQLiteFileName).path)
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.shutdownGracePeriod = shutdownGracePeriod
    }

    /// Reads the configuration from environment variables, then applies the overrides.
    /// `forServer` false is for the operator commands (migrate, import, user...), which never
    /// sign tokens and so do not need the production secrets.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        overrides: Overrides = .init(),
        forServer: Bool = true
    ) throws(ConfigurationError) -> AppConfiguration {
        let env = EnvironmentReader(environment)
        var configuration = AppConfiguration()
        configuration.debug = try env.bool("GENEWEB_DEBUG") ?? false
        configuration.host = overrides.host ?? env.string("GENEWEB_API_HOST") ?? "127.0.0.1"
        if let port = overrides.port {
            guard (1...65535).contains(port) else {
                throw ConfigurationError(variable: "--port", value: String(port), expected: "an integer between 1 and 65535")
            }
            configuration.port = port
        } else {
            configuration.port = try env.integer("GENEWEB_API_PORT", in: 1...65535) ?? 8080
        }
        configuration.dataDirectory = overrides.dataDirectory ?? env.string("GENEWEB_DATA_DIR") ?? "./data"
        let (urlSource, url): (String, String?) =
            if let flag = overrides.databaseURL { ("--database-url", flag) } else if let url = env.string("GENEWEB_DB_DATABASE_URL") {
                ("GENEWEB_DB_DATABASE_URL", url)
            } else { ("DATABASE_URL", env.string("DATABASE_URL")) }
        do {
            configuration.storage = try StorageLocation.resolve(databaseURL: url, dataDirectory: configuration.dataDirectory)
        } catch {
            throw ConfigurationError(variable: urlSource, value: error.redactedURL, expected: error.reason)
        }
        configuration.logLevel =
            try env.choice("GENEWEB_LOG_LEVEL", from: Logger.Level.allCases.map(\.rawValue))
            .flatMap(Logger.Level.init(rawValue:)) ?? (configuration.debug ? .debug : .info)
        configuration.logFormat =
            try env.choice("GENEWEB_LOG_FORMAT", from: LogFormat.allCases.map(\.rawValue))
            .flatMap(LogFormat.init(rawValue:)) ?? .text
        if let bytes = try env.integer("GENEWEB_IMPORT_MAX_BYTES", in: 1...(1 << 40)) {
            configuration.importMaxBytes = bytes
        }
        if let bytes = try env.integer("GENEWEB_MEDIA_MAX_BYTES", in: 1...(1 << 32)) {
            configuration.mediaMaxBytes = bytes
        }
        if let seconds = try env.integer("GENEWEB_SHUTDOWN_GRACE_SECONDS", in: 0...3600) {
            configuration.shutdownGracePeriod = .seconds(seconds)
        }
        configuration.defaultBase = env.string("GENEWEB_DEFAULT_BASE")
        configuration.metricsToken = env.string("GENEWEB_MONITORING_METRICS_TOKEN")
        try configuration.auth.load(from: env, debug: configuration.debug)
        try configuration.security.load(from: env)
        try configuration.backups.load(from: env)
        try configuration.transfers.load(from: env)
        configuration.encryption = try Self.cipher(from: env)
        if forServer, configuration.auth.secretKey == nil, configuration.isProduction {
            throw ConfigurationError(
                variable: "GENEWEB_SECURITY_SECRET_KEY", value: "",
                expected: "a secret of at least 32 bytes in production (GENEWEB_DEBUG false and a non-loopback host); generate one with `geneweb secrets`"
            )
        }
        if forServer, configuration.encryption == nil, configuration.isProduction {
            throw ConfigurationError(
                variable: "GENEWEB_SECURITY_ENCRYPTION_KEY", value: "",
                expected: "a key of at least 32 bytes in production, for personal fields at rest; generate one with `geneweb secrets`"
            )
        }
        return configuration
    }

    /// The cipher of `GENEWEB_SECURITY_ENCRYPTION_KEY`, able to open values sealed with any of
    /// `GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS` (comma-separated) until `geneweb reencrypt` ran.
    static func cipher(from env: EnvironmentReader) throws(ConfigurationError) -> FieldCipher? {
        guard let key = env.string("GENEWEB_SECURITY_ENCRYPTION_KEY") else {
            if env.string("GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS") != nil {
                throw ConfigurationError(
                    variable: "GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS", value: "<hidden>", expected: "set together with GENEWEB_SECURITY_ENCRYPTION_KEY")
            }
            return nil
        }
        guard key.utf8.count >= 32 else {
            throw ConfigurationError(
                variable: "GENEWEB_SECURITY_ENCRYPTION_KEY", value: "<\(key.utf8.count) bytes>",
                expected: "at least 32 bytes (generate one with `geneweb secrets`)")
        }
        let old = (env.string("GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return FieldCipher(current: .init(secret: key), old: old.map { FieldCipher.Key(secret: $0) })
    }

    /// Production: not in debug mode and reachable from other machines. Secrets are then required.
    public var isProduction: Bool {
        !debug && !["127.0.0.1", "::1", "localhost"].contains(host)
    }
}

/// A configuration value the server cannot start with.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The environment variable or flag at fault.
    public let variable: String
    /// The offending value, with any password masked.
    public let value: String
    /// What would have been accepted.
    public let expected: String

    public var description: String {
        "invalid \(variable)=\"\(value)\": expected \(expected)"
    }
}

extension StorageLocationError {
    var redactedURL: String {
        switch self {
        case .malformed(let url, _): url
        }
    }
    var reason: String {
        switch self {
        case .malformed(_, let reason): reason
        }
    }
}
