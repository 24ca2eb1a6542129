import GenewebStore
import Hummingbird
import Logging

/// Builds the whole server from its configuration: storage, middleware, routes.
///
/// The executable and the tests call this same function; the tests drive the result in-process
/// (`app.test(.router)`) or over a socket (`.live`). Migrations run before the server accepts
/// connections. The database is a service of the application, started before the HTTP server and
/// stopped after it, so requests in flight at SIGTERM still have their connections.
public func buildApplication(
    configuration: AppConfiguration,
    logger: Logger = Logger(label: "geneweb")
) throws -> some ApplicationProtocol {
    var storageLogger = logger
    storageLogger[metadataKey: "component"] = "storage"
    let database = try Database(location: configuration.storage, logger: storageLogger)
    let migrations = MigrationRunner(database: database, logger: storageLogger)
    let catalog = RouteCatalog()
    let router = buildRouter(configuration: configuration, database: database, migrations: migrations, catalog: catalog)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: [database],
        logger: logger
    )
    app.beforeServerStarts {
        let applied = try await migrations.migrate()
        logger.info("storage ready", metadata: [
            "storage": .string(configuration.storage.description),
            "migrations_applied": .string(applied.map(String.init).joined(separator: ",")),
        ])
    }
    return app
}

/// The router with its middleware chain, outermost first:
/// 1. `RequestIDMiddleware`: request id in and out, access log (sees the final status);
/// 2. `ErrorMiddleware`: every error becomes the JSON of API.md;
/// then the controllers' routes.
func buildRouter(
    configuration: AppConfiguration,
    database: Database,
    migrations: MigrationRunner,
    catalog: RouteCatalog
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorMiddleware(catalog: catalog))

    RootController(environment: configuration.environmentName).addRoutes(to: router, catalog: catalog)
    HealthController(
        database: database,
        migrations: migrations,
        bases: BaseRepository(database: database),
        environment: configuration.environmentName,
        startedAt: .now
    ).addRoutes(to: router, catalog: catalog)
    return router
}
