import Hummingbird

/// Refuses a request whose path or query holds a NUL character (`%00`) with 422 naming the
/// field, before any route reads it (see `RequestText`). JSON and form bodies are checked where
/// they are read (`RequestBody`).
struct RequestTextMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try RequestText.refuse(RequestText.nulFields(in: request.uri))
        return try await next(request, context)
    }
}
