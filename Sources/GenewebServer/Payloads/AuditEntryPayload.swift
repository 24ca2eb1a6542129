import Foundation
import GenewebStore

/// One entry of the audit trail (`/audit`, and the GDPR export's `audit_logs`).
struct AuditEntryPayload: Encodable {
    let id: Int?
    let occurredAt: String
    let actorID: String?
    let actorName: String
    let action: String
    let entityType: String
    let entityID: String?
    let base: String?
    let requestID: String?
    let clientIP: String?
    let details: [String: String]

    init(_ entry: AuditEntry) {
        id = entry.id
        occurredAt = UserResponse.timestamp(entry.occurredAt)
        actorID = entry.actorID
        actorName = entry.actorName
        action = entry.action
        entityType = entry.entityType
        entityID = entry.entityID
        base = entry.base
        requestID = entry.requestID
        clientIP = entry.clientIP
        details = entry.details
    }
}
