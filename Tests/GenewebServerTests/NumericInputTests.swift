import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14: numbers read from a request (query, path, body, headers) are bounded before any
/// arithmetic, so no value ends the process. Every route of the catalog gets 0, -1, 2^31,
/// 2^63-1, -2^63, 1e308, NaN and a 10,000-digit number in each numeric parameter, anonymously
/// and as an admin (so the handlers run past their access checks), in-process and in the binary,
/// on SQLite and PostgreSQL.
@Suite("Hostile numbers in requests")
struct NumericInputTests {
    @Test("the issue's two requests answer 422, and the server answers afterwards")
    func issueRequests() async throws {
        try await withAuthApp { client in
            for uri in [
                "/api/v1/persons?page=9223372036854775807&page_size=2", "/api/v1/persons?offset=9223372036854775807&limit=1",
                "/api/v1/sources?page=9223372036854775807&page_size=2", "/api/v1/notes?offset=9223372036854775807&limit=1",
            ] {
                let response = try await client.request(.get, uri)
                #expect(response.status == .unprocessableContent, "\(uri)")
                #expect(try response.json["error_code"] as? String == "VALIDATION_ERROR")
            }
            #expect(try await client.request(.get, "/health/live").status == .ok)
        }
    }

    @Test("paging bounds: the largest offset and page pass, one past them answers 422 naming the field")
    func pagingBounds() async throws {
        try await withAuthApp { client in
            let maximum = 10_000_000
            let cases: [(String, HTTPResponse.Status, String?)] = [
                ("offset=\(maximum)", .ok, nil), ("offset=\(maximum + 1)", .unprocessableContent, "offset"),
                ("skip=\(maximum + 1)", .unprocessableContent, "skip"),
                ("page=\(maximum / 1000 + 1)&page_size=1000", .ok, nil),
                ("page=\(maximum / 1000 + 2)&page_size=1000", .unprocessableContent, "page"),
                ("page=0", .unprocessableContent, "page"), ("page_size=1001", .unprocessableContent, "page_size"),
                ("limit=0", .unprocessableContent, "limit"), ("offset=-1", .unprocessableContent, "offset"),
            ]
            for (query, status, field) in cases {
                let response = try await client.request(.get, "/api/v1/persons?\(query)")
                #expect(response.status == status, "\(query) → \(response.status.code)")
                if let field {
                    let errors = try response.json.objects("validation_errors")
                    #expect(errors.contains { $0["field"] as? String == field }, "\(query): \(errors)")
                }
            }
            let last = try await client.request(.get, "/api/v1/persons?page=\(maximum / 1000 + 1)&page_size=1000").json
            #expect(last["offset"] as? Int == maximum)
            #expect(last["has_next"] as? Bool == false)
        }
    }

    @Test("every route with hostile numbers in-process: never a 5xx", arguments: serverEngines)
    func everyRouteInProcess(engine: DatabaseEngine) async throws {
        let catalog = RouteCatalog()
        try await withAuthApp(engine, logger: quietLogger, catalog: catalog) { client in
            let transport = ProbeTransport.inProcess(client)
            let fixture = try await ProbeFixture.make(transport, username: AuthFixture.adminName, password: AuthFixture.adminPassword)
            let document = try await transport.json("GET", "/openapi.json").json
            var probe = HostileInputProbe(transport: transport, routes: catalog.routes, document: document, fixture: fixture)
            await probe.walk(token: nil)
            await probe.walk(token: fixture.adminToken)
            print("hostile numbers in-process on \(engine): \(probe.requests) requests")
            #expect(probe.failures.isEmpty, Comment(rawValue: probe.summary()))
            #expect(probe.requests > 5_000)
            #expect(try await transport.json("GET", "/health/live").status == 200)
        }
    }

    @Test(
        "every route with hostile numbers against the real binary, headers included: never a 5xx, the process lives",
        .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"), arguments: serverEngines)
    func everyRouteOverSocket(engine: DatabaseEngine) async throws {
        let catalog = RouteCatalog()
        try await withAuthApp(catalog: catalog) { _ in }
        let directory = TemporaryDirectory()
        var storage = ["GENEWEB_DATA_DIR": directory.path]
        var postgresURL: String?
        if engine == .postgres {
            let url = try await TestPostgres.makeDatabase()
            postgresURL = url
            storage["DATABASE_URL"] = url
        }
        defer { if let postgresURL { Task { await TestPostgres.drop(postgresURL) } } }
        var environment = AuthServerProcessTests.environment(storage)
        environment["GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE"] = "0"
        let server = try ServerProcess(arguments: ["serve"], environment: environment)
        try await server.waitUntilHealthy()
        let transport = ProbeTransport.socket(server)
        let fixture = try await ProbeFixture.make(transport, username: "root", password: "root passphrase for the binary")
        let document = try await transport.json("GET", "/openapi.json").json
        var probe = HostileInputProbe(transport: transport, routes: catalog.routes, document: document, fixture: fixture)
        await probe.walk(token: nil)
        await probe.walk(token: fixture.adminToken)
        #expect(probe.failures.isEmpty, Comment(rawValue: probe.summary()))

        // Headers: the client's address, request id, and body lengths no server could hold.
        for value in HostileInputProbe.hostileNumbers {
            let headers = ["X-Forwarded-For": value, "Fly-Client-IP": value, "X-Request-ID": value, "X-Forwarded-Proto": value]
            let answer = try await transport.send("GET", "/api/v1/persons", headers, nil)
            #expect(answer.status == 200, "headers of \(value.prefix(20))")
            for framing in [
                "Content-Length: \(value)", "Content-Length: 2\r\nContent-Length: \(value)",
                "Transfer-Encoding: chunked\r\n\r\n\(value)",
            ] {
                _ = try? RawHTTP.exchange(
                    port: server.port,
                    """
                    POST /api/v1/persons HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(fixture.adminToken)\r\n\
                    Content-Type: application/json\r\nConnection: close\r\n\(framing)\r\n\r\n{}
                    """)
            }
            #expect(server.process.isRunning, "the process died on framing \(value.prefix(20)): \(server.log.suffix(2000))")
        }
        let chunk = String(repeating: "f", count: 10_000)
        _ = try? RawHTTP.exchange(
            port: server.port,
            "POST /api/v1/persons HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\(chunk)\r\n{}\r\n0\r\n\r\n")
        #expect(server.process.isRunning, "\(server.log.suffix(2000))")
        #expect(try await transport.send("GET", "/health/live", [:], nil).status == 200)
        // NUL over the socket too (in-process tests cover every route).
        #expect(try await transport.send("GET", "/api/v1/search/persons?q=a%00b", [:], nil).status == 422)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}
