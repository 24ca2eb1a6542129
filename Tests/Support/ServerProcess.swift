import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `geneweb` binary started as a child process on a free loopback port.
public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    public let port: Int
    private let output = Pipe()
    private let collected = OutputCollector()

    /// Starts `geneweb ARGUMENTS` with `environment` added to a minimal environment.
    /// `standardInput`, when given, is what the process reads on stdin (then end of file).
    public init(arguments: [String], environment: [String: String] = [:], port: Int? = nil, standardInput: String? = nil) throws {
        guard let binary = TestEnvironment.binary else { throw TestSetupError.noBinary }
        self.port = try port ?? FreePort.find()
        process.executableURL = binary
        process.arguments = arguments
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GENEWEB_API_PORT": String(self.port)]
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = output
        process.standardError = output
        let collected = self.collected
        output.fileHandleForReading.readabilityHandler = { handle in
            collected.append(handle.availableData)
        }
        let input = standardInput.map { _ in Pipe() }
        if let input { process.standardInput = input } else { process.standardInput = FileHandle.nullDevice }
        try process.run()
        if let input, let standardInput {
            input.fileHandleForWriting.write(Data(standardInput.utf8))
            try? input.fileHandleForWriting.close()
        }
    }

    /// Everything the process printed so far (stdout and stderr).
    public var log: String { collected.text }

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Waits until `GET /health/` answers 200, or the process exits, or `timeout` passes.
    public func waitUntilHealthy(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !process.isRunning { throw TestSetupError.timeout("server exited early with \(process.terminationStatus): \(log)") }
            if let (status, _) = try? await HTTP.get(baseURL.appendingPathComponent("health/")), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError.timeout("server not healthy: \(log)")
    }

    /// Sends a signal (SIGTERM by default).
    public func signal(_ signal: Int32 = SIGTERM) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit and returns its exit status.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(120)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TestSetupError.timeout("process did not exit: \(log)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        output.fileHandleForReading.readabilityHandler = nil
    }
}

/// Runs the binary to completion and returns its exit status and output.
public func runGeneweb(
    _ arguments: [String], environment: [String: String] = [:], standardInput: String? = nil, timeout: Duration = .seconds(120)
) async throws -> (status: Int32, output: String) {
    let server = try ServerProcess(arguments: arguments, environment: environment, port: 1, standardInput: standardInput)
    let status = try await server.waitForExit(timeout: timeout)
    try await Task.sleep(for: .milliseconds(50))
    return (status, server.log)
}

final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        defer { lock.unlock() }
        data.append(chunk)
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
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
