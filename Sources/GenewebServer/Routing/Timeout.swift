/// Thrown when an operation outlives its deadline.
struct TimeoutError: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "operation timed out after \(limit)" }
}

/// Runs `operation`, giving up after `limit`; the operation is cancelled when the time is up.
func withTimeout<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError(limit: limit)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimeoutError(limit: limit) }
        return first
    }
}
