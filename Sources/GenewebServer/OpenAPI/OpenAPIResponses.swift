import GenewebCore

/// The answers a route really gives, for the OpenAPI document: its success status and media
/// type, and each error status it can come to (all with the `ErrorBody` JSON). A schemathesis
/// pass in `scripts/test` holds every answer to this list.
enum OpenAPIResponses {
    static func responses(for route: RouteCatalog.Route, publicRead: Bool, successSchema: [String: Any]) -> [String: Any] {
        let method = route.method.rawValue
        let path = route.path
        let isUpload = method == "POST" && path.hasSuffix("/media")
        let status = OpenAPIDocument.successStatus(method, path)
        let successAnswer: [String: Any] = status == "204" ? ["description": "Deleted; no body"] : success(path, schema: successSchema)
        var responses: [String: Any] = [
            "400": error("Malformed request: a body that is not JSON, a bad If-Match or Host header"),
            // A bearer token that is expired, revoked or forged is refused on every route.
            "401": error("Authentication required, or the token given is invalid"),
            "422": error("Validation error, with validation_errors per field (a NUL character in any text included)"),
            "500": error("Internal error; the body says nothing more"),
        ]
        responses[status] = successAnswer
        if !ExemptPaths.isRateLimitExempt(path) { responses["429"] = error("Rate limit exceeded, with retry_after and Retry-After") }
        if !OpenAPIDocument.pathParameters(path).isEmpty || BaseScope.isScoped(path) {
            responses["404"] = error("Not found: the record, or the base")
        }
        let writes = ["POST", "PUT", "PATCH", "DELETE"].contains(method)
        if writes, !isSessionRoute(path) {
            responses["409"] = error("Conflict with the stored data (a key or name taken, records still linked, a non-empty base)")
        }
        if ["PUT", "PATCH", "DELETE"].contains(method),
            path.contains("/persons/:person_id") || path.contains("/families/:family_id") || path.contains("/media/:media_id")
        {
            responses["412"] = error("If-Match names an older version")
        }
        if ["POST", "PUT", "PATCH"].contains(method) {
            responses["413"] = error(
                path.hasSuffix("/import")
                    ? "The file is over GENEWEB_IMPORT_MAX_BYTES" : isUpload ? "The file is over GENEWEB_MEDIA_MAX_BYTES" : "The body is over the request limit"
            )
        }
        if isUpload {
            responses["415"] = error("Not multipart/form-data, or a file that is not JPEG, PNG, WebP, GIF or PDF by its content")
        }
        if path.hasSuffix("/media/:media_id/file") {
            responses["304"] = ["description": "If-None-Match names the file's ETag (its SHA-256): not modified, no body"]
        }
        if let role = route.access.minimumRole(publicRead: publicRead), role != .viewer {
            responses["403"] = error("The \(role.rawValue) role is required")
        }
        if path == "/health/ready" || path == "/health/detailed" {
            responses["503"] = error("The database does not answer, or migrations are missing")
        } else if path.contains("/genealogy/") {
            responses["503"] = error("The base's family tree is still being read into memory; ask again after Retry-After seconds")
        }
        if computesInBackground(path) {
            responses["202"] = [
                "description": "A whole-base computation is under way; ask again after Retry-After seconds",
                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Computing"]]],
            ]
        }
        return responses
    }

    static func error(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/ErrorBody"]]]]
    }

    /// The success answer: JSON, except the documentation page, its assets, metrics and exports.
    static func success(_ path: String, schema: [String: Any]) -> [String: Any] {
        let text: [String: Any] = ["type": "string"]
        let binary: [String: Any] = ["type": "string", "format": "binary"]
        let content: [String: Any] =
            switch path {
            case "/docs": ["text/html": ["schema": text]]
            case "/docs/app.js": ["text/javascript": ["schema": text]]
            case "/docs/app.css": ["text/css": ["schema": text]]
            case "/metrics": ["text/plain": ["schema": text]]
            case "/api/v1/backups/{name}": ["application/x-ndjson": ["schema": text]]
            case _ where path.hasSuffix("/export"):
                ["text/vnd.familysearch.gedcom": ["schema": text], "text/plain": ["schema": text], "application/zip": ["schema": binary]]
            case _ where path.hasSuffix("/media/:media_id/file"):
                Dictionary(uniqueKeysWithValues: MediaFileType.allCases.map { ($0.mimeType, ["schema": binary] as [String: Any]) })
            default: ["application/json": ["schema": schema]]
            }
        let description =
            path.hasSuffix("/export")
            ? "The base as a file: GEDCOM 5.5.1 or 7 (text/vnd.familysearch.gedcom), GeneWeb .gw (text/plain), or a zip of GEDCOM 5.5.1 and the media files, streamed"
            : "Success"
        return ["description": description, "content": content]
    }

    /// Sign-in routes: nothing stored can conflict with them.
    private static func isSessionRoute(_ path: String) -> Bool {
        ["/login", "/login/oauth2", "/refresh", "/logout", "/change-password"].contains { path.hasSuffix($0) }
    }

    /// Routes that answer 202 while a whole-base figure is computed (`ComputingPayload.response`).
    private static func computesInBackground(_ path: String) -> Bool {
        ["/genealogy/stats", "/genealogy/consanguinity", "/search/surnames", "/search/first_names"].contains { path.hasSuffix($0) }
    }
}
