import Foundation
import GenewebStore

extension AppRequestContext {
    /// An audit line for a write made by this request: who (the signed-in caller), from where
    /// (request id, client address), when (now unless the caller's clock says otherwise).
    func auditEntry(
        _ action: String, entityType: String, entityID: String?, base: String?,
        details: [String: String] = [:], at occurredAt: Int64 = Int64(Date().timeIntervalSince1970)
    ) -> AuditEntry {
        AuditEntry(
            occurredAt: occurredAt, actorID: identity?.userID.uuidString.lowercased(), actorName: identity?.username ?? "",
            action: action, entityType: entityType, entityID: entityID, base: base,
            requestID: requestID, clientIP: clientIP, details: details
        )
    }
}
