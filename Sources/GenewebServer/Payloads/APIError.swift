import HTTPTypes

/// An error a handler throws on purpose; the error middleware turns it into the JSON of `ErrorBody`.
public struct APIError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: ErrorCode
    public let detail: String
    public let validationErrors: [FieldError]?
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status,
        code: ErrorCode? = nil,
        detail: String,
        validationErrors: [FieldError]? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code ?? ErrorCode(status: status.code)
        self.detail = detail
        self.validationErrors = validationErrors
        self.headers = headers
    }

    public static func notFound(_ detail: String) -> APIError { APIError(.notFound, detail: detail) }
    public static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, detail: detail) }
    public static func validation(_ errors: [FieldError]) -> APIError {
        APIError(.unprocessableContent, detail: "Validation failed", validationErrors: errors)
    }
}
