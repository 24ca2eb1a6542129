import Foundation
import GenewebProcesses

/// A PostgreSQL server of one test's own, made with `scripts/pg-cluster`, that the test may stop
/// and start (e.g. to watch readiness go down and come back).
public final class PostgresCluster: @unchecked Sendable {
    public let directory: URL

    public init() throws {
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("geneweb-pg-\(UUID().uuidString.prefix(8))")
        try Self.script(["init", directory.path])
    }

    /// Starts the server (same port each time) and returns its URL.
    @discardableResult
    public func start() throws -> String {
        try Self.script(["start", directory.path])
        return try Self.script(["url", directory.path]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func stop() throws {
        try Self.script(["stop", directory.path])
    }

    deinit {
        _ = try? Self.script(["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs the script; its output is read only for `url`, because a started server inherits the
    /// script's descriptors and would keep a pipe open forever.
    @discardableResult
    static func script(_ arguments: [String]) throws -> String {
        let collected = CollectedOutput()
        var output: (@Sendable ([UInt8]) -> Void)?
        if arguments.first == "url" { output = { collected.append($0) } }
        let process = try ChildProcess(
            executable: TestEnvironment.pgClusterScript.path, arguments: arguments, environment: ProcessInfo.processInfo.environment,
            output: output)
        let termination = process.waitForExitBlocking()
        guard termination == .exited(0) else {
            throw TestSetupError.timeout("pg-cluster \(arguments.joined(separator: " ")) ended: \(termination)")
        }
        return collected.text
    }
}
