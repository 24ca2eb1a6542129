import Foundation
import GenewebTestSupport
import Testing

/// The trusted-host check on the real binary, with requests only a hand-written client sends:
/// what a proxy or a browser cache would see must be what the check judged.
@Suite("Trusted hosts over a real socket", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct TrustedHostSocketTests {
    @Test("two Host lines, and an absolute-form target naming another authority, are refused with 400")
    func hostsThatDisagree() async throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(
            arguments: ["serve"],
            environment: [
                "GENEWEB_DATA_DIR": directory.path, "GENEWEB_SECURITY_TRUSTED_HOSTS": "api.example.org",
            ])
        try await server.waitUntilHealthy()
        func status(_ target: String, hosts: [String]) throws -> Int? {
            let head = ["GET \(target) HTTP/1.1"] + hosts.map { "Host: \($0)" } + ["Connection: close", "", ""]
            return RawHTTP.status(of: try RawHTTP.exchange(port: server.port, head.joined(separator: "\r\n")))
        }
        #expect(try status("/api/v1/persons", hosts: ["api.example.org"]) == 200)
        #expect(try status("/api/v1/persons", hosts: ["evil.example"]) == 400)
        // Two Host lines, whichever comes first.
        #expect(try status("/api/v1/persons", hosts: ["evil.example", "api.example.org"]) == 400)
        #expect(try status("/api/v1/persons", hosts: ["api.example.org", "evil.example"]) == 400)
        // Absolute form: the target's authority is the request's host (RFC 9112 §3.2.2).
        #expect(try status("http://evil.example/api/v1/persons", hosts: ["api.example.org"]) == 400)
        #expect(try status("http://api.example.org:8080/api/v1/persons", hosts: ["evil.example"]) == 200)
        #expect(try status("http://user@evil.example/api/v1/persons", hosts: ["api.example.org"]) == 400)
        // Health routes stay open to platform checks whatever the host.
        #expect(try status("/health/", hosts: ["10.0.0.7:8080"]) == 200)
        // HTTP/1.0 without keep-alive: the answer ends with the connection (clients like
        // ApacheBench wait for it); with keep-alive, and in HTTP/1.1, it stays open.
        let old = try RawHTTPConnection(port: server.port, timeoutSeconds: 5)
        try old.send(Array("GET /health/ HTTP/1.0\r\nHost: api.example.org\r\n\r\n".utf8))
        let (answer, closed) = old.readUntilClosed()
        #expect(closed && RawHTTP.status(of: answer) == 200)
        let modern = try RawHTTPConnection(port: server.port, timeoutSeconds: 2)
        try modern.send(Array("GET /health/ HTTP/1.1\r\nHost: api.example.org\r\n\r\n".utf8))
        let (kept, ended) = modern.readUntilClosed()
        #expect(!ended && RawHTTP.status(of: kept) == 200)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}
