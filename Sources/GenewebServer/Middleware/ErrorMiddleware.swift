import Foundation
import GenewebStore
import Hummingbird
import Logging

/// Turns every error into the JSON of API.md, never a stack trace; on the web site's addresses,
/// into the site's error page (`SiteErrorPage`) in the reader's language.
///
/// Errors we throw on purpose (`APIError`) keep their status and details; framework errors
/// (`HTTPError`, e.g. malformed JSON → 400, body too large → 413) get the matching code; a write
/// the store refused (`WriteConflict`) is a 412, 409 or 404 for the record the route writes; a unique
/// key the database refused (either engine, read by `UniqueViolation`) is a 409; anything else is a 500 whose body says nothing more, logged in full with the request id.
/// A path that exists under other methods answers 405 with `Allow`, not 404.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let catalog: RouteCatalog
    /// For the forms of the site's error pages (the header's sign-out).
    let forms: FormTokens

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try respond(error, to: request, context: context)
        } catch let conflict as WriteConflict {
            let error = conflict.apiError(entity: WriteConflict.entity(ofRoute: context.endpointPath))
            return try respond(error, to: request, context: context)
        } catch let error as HTTPError {
            return try respond(translate(error, request: request, context: context), to: request, context: context)
        } catch let error as any HTTPResponseError {
            let status = error.status
            return try respond(APIError(status, detail: status.reasonPhrase), to: request, context: context)
        } catch let busy as DatabaseBusy {
            // Not the caller's fault and not ours: say when to come back.
            var headers = HTTPFields()
            headers[.retryAfter] = "10"
            let error = APIError(
                .serviceUnavailable, detail: "The database is busy: \(busy.description). Try again in a moment",
                headers: headers, retryAfter: 10)
            return try respond(error, to: request, context: context)
        } catch is DecodingError {
            return try respond(.badRequest("The request body is not valid JSON for this route"), to: request, context: context)
        } catch {
            if let violation = UniqueViolation(engineError: error) {
                // Either engine's unique-key refusal, read once here: a race that a writer lost
                // between our own checks and the database's. Never a 500.
                context.logger.notice("unique violation", metadata: ["table": .string(violation.table ?? "unknown")])
                return try respond(.conflict(Self.conflictDetail(violation)), to: request, context: context)
            }
            context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error))])
            return try respond(
                APIError(.internalServerError, detail: "Internal server error"), to: request, context: context
            )
        }
    }

    /// What the client is told: which kind of record clashed, never the engine's text (PostgreSQL's
    /// names the values).
    static func conflictDetail(_ violation: UniqueViolation) -> String {
        switch violation.table {
        case "persons": "Another person of this base has this first name, surname and occurrence number; choose another occurrence number"
        case "users": "This username is already taken"
        case "bases": "A base with this name already exists"
        case let table?: "Another record (\(table)) has the same key; read it again and retry"
        case nil: "Another record has the same key; read it again and retry"
        }
    }

    private func translate(_ error: HTTPError, request: Request, context: Context) -> APIError {
        if error.status == .notFound, context.endpointPath == "NotFound" {
            let allowed = catalog.methods(matching: request.uri.path)
            if !allowed.isEmpty {
                let names = allowed.map(\.rawValue) + (allowed.contains(.get) && !allowed.contains(.head) ? ["HEAD"] : [])
                var headers = HTTPFields()
                headers[.allow] = names.joined(separator: ", ")
                return APIError(
                    .methodNotAllowed,
                    detail: "Method \(request.method.rawValue) is not allowed on \(request.uri.path); allowed: \(names.joined(separator: ", "))",
                    headers: headers
                )
            }
            return .notFound("No route for \(request.method.rawValue) \(request.uri.path)")
        }
        return APIError(error.status, detail: error.body ?? error.status.reasonPhrase, headers: error.headers)
    }

    private func respond(_ error: APIError, to request: Request, context: Context) throws -> Response {
        if SiteErrorPage.isSite(request.uri.path) {
            return SiteErrorPage.response(
                status: error.status, detail: error.detail, headers: error.headers, request: request, context: context, forms: forms)
        }
        let body = ErrorBody(
            detail: error.detail,
            errorCode: error.code,
            timestamp: Date().formatted(.iso8601),
            path: request.uri.path,
            requestID: context.requestID,
            validationErrors: error.validationErrors,
            retryAfter: error.retryAfter
        )
        var response = try JSONResponse.encode(body, status: error.status)
        response.headers.append(contentsOf: error.headers)
        if error.status == .unauthorized, response.headers[.wwwAuthenticate] == nil {
            response.headers[.wwwAuthenticate] = "Bearer"
        }
        return response
    }
}
