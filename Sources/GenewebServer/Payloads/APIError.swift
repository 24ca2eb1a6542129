import HTTPTypes

/// An error a handler throws on purpose; the error middleware turns it into the JSON of `ErrorBody`.
public struct APIError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: ErrorCode
    public let detail: String
    public let validationErrors: [FieldError]?
    public let headers: HTTPFields
    /// Seconds to wait before retrying (429), also in the body as `retry_after`.
    public let retryAfter: Int?

    public init(
        _ status: HTTPResponse.Status,
        code: ErrorCode? = nil,
        detail: String,
        validationErrors: [FieldError]? = nil,
        headers: HTTPFields = [:],
        retryAfter: Int? = nil
    ) {
        self.status = status
        self.code = code ?? ErrorCode(status: status.code)
        self.detail = detail
        self.validationErrors = validationErrors
        self.headers = headers
        self.retryAfter = retryAfter
    }

    public static func notFound(_ detail: String) -> APIError { APIError(.notFound, detail: detail) }
    public static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, detail: detail) }
    public static func validation(_ errors: [FieldError]) -> APIError {
        APIError(.unprocessableContent, detail: "Validation failed", validationErrors: errors)
    }
}

extension APIError {
    /// 401 with `WWW-Authenticate: Bearer` (added by the error middleware).
    public static func unauthorized(_ detail: String) -> APIError { APIError(.unauthorized, detail: detail) }
    public static func forbidden(_ detail: String) -> APIError { APIError(.forbidden, detail: detail) }
    public static func conflict(_ detail: String) -> APIError { APIError(.conflict, detail: detail) }

    /// 401 for a token that is malformed, tampered, expired or revoked (RFC 6750 `invalid_token`).
    public static var invalidToken: APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = #"Bearer error="invalid_token""#
        return APIError(.unauthorized, detail: "Invalid or expired token", headers: headers)
    }
}
