import Foundation
import GenewebCore
import Hummingbird

/// The routes about persons keep their answers (`GenealogyAnswerCache`) for the base's version
/// and the day, as `GET /persons/{id}` does: asking again for the same ancestors or relationship
/// skips the walk, the privacy read of every person named and the encoding.
extension GenealogyController {
    /// A route's answer, with the version of the graph it was computed on.
    struct Computed: Sendable {
        let body: ByteBuffer
        let version: Int
        let headers: HTTPFields

        init(_ payload: some Encodable, version: Int, headers: HTTPFields = [:]) throws {
            body = ByteBuffer(bytes: try JSONResponse.encoder.encode(payload))
            self.version = version
            self.headers = headers
        }
    }

    /// The parameters these routes read, as they read them (the first value of each): a
    /// parameter they ignore, added to a question, must not make another answer to keep, or junk
    /// queries would fill the budget and empty it.
    static let keptParameters = ["max_generations", "tree_type", "direction", "root_person_id"]

    static func keptQuery(_ request: Request) -> String {
        let query = request.uri.queryParameters
        return keptParameters.compactMap { name in query[name[...]].map { "\(name)=\($0)" } }.joined(separator: "&")
    }

    /// The kept answer to this request, or `compute`'s, kept.
    ///
    /// The key is the path and the parameters read, and what of the caller the privacy of the persons shown
    /// depends on (as for a person's answer). The answer is kept under the version of the graph
    /// it was computed on; its persons are read after the graph, so at that version or later: a
    /// write committed meanwhile leaves it under a version that is already past. Errors (a hidden
    /// or unknown person) are never kept. A kept answer has no `Server-Timing` (nothing was walked).
    func keeping(_ request: Request, _ context: AppRequestContext, _ compute: (ResolvedBase) async throws -> Computed) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let policy = PrivacyPolicy(role: context.role, base: base)
        let key = GenealogyAnswerKey(
            base: base.id, path: request.uri.path, query: Self.keptQuery(request), seesEverything: policy.seesEverything,
            publicNames: base.publicNames)
        let day = policy.rule.today
        let version = try await graphs.currentVersion(of: base.id)
        if let answer = kept.answer(for: key, at: .init(version: version, day: day)) { return answer.jsonResponse }
        let computed = try await compute(base)
        kept.keep(.init(stamp: .init(version: computed.version, day: day), body: computed.body, entityVersion: nil), for: key)
        var headers = computed.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: computed.body))
    }
}
