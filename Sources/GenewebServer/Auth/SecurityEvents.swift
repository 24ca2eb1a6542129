import Foundation
import GenewebStore
import Logging
import Metrics

/// Security-relevant happenings: each is logged (never with a password or token), counted in
/// `geneweb_security_events_total{type}` and written to the audit log.
public struct SecurityEvents: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case login
        case failedLogin = "failed_login"
        case lockedLogin = "locked_login"
        case lockout
        case inactiveLogin = "inactive_login"
        case invalidToken = "invalid_token"
        case tokenReuse = "token_reuse"
        case forbidden
        case unauthenticated
        case logout
        case passwordChanged = "password_changed"
        case registration

        /// Routine events are logged at info, the others at warning.
        var isRoutine: Bool { [.login, .logout, .passwordChanged, .registration].contains(self) }
    }

    /// Where the event came from.
    public struct Context: Sendable {
        public var requestID: String?
        public var clientIP: String?
        public var path: String?

        public init(requestID: String? = nil, clientIP: String? = nil, path: String? = nil) {
            self.requestID = requestID
            self.clientIP = clientIP
            self.path = path
        }
    }

    let audit: AuditRepository
    let logger: Logger
    let clock: AuthClock

    public init(audit: AuditRepository, logger: Logger, clock: AuthClock) {
        self.audit = audit
        self.logger = logger
        self.clock = clock
    }

    /// Records an event; a failure to write the audit line is logged, never thrown, so that a
    /// security check does not turn into a 500.
    public func record(_ kind: Kind, actor: UserRecord?, name: String? = nil, context: Context, details: [String: String] = [:]) async {
        Counter(label: "geneweb_security_events_total", dimensions: [("type", kind.rawValue)]).increment()
        var metadata: Logger.Metadata = ["security_event": .string(kind.rawValue)]
        if let actor { metadata["user"] = .string(actor.username) } else if let name { metadata["user"] = .string(String(name.prefix(50))) }
        if let path = context.path { metadata["path"] = .string(path) }
        if let ip = context.clientIP { metadata["client_ip"] = .string(ip) }
        if let id = context.requestID { metadata["request_id"] = .string(id) }
        for (key, value) in details { metadata[key] = .string(value) }
        logger.log(level: kind.isRoutine ? .info : .warning, "security event", metadata: metadata)
        var entryDetails = details
        if let path = context.path { entryDetails["path"] = path }
        let entry = AuditEntry(
            occurredAt: clock.seconds, actorID: actor?.id.uuidString.lowercased(),
            actorName: actor?.username ?? String((name ?? "").prefix(50)),
            action: "security.\(kind.rawValue)", entityType: "user", entityID: actor?.id.uuidString.lowercased(),
            requestID: context.requestID, clientIP: context.clientIP, details: entryDetails
        )
        do {
            try await audit.record(entry)
        } catch {
            logger.error("audit write failed", metadata: ["error": .string(String(reflecting: error))])
        }
    }
}
