import Foundation
import GenewebServer
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@Suite("Structured logs")
struct JSONLoggingTests {
    final class Lines: Sendable {
        let storage = Mutex<[String]>([])
        func append(_ line: String) { storage.withLock { $0.append(line) } }
        var all: [String] { storage.withLock { $0 } }
    }

    @Test("each line is one JSON object carrying the request id")
    func jsonLines() async throws {
        let lines = Lines()
        let logger = Logger(label: "geneweb") { label in
            JSONLogHandler(label: label, level: .info) { lines.append($0) }
        }
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get, headers: [.init("X-Request-ID")!: "trace-42"]) { response in
                #expect(response.status == .ok)
            }
        }
        let objects = try lines.all.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(!objects.isEmpty)
        #expect(objects.allSatisfy { $0["level"] is String && $0["message"] is String && $0["timestamp"] is String })
        let access = objects.filter { $0["message"] as? String == "request" }
        #expect(access.count == 1)
        #expect(access.first?["request_id"] as? String == "trace-42")
        #expect(access.first?["status"] as? String == "200")
        #expect(access.first?["route"] as? String == "/health/ready")
    }
}
