import ArgumentParser
import Foundation
import GenewebServer
import Logging
import ServiceLifecycle

/// `geneweb serve`: runs the HTTP server until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP server: the web site at / (for browsers) and the JSON API under /api/v1.",
        discussion: """
            Configuration comes from the environment; flags override it.
              GENEWEB_API_HOST            interface to bind (default 127.0.0.1)
              GENEWEB_API_PORT            TCP port (default 8080)
              GENEWEB_DEBUG               true for development mode (default false)
              GENEWEB_DATA_DIR            folder of the SQLite file (default ./data)
              GENEWEB_DB_DATABASE_URL,
              DATABASE_URL                postgres://... to use PostgreSQL instead of SQLite
              GENEWEB_LOG_LEVEL           trace, debug, info, notice, warning, error, critical
              GENEWEB_LOG_FORMAT          text or json (default text)
              GENEWEB_MEDIA_MAX_BYTES     largest media file an upload accepts (default 20 MB)
              GENEWEB_SHUTDOWN_GRACE_SECONDS
                                          time in-flight requests get after SIGTERM (default 25)
              GENEWEB_SECURITY_SECRET_KEY token signing key, at least 32 bytes (required in
                                          production: GENEWEB_DEBUG false and a non-loopback host)
              GENEWEB_SECURITY_ENCRYPTION_KEY  key sealing emails, consents and private notes at rest
                                          (required in production)
              GENEWEB_JWT_ACCESS_TOKEN_EXPIRE_MINUTES (30), GENEWEB_JWT_REFRESH_TOKEN_EXPIRE_DAYS (7)
              GENEWEB_AUTH_ALLOW_REGISTRATION  open POST /auth/register (default: debug mode only)
              GENEWEB_AUTH_PUBLIC_READ    anonymous reads of public data (default true)
              GENEWEB_ADMIN_USERNAME, GENEWEB_ADMIN_PASSWORD
                                          first admin, created at start when no account exists
            docs/configuration.md lists every variable.
            An invalid value stops the start with a message naming it (exit code 2).
            """
    )

    @Option(help: "Interface to bind (overrides GENEWEB_API_HOST).")
    var host: String?

    @Option(help: "TCP port (overrides GENEWEB_API_PORT).")
    var port: String?

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        var overrides = AppConfiguration.Overrides(
            host: host, databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory
        )
        if let port {
            guard let value = Int(port), (1...65535).contains(value) else {
                JSONLogHandler.writeToStandardError("geneweb: invalid --port=\"\(port)\": expected an integer between 1 and 65535")
                throw ExitCode(2)
            }
            overrides.port = value
        }
        var configuration = try loadConfiguration(overrides, forServer: true)
        // Uploads are read first by this same executable in a child process (UploadReadCheck).
        configuration.transfers.readerExecutable = Bundle.main.executableURL
        bootstrapLogging(configuration)
        let logger = Logger(label: "geneweb")
        let app = try await buildApplication(configuration: configuration, logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownGracePeriod
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        logger.info(
            "starting",
            metadata: [
                "version": .string(AppVersion.current),
                "address": .string("\(configuration.host):\(configuration.port)"),
                "storage": .string(configuration.storage.description),
                "environment": .string(configuration.environmentName),
            ])
        do {
            try await ServiceGroup(configuration: groupConfiguration).run()
        } catch let error as ConfigurationError {
            // Found at start-up, after the storage opened (e.g. the wrong encryption key).
            JSONLogHandler.writeToStandardError("geneweb: \(error.description)")
            throw ExitCode(2)
        }
        logger.info("stopped")
    }
}
