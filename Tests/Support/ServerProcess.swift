import Foundation
import GenewebProcesses

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `geneweb` binary started as a child process on a free loopback port.
public final class ServerProcess: Sendable {
    public let process: ChildProcess
    public let port: Int
    private let collected = CollectedOutput()

    /// Starts `geneweb ARGUMENTS` with `environment` added to a minimal environment.
    /// `standardInput`, when given, is what the process reads on stdin (then end of file).
    public init(arguments: [String], environment: [String: String] = [:], port: Int? = nil, standardInput: String? = nil) throws {
        guard let binary = TestEnvironment.binary else { throw TestSetupError.noBinary }
        self.port = try port ?? FreePort.find()
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GENEWEB_API_PORT": String(self.port)]
        env.merge(environment) { _, new in new }
        let collected = self.collected
        process = try ChildProcess(
            executable: binary.path, arguments: arguments, environment: env,
            input: standardInput.map { .bytes(Array($0.utf8)) } ?? .nothing, output: { collected.append($0) })
    }

    /// Everything the process printed so far (stdout and stderr).
    public var log: String { collected.text }

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Waits until `GET /health/` answers 200, or the process exits, or `timeout` passes.
    public func waitUntilHealthy(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let ended = process.termination { throw TestSetupError.timeout("server exited early with \(ended): \(log)") }
            if let (status, _) = try? await HTTP.get(baseURL.appendingPathComponent("health/")), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError.timeout("server not healthy: \(log)")
    }

    /// Sends a signal (SIGTERM by default).
    public func signal(_ signal: Int32 = SIGTERM) {
        process.send(signal)
    }

    /// Waits for the process to exit (its output read to the end) and returns its exit code, or
    /// the number of the signal that ended it.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(120)) async throws -> Int32 {
        let process = self.process
        let log = self.log
        return try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask { await process.waitForExit().status }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let status = first else {
                process.send(SIGKILL)
                _ = await process.waitForExit()
                throw TestSetupError.timeout("process did not exit: \(log)")
            }
            return status
        }
    }

    deinit {
        process.send(SIGKILL)
    }
}

/// Runs the binary to completion and returns its exit status and output.
public func runGeneweb(
    _ arguments: [String], environment: [String: String] = [:], standardInput: String? = nil, timeout: Duration = .seconds(120)
) async throws -> (status: Int32, output: String) {
    let server = try ServerProcess(arguments: arguments, environment: environment, port: 1, standardInput: standardInput)
    let status = try await server.waitForExit(timeout: timeout)
    return (status, server.log)
}

/// A TCP port nobody listens on right now.
public enum FreePort {
    public static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw TestSetupError.timeout("bind failed") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Minimal HTTP calls over a real socket.
public enum HTTP {
    public static func get(_ url: URL, timeout: TimeInterval = 30) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}

extension HTTP {
    /// Any method, with headers and a body; returns status, headers and body.
    public static func send(
        _ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 30
    ) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = timeout
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] { fields[String(describing: name).lowercased()] = String(describing: value) }
        return (http?.statusCode ?? 0, fields, data)
    }

    /// POSTs a JSON object.
    public static func postJSON(_ url: URL, _ object: [String: Any], token: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let result = try await send("POST", url, headers: headers, body: try JSONSerialization.data(withJSONObject: object))
        return (result.status, (try? JSONSerialization.jsonObject(with: result.body)) as? [String: Any] ?? [:])
    }
}

/// Runs another program (a validator, `unzip`, GeneWeb's `gwc`) to its end with this process's
/// environment, and returns its exit code (or ending signal) and everything it printed.
public func runProgram(_ executable: URL, _ arguments: [String], currentDirectory: URL? = nil) async throws -> (
    status: Int32, output: String
) {
    let (termination, output) = try await ChildProcess.run(
        executable: executable.path, arguments: arguments, currentDirectory: currentDirectory?.path)
    return (termination.status, output)
}
