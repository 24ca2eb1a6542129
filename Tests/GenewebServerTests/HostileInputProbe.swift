import Foundation
import GenewebServer
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

/// A logger for tests that make tens of thousands of requests: no access-log line for each.
let quietLogger: Logger = {
    var logger = Logger(label: "geneweb.test")
    logger.logLevel = .error
    return logger
}()

/// One HTTP exchange with the server under test: in-process (HummingbirdTesting) or over a
/// socket (the real binary). `target` is the path with its query, already percent-encoded.
struct ProbeTransport: Sendable {
    let send: @Sendable (_ method: String, _ target: String, _ headers: [String: String], _ body: Data?) async throws -> (status: Int, body: Data)

    static func inProcess(_ client: any TestClientProtocol) -> ProbeTransport {
        ProbeTransport { method, target, headers, body in
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            let response = try await client.execute(
                uri: target, method: HTTPRequest.Method(rawValue: method)!, headers: fields, body: body.map { ByteBuffer(bytes: $0) }
            )
            return (Int(response.status.code), Data(buffer: response.body))
        }
    }

    static func socket(_ server: ServerProcess) -> ProbeTransport {
        let base = "http://127.0.0.1:\(server.port)"
        return ProbeTransport { method, target, headers, body in
            guard let url = URL(string: base + target) else { throw TestFailure("not a URL: \(target.prefix(80))") }
            let result = try await HTTP.send(method, url, headers: headers, body: body, timeout: 60)
            return (result.status, result.body)
        }
    }

    func json(_ method: String, _ target: String, _ object: [String: Any]? = nil, token: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        var body: Data?
        if let object {
            headers["Content-Type"] = "application/json"
            body = try JSONSerialization.data(withJSONObject: object)
        }
        let (status, data) = try await send(method, target, headers, body)
        return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }
}

/// Records the probes need: two dead persons (parent and child, so the genealogy routes have a
/// lineage to walk and anonymous callers see them), their family, a source, a note, a place, and
/// the admin's own account. Real ids make the handlers run past their "not found" checks.
struct ProbeFixture: Sendable {
    let adminToken: String
    let adminID: String
    let parentID: String
    let childID: String
    let childKey: String
    let familyID: String
    let sourceID: String
    let noteID: String
    let placeID: String

    static func make(_ transport: ProbeTransport, username: String, password: String) async throws -> ProbeFixture {
        let login = try await transport.json("POST", "/auth/login", ["username": username, "password": password])
        guard login.status == 200, let token = login.json["access_token"] as? String else {
            throw TestFailure("admin login answered \(login.status)")
        }
        let me = try await transport.json("GET", "/auth/me", token: token)
        func create(_ path: String, _ object: [String: Any]) async throws -> [String: Any] {
            let (status, json) = try await transport.json("POST", path, object, token: token)
            guard status == 201 else { throw TestFailure("POST \(path) answered \(status): \(json)") }
            return json
        }
        let parent = try await create("/api/v1/persons", ["first_name": "Jean", "surname": "Probe", "sex": "male", "birth_date": "1800", "death_date": "1870"])
        let child = try await create(
            "/api/v1/persons", ["first_name": "Marie", "surname": "Probe", "sex": "female", "birth_date": "1830", "death_date": "1900"])
        let parentID = parent["id"] as? String ?? ""
        let childID = child["id"] as? String ?? ""
        let family = try await create("/api/v1/families", ["father_ids": [parentID], "children_ids": [childID], "marriage_date": "1825"])
        let source = try await create("/api/v1/sources", ["title": "Parish register"])
        let note = try await create("/api/v1/notes", ["text": "A note"])
        let place = try await create("/api/v1/places", ["name": "Lyon"])
        return ProbeFixture(
            adminToken: token, adminID: me.json["id"] as? String ?? "", parentID: parentID, childID: childID,
            childKey: child["key"] as? String ?? "", familyID: family["id"] as? String ?? "", sourceID: source["id"] as? String ?? "",
            noteID: note["id"] as? String ?? "", placeID: place["id"] as? String ?? ""
        )
    }

    /// A real value for a path parameter. DELETE gets ids nobody has, so the walk removes nothing.
    func value(of parameter: String, method: String) -> String {
        if method == "DELETE", parameter != "base" { return UUID().uuidString.lowercased() }
        switch parameter {
        case "base": return "default"
        case "person_id": return childID
        case "other_id": return parentID
        case "key": return childKey.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? childKey
        case "family_id": return familyID
        case "source_id": return sourceID
        case "note_id": return noteID
        case "place_id": return placeID
        case "user_id": return adminID
        case "name": return "default"
        case "sosa_number": return "1"
        default: return UUID().uuidString.lowercased()
        }
    }
}

/// Walks every route of the catalog and sends hostile values where the server reads numbers or
/// text: each query parameter, each path parameter, `If-Match`, and numeric or date fields of
/// JSON bodies. Collects every answer of 500 or more (or no answer at all) as a failure.
struct HostileInputProbe {
    /// The values of issue 14: zero, negative, past 32 bits, the 64-bit extremes, a huge double,
    /// not a number, and a number of 10,000 digits.
    static let hostileNumbers = [
        "0", "-1", "2147483648", "9223372036854775807", "-9223372036854775808", "1e308", "NaN", String(repeating: "9", count: 10_000),
    ]
    /// Query parameters every route gets, whatever it documents: the paging names and synonyms.
    static let pagingNames = ["page", "page_size", "offset", "skip", "limit"]

    let transport: ProbeTransport
    let routes: [RouteCatalog.Route]
    /// The served OpenAPI document: documented query parameters and request schemas per operation.
    let document: [String: Any]
    let fixture: ProbeFixture

    private(set) var requests = 0
    private(set) var failures: [String] = []
    /// Set when the server no longer answers at all: the walk stops there.
    private(set) var serverGone = false

    init(transport: ProbeTransport, routes: [RouteCatalog.Route], document: [String: Any], fixture: ProbeFixture) {
        self.transport = transport
        self.routes = routes
        self.document = document
        self.fixture = fixture
    }

    /// Every route, as the caller with `token` (nil: anonymous). Logout routes are left out: they
    /// would end the session the walk uses. Reads come before writes, so that a PUT cannot change
    /// what a later GET walks on.
    ///
    /// Anonymously, the walk takes the routes an anonymous caller may call, without the
    /// `/bases/{base}` twins (the same handlers): the others answer 401 before reading anything.
    mutating func walk(token: String?) async {
        let rank: [String: Int] = ["GET": 0, "HEAD": 0, "POST": 1, "PUT": 2, "PATCH": 2, "DELETE": 3]
        let ordered = routes.enumerated().sorted {
            (rank[$0.element.method.rawValue] ?? 1, $0.offset) < (rank[$1.element.method.rawValue] ?? 1, $1.offset)
        }.map(\.element)
        for route in ordered where !route.path.hasSuffix("/logout") {
            if serverGone { return }
            if token == nil, route.path.contains("/:base") || route.access.minimumRole(publicRead: true) != nil { continue }
            let method = route.method.rawValue
            let operation = self.operation(route)
            var probes: [(path: String, query: String)] = []
            for value in Self.hostileNumbers {
                for name in numericQueryNames(operation, method: method) {
                    probes.append((concretePath(route, method), "\(name)=\(value)"))
                }
                for parameter in pathParameters(route) where parameter != "base" {
                    probes.append((concretePath(route, method, replacing: parameter, with: value), ""))
                }
            }
            let body = ["POST", "PUT", "PATCH"].contains(method) ? Data("{}".utf8) : nil
            for probe in probes {
                await send(method, probe.path, query: probe.query, route: route, token: token, body: body)
            }
            if ["PUT", "PATCH", "DELETE"].contains(method) {
                for value in Self.hostileNumbers {
                    await send(
                        method, concretePath(route, method), query: "", route: route, token: token, body: body,
                        headers: ["If-Match": "\"\(value)\""])
                }
            }
            // Bodies are read after the access check: an anonymous caller gets 401 before them.
            let bodyIsRead = token != nil || route.access.minimumRole(publicRead: true) == nil
            if bodyIsRead, let template = bodyTemplate(route, operation) {
                for (field, literal) in bodyProbes(template) {
                    await send(
                        method, concretePath(route, method), query: "", route: route, token: token,
                        body: Data(literal.utf8), label: "body \(field)")
                }
            }
        }
    }

    /// The walk's failures, at most `limit` of them, for an expectation's message.
    func summary(limit: Int = 25) -> String {
        "\(failures.count) of \(requests) requests failed:\n" + failures.prefix(limit).joined(separator: "\n")
    }

    // MARK: Requests

    private mutating func send(
        _ method: String, _ path: String, query: String, route: RouteCatalog.Route, token: String?, body: Data?,
        headers extra: [String: String] = [:], label: String? = nil
    ) async {
        guard !serverGone else { return }
        var target = path
        let fixed = fixedQuery(route)
        let fullQuery = [fixed, query].filter { !$0.isEmpty }.joined(separator: "&")
        if !fullQuery.isEmpty { target += "?" + fullQuery }
        var headers = extra
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if body != nil { headers["Content-Type"] = "application/json" }
        requests += 1
        let description = "\(method) \(String(target.prefix(120)))\(label.map { " [\($0)]" } ?? "")\(extra.isEmpty ? "" : " \(extra.keys.sorted())")"
        do {
            let (status, answer) = try await transport.send(method, target, headers, body)
            if status >= 500 || status < 100 {
                failures.append("\(description) → \(status) \(String(decoding: answer.prefix(200), as: UTF8.self))")
            }
        } catch {
            failures.append("\(description) → no answer: \(String(describing: error).prefix(200))")
            if (try? await transport.send("GET", "/health/live", [:], nil))?.status != 200 {
                serverGone = true
                failures.append("the server no longer answers /health/live: the walk stops")
            }
        }
    }

    /// Query parameters some routes require, so that the handler gets past them: Sosa numbers
    /// need a root person, person search a criterion.
    private func fixedQuery(_ route: RouteCatalog.Route) -> String {
        if route.path.contains("/sosa/") { return "root_person_id=\(fixture.childID)" }
        if route.path.hasSuffix("/search/persons") { return "q=Probe" }
        return ""
    }

    // MARK: The document

    private func operation(_ route: RouteCatalog.Route) -> [String: Any] {
        let path = route.path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return paths[path]?[route.method.rawValue.lowercased()] as? [String: Any] ?? [:]
    }

    /// Every query parameter the operation documents as a number, and on every GET the paging
    /// names, documented or not (no other method reads paging).
    private func numericQueryNames(_ operation: [String: Any], method: String) -> [String] {
        var names = method == "GET" ? Self.pagingNames : []
        for parameter in operation["parameters"] as? [[String: Any]] ?? [] where parameter["in"] as? String == "query" {
            let type = (parameter["schema"] as? [String: Any])?["type"]
            let types = (type as? [String]) ?? [(type as? String) ?? ""]
            if let name = parameter["name"] as? String, types.contains("integer") || types.contains("number"), !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }

    private func pathParameters(_ route: RouteCatalog.Route) -> [String] {
        route.path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    private func concretePath(_ route: RouteCatalog.Route, _ method: String, replacing parameter: String? = nil, with value: String = "") -> String {
        route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            let name = String(segment.dropFirst())
            return name == parameter ? value : fixture.value(of: name, method: method)
        }.joined(separator: "/")
    }

    // MARK: Bodies

    /// A valid body for the route's request schema, to which one hostile field is added; nil for
    /// routes without a JSON body worth probing.
    private func bodyTemplate(_ route: RouteCatalog.Route, _ operation: [String: Any]) -> (schema: [String: Any], base: [String: String])? {
        guard ["POST", "PUT", "PATCH"].contains(route.method.rawValue),
            let content = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any],
            let json = content["application/json"] as? [String: Any],
            let reference = (json["schema"] as? [String: Any])?["$ref"] as? String
        else { return nil }
        let name = String(reference.split(separator: "/").last ?? "")
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        guard let schema = schemas[name] as? [String: Any] else { return nil }
        // JSON text fragments of a valid body, keyed by schema name.
        let bases: [String: [String: String]] = [
            "PersonInput": ["first_name": "\"Probe\"", "surname": "\"Numbers\""],
            "Place": ["name": "\"Probe place\""],
            "Source": ["title": "\"Probe source\""],
            "Note": ["text": "\"Probe note\""],
        ]
        return (schema, bases[name] ?? [:])
    }

    /// `(field, JSON text)` pairs: every numeric property of the schema (nested objects and
    /// arrays of objects included) set to each hostile number as a JSON literal, and every date
    /// property set to date texts whose year is a hostile number.
    private func bodyProbes(_ template: (schema: [String: Any], base: [String: String])) -> [(String, String)] {
        var probes: [(String, String)] = []
        // Items of these lists are only read when they have these fields.
        let companions = ["titles": "\"title\":\"Count\","]
        func wrap(_ path: [String], _ leaf: String) -> String {
            // The path holds keys and "[]" for arrays: titles, [], nth → "titles": [{"nth": V}].
            var text = leaf
            for index in path.indices.reversed() where index > 0 {
                let component = path[index]
                if component == "[]" {
                    text = "[\(text)]"
                } else {
                    let companion = index >= 2 && path[index - 1] == "[]" ? companions[path[index - 2]] ?? "" : ""
                    text = "{\(companion)\"\(component)\":\(text)}"
                }
            }
            return text
        }
        func body(_ path: [String], _ leaf: String) -> String {
            guard let first = path.first else { return leaf }
            var fields = template.base
            let nested = wrap(path, leaf)
            fields[first] = nested
            return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
        func visit(_ schema: [String: Any], _ path: [String]) {
            let type = schema["type"]
            let types = (type as? [String]) ?? [(type as? String) ?? ""]
            if types.contains("integer") || types.contains("number") {
                for value in Self.hostileNumbers { probes.append((path.joined(separator: "."), body(path, value))) }
            } else if types.contains("string"), let last = path.last, last.contains("date") || last == "start" || last == "end" {
                // Five-digit years are the largest dates accept: the calendars must cope with them too.
                // Each value goes into two of the date forms, in turn.
                let forms: [(String) -> String] = [
                    { "ABT \($0)" }, { "BET 1800 AND \($0)" }, { "1815/\($0)" }, { "@#DJULIAN@ 1 JAN \($0)" },
                    { "@#DHEBREW@ 1 TSH \($0)" }, { "@#DFRENCH R@ 1 VEND \($0)" },
                ]
                for (index, value) in (Self.hostileNumbers + ["99999", "-99999"]).enumerated() {
                    for form in [forms[(2 * index) % forms.count], forms[(2 * index + 1) % forms.count]] {
                        probes.append((path.joined(separator: "."), body(path, "\"\(form(value))\"")))
                    }
                }
            }
            if let properties = schema["properties"] as? [String: Any] {
                for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
                    if let child = value as? [String: Any] { visit(child, path + [key]) }
                }
            }
            if let items = schema["items"] as? [String: Any] { visit(items, path + ["[]"]) }
        }
        visit(template.schema, [])
        return probes
    }
}
