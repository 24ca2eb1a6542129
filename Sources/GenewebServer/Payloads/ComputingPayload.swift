import Hummingbird

/// 202 with `Retry-After`: a whole-base computation (statistics, name index, consanguinity) is
/// under way and its answer will be kept; the client asks again later.
struct ComputingPayload: Encodable {
    let status = "computing"
    let detail: String
    let retryAfter = 30

    static func response(_ what: String) throws -> Response {
        var headers = HTTPFields()
        headers[.retryAfter] = "30"
        return try JSONResponse.encode(ComputingPayload(detail: "\(what) are being computed; ask again later."), status: .accepted, headers: headers)
    }
}
