import Foundation

/// The answers of `/api/v1/database/*`, shaped as the Python API's (its "databases" are our bases).
/// Keys are the properties' names in snake_case (`JSONResponse`).

/// The Python API's `DatabaseInfo`.
struct BaseInfoPayload: Encodable {
    let name: String
    let title: String
    let path: String
    let active: Bool
    let personCount: Int
    let familyCount: Int
    let readOnly = false
    let pendingPatches = 0
    let ownerID: String? = nil
    /// The base's privacy policy: `hidden` (living persons' names too) or `public` (their names only).
    let livingNames: String
}

/// The Python API's `DatabaseStats`.
struct BaseStatsPayload: Encodable {
    let name: String
    let dbPath: String
    let personCount: Int
    let familyCount: Int
    let unionCount: Int
    let coupleCount: Int
    let descendCount: Int
    let pendingPatches = 0
    let readOnly = false
    let active = true
}

/// `GET /database/health`.
struct BaseHealthPayload: Encodable {
    let status: String
    let message: String
    let stats: BaseStatsPayload
}

/// `GET /database/databases`.
struct BaseListPayload: Encodable {
    let databases: [BaseInfoPayload]
    let activeDatabase: String
}

/// `POST /database/databases`.
struct BaseCreatedPayload: Encodable {
    let success = true
    let message: String
    let database: BaseInfoPayload?
}

/// `POST /database/databases/{name}/activate`.
struct BaseActivatedPayload: Encodable {
    let success = true
    let message: String
    let activeDatabase: String
}

/// `PUT /database/databases/{name}/rename`.
struct BaseRenamedPayload: Encodable {
    let success = true
    let message: String
    let oldName: String
    let newName: String
    /// A base is rows, not files: nothing to rename on disk.
    let filesRenamed = false
    let database: BaseInfoPayload?
}

/// `DELETE /database/databases/{name}`.
struct BaseDeletedPayload: Encodable {
    let success = true
    let message: String
    let deletedFiles: Bool
}
