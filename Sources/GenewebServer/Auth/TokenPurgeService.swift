import Logging
import ServiceLifecycle

/// Deletes expired revocations and refresh tokens every hour while the server runs: an expired
/// token is refused on its expiry alone, so its entries only take space.
struct TokenPurgeService: Service {
    let accounts: AccountService
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                let purged = try await accounts.purgeExpiredTokens()
                if purged > 0 { logger.info("purged expired tokens", metadata: ["rows": .stringConvertible(purged)]) }
            } catch {
                logger.warning("token purge failed", metadata: ["error": .string(String(reflecting: error))])
            }
        }
    }
}

/// ServiceLifecycle logs its services by description: a name, not the object graph (which holds the keys).
extension TokenPurgeService: CustomStringConvertible {
    var description: String { "TokenPurgeService" }
}
