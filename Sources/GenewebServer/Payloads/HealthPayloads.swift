/// `GET /health` and `/health/`: the Python API's `HealthStatus` shape.
struct HealthStatus: Encodable {
    let status: String
    let timestamp: Double
    let version: String
    let environment: String
    let uptime: Double
    let checks: [String: String]
}

/// `GET /health/ready`: the probe result; on 503 it also carries the error fields of API.md.
struct ReadinessStatus: Encodable {
    let status: String
    let timestamp: Double
    let checks: [String: String]
    let detail: String?
    let errorCode: ErrorCode?
    let path: String?
    let requestID: String?
}

/// `GET /health/detailed`: `DetailedHealthStatus` of the Python API plus database and bases.
struct DetailedHealthStatus: Encodable {
    let status: String
    let timestamp: Double
    let version: String
    let environment: String
    let uptime: Double
    let checks: [String: String]
    let database: DatabaseHealth
    let bases: [BaseHealth]
    let backups: BackupStatusPayload
    let metrics: [String: Double]
    let system: [String: String]
}

struct DatabaseHealth: Encodable {
    let engine: String
    let reachable: Bool
    let latencyMs: Double?
    let schemaVersion: Int?
    let latestSchemaVersion: Int
    let pendingMigrations: [Int]?
    let error: String?
}

struct BaseHealth: Encodable {
    let name: String
    let persons: Int
    let families: Int
    /// The in-memory genealogy graph of the base, once a genealogy route has built it.
    let graph: GraphHealth?
}

struct GraphHealth: Encodable {
    let persons: Int
    let approximateBytes: Int
    let buildSeconds: Double
}
