import Foundation
import GenewebStore
import Hummingbird
import Logging

/// Health routes for the platform and for operators.
///
/// `/health` and `/health/` never touch the database: Fly.io's check must pass while PostgreSQL
/// restarts, or the platform would kill healthy machines. `/health/ready` says whether this
/// instance can serve (database reachable, schema up to date); `/health/detailed` tells an
/// operator why not (admins, or the monitoring token).
struct HealthController {
    let database: Database
    let migrations: MigrationRunner
    let bases: BaseRepository
    let graphs: GraphCache
    let backups: BackupRunner
    let environment: String
    let startedAt: ContinuousClock.Instant
    /// Longest a probe waits for the database before calling it unreachable.
    let probeTimeout: Duration = .seconds(3)

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/health", access: .open, in: catalog, use: health)
        router.route(.get, "/health/live", access: .open, in: catalog, use: live)
        router.route(.get, "/health/ready", access: .open, in: catalog, use: ready)
        // Base names, counts and the process are for operators, not for anyone who asks.
        router.route(.get, "/health/detailed", access: .monitoring, in: catalog, use: detailed)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) throws -> Response {
        try JSONResponse.encode(
            HealthStatus(
                status: "healthy", timestamp: Self.now, version: AppVersion.current,
                environment: environment, uptime: uptime, checks: ["application": "ok"]
            ))
    }

    @Sendable func live(_ request: Request, context: AppRequestContext) throws -> Response {
        try JSONResponse.encode(
            HealthStatus(
                status: "alive", timestamp: Self.now, version: AppVersion.current,
                environment: environment, uptime: uptime, checks: ["application": "ok"]
            ))
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        var checks: [String: String] = [:]
        var problem: String?
        do {
            let status = try await withTimeout(probeTimeout) { try await migrations.status() }
            checks["database"] = "ok"
            if status.isUpToDate {
                checks["migrations"] = "ok"
            } else {
                checks["migrations"] = "pending"
                problem = "migrations pending: \(status.pendingVersions.map(String.init).joined(separator: ", "))"
            }
        } catch {
            checks["database"] = "unreachable"
            problem = "database unreachable"
            context.logger.warning("readiness check failed", metadata: ["error": .string(String(reflecting: error))])
        }
        guard let problem else {
            return try JSONResponse.encode(
                ReadinessStatus(
                    status: "ready", timestamp: Self.now, checks: checks,
                    detail: nil, errorCode: nil, path: nil, requestID: nil
                ))
        }
        return try JSONResponse.encode(
            ReadinessStatus(
                status: "not_ready", timestamp: Self.now, checks: checks, detail: problem,
                errorCode: .serviceUnavailable, path: request.uri.path, requestID: context.requestID
            ), status: .serviceUnavailable)
    }

    @Sendable func detailed(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(await report(logger: context.logger))
    }

    /// What `/health/detailed` says: the database, each base with its graph, backups, the
    /// process. The admin pages show the same report.
    func report(logger: Logger) async -> DetailedHealthStatus {
        let databaseHealth: DatabaseHealth
        var baseHealth: [BaseHealth] = []
        do {
            let latency = try await withTimeout(probeTimeout) { try await database.ping() }
            let status = try await migrations.status()
            if status.currentVersion > 0 {
                let ids = Dictionary(try await bases.summaryIDs().map { ($0.name, $0.id) }) { first, _ in first }
                let built = graphs.summary
                baseHealth = try await bases.summaries().map { summary in
                    let graph = ids[summary.name].flatMap { built[$0] }.map {
                        GraphHealth(persons: $0.persons, approximateBytes: $0.bytes, buildSeconds: $0.buildSeconds)
                    }
                    return BaseHealth(name: summary.name, persons: summary.persons, families: summary.families, graph: graph)
                }
            }
            databaseHealth = DatabaseHealth(
                engine: database.engine.rawValue, reachable: true, latencyMs: latency.milliseconds,
                schemaVersion: status.currentVersion, latestSchemaVersion: Migrations.latestVersion,
                pendingMigrations: status.pendingVersions, error: nil
            )
        } catch {
            logger.warning("detailed health: database check failed", metadata: ["error": .string(String(reflecting: error))])
            databaseHealth = DatabaseHealth(
                engine: database.engine.rawValue, reachable: false, latencyMs: nil, schemaVersion: nil,
                latestSchemaVersion: Migrations.latestVersion, pendingMigrations: nil, error: "database unreachable"
            )
        }
        let healthy = databaseHealth.reachable && databaseHealth.pendingMigrations?.isEmpty == true
        return DetailedHealthStatus(
            status: healthy ? "healthy" : "degraded",
            timestamp: Self.now, version: AppVersion.current, environment: environment, uptime: uptime,
            checks: [
                "application": "ok",
                "database": databaseHealth.reachable ? "ok" : "unreachable",
                "migrations": databaseHealth.pendingMigrations.map { $0.isEmpty ? "ok" : "pending" } ?? "unknown",
            ],
            database: databaseHealth,
            bases: baseHealth,
            backups: BackupStatusPayload(backups.status, keep: backups.keep),
            metrics: [
                "uptime_seconds": uptime,
                "database_latency_ms": databaseHealth.latencyMs ?? -1,
                "bases": Double(baseHealth.count),
            ],
            system: [
                "engine": database.engine.rawValue,
                "process_id": String(ProcessInfo.processInfo.processIdentifier),
                "processors": String(ProcessInfo.processInfo.activeProcessorCount),
            ]
        )
    }

    private var uptime: Double {
        (ContinuousClock.now - startedAt).milliseconds / 1000
    }

    private static var now: Double { Date().timeIntervalSince1970 }
}
