import Foundation
import GenewebSite
import GenewebStore
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the whole server from its configuration: storage, accounts, middleware, routes.
///
/// The executable and the tests call this same function; the tests drive the result in-process
/// (`app.test(.router)`) or over a socket (`.live`). Migrations run, and the first admin is
/// created when configured, before the server accepts connections. The database is a service of
/// the application, started before the HTTP server and stopped after it, so requests in flight at
/// SIGTERM still have their connections. `clock` lets tests expire tokens and lock-outs;
/// `rateLimitClock` lets them refill rate-limit buckets without waiting (and without a slow
/// machine refilling them behind their back); `catalog` receives every route with its access rule
/// (tests walk it).
public func buildApplication(
    configuration: AppConfiguration,
    logger: Logger = Logger(label: "geneweb"),
    clock: AuthClock = AuthClock(),
    rateLimitClock: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
    catalog: RouteCatalog = RouteCatalog()
) async throws -> some ApplicationProtocol {
    var storageLogger = logger
    storageLogger[metadataKey: "component"] = "storage"
    let database = try Database(location: configuration.storage, logger: storageLogger, cipher: configuration.encryption)
    let migrations = MigrationRunner(database: database, logger: storageLogger)
    let secret = configuration.auth.secretKey ?? ephemeralSecret(logger: logger)
    let accounts = await AccountService(database: database, settings: configuration.auth, secret: secret, clock: clock, logger: logger)
    let backups = BackupRunner(
        database: database, folder: configuration.backups.folder(dataDirectory: configuration.dataDirectory),
        keep: configuration.backups.keep, logger: logger
    )
    let router = buildRouter(
        configuration: configuration, database: database, migrations: migrations, accounts: accounts,
        backups: backups, rateLimitClock: rateLimitClock, catalog: catalog
    )
    var services: [any Service] = [database, TokenPurgeService(accounts: accounts, logger: logger)]
    if let interval = configuration.backups.interval {
        services.append(BackupService(runner: backups, interval: interval))
    }

    var app = Application(
        router: router,
        server: HTTP1HostChannel.builder,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: services,
        logger: logger
    )
    app.beforeServerStarts {
        let applied = try await migrations.migrate()
        logger.info(
            "storage ready",
            metadata: [
                "storage": .string(configuration.storage.description),
                "migrations_applied": .string(applied.map(String.init).joined(separator: ",")),
            ])
        do {
            try await EncryptionCanary.verify(database)
        } catch let problem as EncryptionCanary.Problem {
            throw ConfigurationError(variable: "GENEWEB_SECURITY_ENCRYPTION_KEY", value: "<hidden>", expected: problem.description)
        } catch let busy as DatabaseBusy {
            // A first start with a key writes its canary; the next start will, if another process writes now.
            logger.warning("encryption canary not written yet", metadata: ["reason": .string(busy.description)])
        }
        do {
            if let admin = try await accounts.bootstrapAdminIfNeeded() {
                logger.notice("created the first admin from GENEWEB_ADMIN_USERNAME", metadata: ["user": .string(admin.username)])
            }
        } catch let busy as DatabaseBusy {
            logger.warning(
                "the first admin from GENEWEB_ADMIN_USERNAME is not created yet: restart once the writer has finished",
                metadata: ["reason": .string(busy.description)])
        } catch let failure as AuthFailure {
            // `AuthSettings.load` already checked both variables; this names the right one anyway.
            if case .invalidField(field: "username", let message) = failure {
                throw ConfigurationError(variable: "GENEWEB_ADMIN_USERNAME", value: configuration.auth.bootstrapAdmin?.username ?? "", expected: message)
            }
            throw ConfigurationError(variable: "GENEWEB_ADMIN_PASSWORD", value: "<hidden>", expected: failure.summary)
        }
        do {
            try await accounts.purgeExpiredTokens()
        } catch let busy as DatabaseBusy {
            logger.warning("expired tokens are purged later", metadata: ["reason": .string(busy.description)])
        }
    }
    return app
}

/// A random signing key for a server started without `GENEWEB_SECURITY_SECRET_KEY` (debug or
/// loopback only; the configuration refuses production without one). Tokens die with the process.
private func ephemeralSecret(logger: Logger) -> String {
    logger.warning("GENEWEB_SECURITY_SECRET_KEY is not set: using an ephemeral key, tokens will not survive a restart")
    var generator = SystemRandomNumberGenerator()
    return (0..<48).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
}

/// The router with its middleware chain, outermost first:
/// 1. `RequestIDMiddleware`: request id in and out, access log (sees the final status);
/// 2. `SecurityHeadersMiddleware`: the headers of API.md on every answer, errors included;
/// 3. `CORSMiddleware`: preflights answered before routing, allow-origin on answers;
/// 4. `MetricsMiddleware`: counts and times every request by route pattern and final status;
/// 5. `SiteSessionMiddleware`: on the web site's addresses only, the session cookies sign the
///    caller in (renewed cookies go out with any answer, error pages included);
/// 6. `ErrorMiddleware`: every error below becomes the JSON of API.md (a page on the site);
/// 7. `TrustedHostMiddleware`: 400 for a `Host` the server does not serve (when configured);
/// 8. `HTTPSRedirectMiddleware`: plain HTTP behind the proxy goes to HTTPS (when forced);
/// 9. `RateLimitMiddleware`: per-client buckets, 429 when empty (health, metrics, docs exempt);
/// 10. `RequestTextMiddleware`: 422 for a NUL character in the path or query;
/// 11. `AuthenticationMiddleware`: the bearer token becomes the caller's identity; access denials
///    become 401/403 (each route declares its `Access` when registered);
/// then the controllers' routes.
func buildRouter(
    configuration: AppConfiguration,
    database: Database,
    migrations: MigrationRunner,
    accounts: AccountService,
    backups: BackupRunner,
    rateLimitClock: @escaping @Sendable () -> ContinuousClock.Instant,
    catalog: RouteCatalog
) -> Router<AppRequestContext> {
    // Before any metric object exists: one made earlier would stay bound to the no-op backend.
    AppMetrics.bootstrapOnce()
    let security = configuration.security
    let router = Router(context: AppRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(hsts: security.forceHTTPS))
    router.add(middleware: CORSMiddleware(origins: security.corsOrigins))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SiteSessionMiddleware(accounts: accounts))
    router.add(middleware: ErrorMiddleware(catalog: catalog, forms: accounts.formTokens))
    if security.trustedHosts != nil {
        router.add(middleware: TrustedHostMiddleware(settings: security))
    }
    if security.forceHTTPS {
        router.add(middleware: HTTPSRedirectMiddleware())
    }
    if security.rateLimitPerMinute > 0 {
        router.add(
            middleware: RateLimitMiddleware(
                limiter: RateLimiter(perMinute: security.rateLimitPerMinute, burst: security.rateLimitBurst),
                behindFly: security.flyAppName != nil,
                now: rateLimitClock
            ))
    }
    router.add(middleware: RequestTextMiddleware())
    router.add(middleware: AuthenticationMiddleware(accounts: accounts, monitoringToken: configuration.metricsToken))

    let bases = BaseRepository(database: database)
    let configuredBase = configuration.defaultBase
    RootController(environment: configuration.environmentName) {
        SiteURL.base(try await bases.defaultName(configured: configuredBase))
    }.addRoutes(to: router, catalog: catalog)
    MetricsController(token: configuration.metricsToken, version: AppVersion.current, environment: configuration.environmentName)
        .addRoutes(to: router, catalog: catalog)
    // One graph per base for the whole process: genealogy routes compute on it, health reports it,
    // a reload drops it with the other whole-base caches.
    let caches = BaseCaches(graphs: GraphCache(repository: GraphRepository(database: database)))
    let graphs = caches.graphs
    let health = HealthController(
        database: database,
        migrations: migrations,
        bases: BaseRepository(database: database),
        graphs: graphs,
        backups: backups,
        environment: configuration.environmentName,
        startedAt: .now
    )
    health.addRoutes(to: router, catalog: catalog)
    AuthController(accounts: accounts).addRoutes(to: router, catalog: catalog)
    UsersController(accounts: accounts).addRoutes(to: router, catalog: catalog)
    AuditController(audit: accounts.audit).addRoutes(to: router, catalog: catalog)
    BackupsController(runner: backups).addRoutes(to: router, catalog: catalog)
    let scope = BaseScope(bases: BaseRepository(database: database), defaultBase: configuration.defaultBase)
    PersonsController(
        persons: PersonRepository(database: database), families: FamilyRepository(database: database),
        scope: scope, versions: GraphRepository(database: database), answers: caches.persons
    ).addRoutes(to: router, catalog: catalog)
    DatabaseController(
        bases: BaseRepository(database: database), database: database, migrations: migrations, audit: accounts.audit,
        configuredDefault: configuration.defaultBase, cache: scope.cache, caches: caches
    )
    .addRoutes(to: router, catalog: catalog)
    GDPRController(
        persons: PersonRepository(database: database), families: FamilyRepository(database: database),
        consents: ConsentRepository(database: database), audit: accounts.audit, scope: scope
    ).addRoutes(to: router, catalog: catalog)
    RecordsController<SourceResource>(records: RecordRepository(database: database), scope: scope).addRoutes(to: router, catalog: catalog)
    RecordsController<NoteResource>(records: RecordRepository(database: database), scope: scope).addRoutes(to: router, catalog: catalog)
    RecordsController<PlaceResource>(records: RecordRepository(database: database), scope: scope).addRoutes(to: router, catalog: catalog)
    let mediaFiles = MediaFileStore(dataDirectory: configuration.dataDirectory)
    let media = MediaController(
        media: MediaRepository(database: database), files: mediaFiles, visibility: MediaVisibility(database: database), scope: scope,
        maxBytes: configuration.mediaMaxBytes)
    media.addRoutes(to: router, catalog: catalog)
    GenealogyController(
        graphs: graphs, persons: PersonRepository(database: database), statistics: StatisticsRepository(database: database),
        anniversaries: AnniversaryRepository(database: database), names: NameIndexRepository(database: database),
        consanguinityCache: caches.consanguinity, answers: caches.statistics, kept: caches.genealogy, scope: scope
    ).addRoutes(to: router, catalog: catalog)
    SearchController(
        search: SearchRepository(database: database), names: NameIndexRepository(database: database),
        persons: PersonRepository(database: database), scope: scope, versions: GraphRepository(database: database),
        indexPages: caches.namePages
    ).addRoutes(to: router, catalog: catalog)
    let transfers = ImportExportController(
        database: database, scope: scope, audit: accounts.audit, maxBytes: configuration.importMaxBytes, mediaFiles: mediaFiles,
        admission: TransferAdmission(settings: configuration.transfers), behindFly: security.flyAppName != nil,
        readCheck: configuration.transfers.readsUploadsInChild
            ? configuration.transfers.readerExecutable.map { UploadReadCheck(executable: $0, logger: Logger(label: "geneweb.import")) } : nil
    )
    transfers.addRoutes(to: router, catalog: catalog)
    FamiliesController(families: FamilyRepository(database: database), persons: PersonRepository(database: database), scope: scope)
        .addRoutes(to: router, catalog: catalog)
    SiteController(
        graphs: graphs, persons: PersonRepository(database: database), families: FamilyRepository(database: database),
        search: SearchRepository(database: database), names: NameIndexRepository(database: database),
        statistics: StatisticsRepository(database: database), anniversaries: AnniversaryRepository(database: database), scope: scope,
        figures: caches.statistics, accounts: accounts, acts: FamilyActs(database: database),
        merges: PersonMerge(database: database), personVersions: RecordHistory(database: database, kind: .persons),
        familyVersions: RecordHistory(database: database, kind: .families), media: media, anonymousPages: caches.anonymousPages
    ).addRoutes(to: router, catalog: catalog)
    AdminController(
        accounts: accounts, health: health, bases: BaseRepository(database: database), audit: accounts.audit,
        configuredDefault: configuration.defaultBase, cache: scope.cache, transfers: transfers, imports: ImportJobs()
    ).addRoutes(to: router, catalog: catalog)
    DocsController(catalog: catalog, version: AppVersion.current, publicRead: configuration.auth.publicRead)
        .addRoutes(to: router, catalog: catalog)
    return router
}
