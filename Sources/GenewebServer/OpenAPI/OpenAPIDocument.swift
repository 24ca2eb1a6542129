import Foundation

/// The OpenAPI 3.1 document of the running server, built from the route catalog: every
/// registered route is in it by construction (method, path, path parameters, who may call it,
/// the error answers its access rule implies), with the shared schemas below.
enum OpenAPIDocument {
    static func build(catalog: RouteCatalog, version: String, publicRead: Bool) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for route in catalog.documentedRoutes {
            let path = openAPIPath(route.path)
            var operation: [String: Any] = [
                "operationId": operationID(route.method.rawValue, path),
                "summary": summary(route.method.rawValue, path),
                "tags": [tag(path)],
            ]
            let parameters = pathParameters(route.path).map { name -> [String: Any] in
                ["name": name, "in": "path", "required": true, "schema": pathParameterSchema(name)]
            }
            var allParameters = parameters
            if route.method == .get || route.method == .delete || route.path.hasSuffix("/import") {
                allParameters += OpenAPIQueryParameters.parameters(for: route.path).filter { parameter in
                    // `cascade` is read by DELETE only.
                    route.method == .delete || parameter["name"] as? String != "cascade"
                }
            }
            if BaseScope.isScoped(route.path) && !route.path.contains(":base") {
                allParameters.append([
                    "name": "database", "in": "query", "required": false,
                    "description": "The base to use instead of the active one (as in the Python API)", "schema": baseNameSchema,
                ])
            }
            if !allParameters.isEmpty { operation["parameters"] = allParameters }
            let bodies = OpenAPISchemas.bodies(method: route.method.rawValue, path: route.path)
            func schema(_ name: String?) -> [String: Any] { name.map { ["$ref": "#/components/schemas/\($0)"] } ?? ["type": "object"] }
            if [.post, .put, .patch].contains(route.method) {
                let form = route.path.hasSuffix("/login/oauth2")
                let upload = route.method == .post && route.path.hasSuffix("/media")
                operation["requestBody"] = [
                    "required": !route.path.hasSuffix("/logout") && !route.path.hasSuffix("/reload") && !route.path.hasSuffix("/commit")
                        && !route.path.hasSuffix("/activate"),
                    "content": [
                        form ? "application/x-www-form-urlencoded" : upload ? "multipart/form-data" : "application/json": ["schema": schema(bodies.request)]
                    ],
                ]
            }
            let responses = OpenAPIResponses.responses(for: route, publicRead: publicRead, successSchema: schema(bodies.response))
            if let role = route.access.minimumRole(publicRead: publicRead) {
                operation["security"] = [["HTTPBearer": []], ["OAuth2PasswordBearer": []]]
                operation["x-required-role"] = role.rawValue
            } else if route.access == .publicRead {
                operation["x-required-role"] = "none while GENEWEB_AUTH_PUBLIC_READ is true, else viewer"
            }
            operation["responses"] = responses
            paths[path, default: [:]][route.method.rawValue.lowercased()] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "GeneWeb Server",
                "version": version,
                "description": "GeneWeb genealogy over HTTP: persons, families, sources, notes, places, media, bases, GDPR, accounts. "
                    + "Living persons are restricted for anonymous callers and viewers. Errors always have the ErrorBody shape.",
                "license": ["name": "GPL-2.0-or-later"],
            ],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "HTTPBearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"],
                    "OAuth2PasswordBearer": ["type": "oauth2", "flows": ["password": ["tokenUrl": "/auth/login/oauth2", "scopes": [:] as [String: String]]]],
                ],
                "schemas": OpenAPISchemas.all.merging([
                    "ErrorBody": [
                        "type": "object",
                        "required": ["detail", "error_code", "timestamp", "path", "request_id"],
                        "properties": [
                            "detail": ["type": "string"],
                            "error_code": [
                                "type": "string",
                                "enum": [
                                    "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "METHOD_NOT_ALLOWED", "CONFLICT",
                                    "PRECONDITION_FAILED", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "VALIDATION_ERROR",
                                    "RATE_LIMIT_EXCEEDED", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE",
                                ],
                            ],
                            "timestamp": ["type": "string", "format": "date-time"],
                            "path": ["type": "string"],
                            "request_id": ["type": "string"],
                            "validation_errors": ["type": "array", "items": ["$ref": "#/components/schemas/FieldError"]],
                            "retry_after": ["type": "integer"],
                        ],
                    ],
                    "FieldError": [
                        "type": "object", "required": ["field", "message"],
                        "properties": ["field": ["type": "string"], "message": ["type": "string"]],
                    ],
                ]) { first, _ in first },
            ],
        ]
    }

    /// `/persons/:person_id` → `/persons/{person_id}`.
    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    /// Base names: what `BaseName` accepts.
    static var baseNameSchema: [String: Any] { ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"] }

    /// What a path parameter holds: ids are UUIDs, Sosa numbers whole numbers from 1.
    static func pathParameterSchema(_ name: String) -> [String: Any] {
        switch name {
        case "base", "name": baseNameSchema
        case "sosa_number": ["type": "integer", "minimum": 1, "maximum": Int.max]
        case "key": ["type": "string", "description": "GeneWeb key: first_name.occurrence.surname"]
        default: ["type": "string", "format": "uuid"]
        }
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    static func isList(_ path: String) -> Bool {
        ["/persons", "/families", "/sources", "/notes", "/places", "/media", "/users", "/audit"].contains { path.hasSuffix($0) }
    }

    static func successStatus(_ method: String, _ path: String) -> String {
        // The same answer with or without the `/bases/{base}` prefix.
        let path = path.replacingOccurrences(of: "/api/v1/bases/:base", with: "/api/v1")
        // A backup runs in the background: accepted now, listed when done.
        if method == "POST", path == "/api/v1/backups" { return "202" }
        if method == "POST", isList(path) || path.hasSuffix("/register") || path.hasSuffix("/database/databases") || path.hasSuffix("/import") { return "201" }
        // Families and bases answer their deletion with a JSON message (as the Python API does).
        if method == "DELETE", !path.hasPrefix("/api/v1/families"), !path.hasPrefix("/api/v1/database") { return "204" }
        return "200"
    }

    static func tag(_ path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        if parts.first == "auth" || parts.dropFirst(2).first == "auth" { return "authentication" }
        if parts.first == "health" { return "health" }
        if path.contains("gdpr-export") || path.hasSuffix("/anonymize") || path.hasSuffix("/consent") || path.hasSuffix("/data-processing-info") {
            return "gdpr"
        }
        guard parts.count >= 3, parts[0] == "api" else { return parts.first ?? "root" }
        let resource = parts[2] == "bases" && parts.count >= 5 ? parts[4] : parts[2]
        return resource
    }

    static func operationID(_ method: String, _ path: String) -> String {
        let words = path.split(separator: "/").map {
            $0.replacingOccurrences(of: "{", with: "by_").replacingOccurrences(of: "}", with: "").replacingOccurrences(of: "-", with: "_")
        }
        return ([method.lowercased()] + words).joined(separator: "_")
    }

    static func summary(_ method: String, _ path: String) -> String {
        let verb =
            switch method {
            case "GET": path.hasSuffix("}") ? "Read" : "List or read"
            case "POST": "Create or run"
            case "PUT": "Replace"
            case "PATCH": "Update"
            case "DELETE": "Delete"
            default: method
            }
        return "\(verb) \(path)"
    }
}
