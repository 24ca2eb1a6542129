import Foundation

/// The JSON body of every error response (API.md, "Errors").
public struct ErrorBody: Codable, Sendable, Equatable {
    public let detail: String
    public let errorCode: ErrorCode
    public let timestamp: String
    public let path: String
    public let requestID: String
    public let validationErrors: [FieldError]?
    /// Seconds to wait, on 429 only.
    public let retryAfter: Int?

    enum CodingKeys: String, CodingKey {
        case detail
        case errorCode = "error_code"
        case timestamp, path
        case requestID = "request_id"
        case validationErrors = "validation_errors"
        case retryAfter = "retry_after"
    }
}

/// One invalid field of a request.
public struct FieldError: Codable, Sendable, Equatable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// The machine-readable kind of an error; one per HTTP status we answer with.
public enum ErrorCode: String, Codable, Sendable {
    case badRequest = "BAD_REQUEST"
    case unauthorized = "UNAUTHORIZED"
    case forbidden = "FORBIDDEN"
    case notFound = "NOT_FOUND"
    case methodNotAllowed = "METHOD_NOT_ALLOWED"
    case conflict = "CONFLICT"
    case preconditionFailed = "PRECONDITION_FAILED"
    case payloadTooLarge = "PAYLOAD_TOO_LARGE"
    case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    case validationError = "VALIDATION_ERROR"
    case rateLimitExceeded = "RATE_LIMIT_EXCEEDED"
    case internalError = "INTERNAL_ERROR"
    case serviceUnavailable = "SERVICE_UNAVAILABLE"

    /// The code for a status that reached us without one (framework errors).
    init(status: Int) {
        switch status {
        case 401: self = .unauthorized
        case 403: self = .forbidden
        case 404: self = .notFound
        case 405: self = .methodNotAllowed
        case 409: self = .conflict
        case 412: self = .preconditionFailed
        case 413: self = .payloadTooLarge
        case 415: self = .unsupportedMediaType
        case 422: self = .validationError
        case 429: self = .rateLimitExceeded
        case 503: self = .serviceUnavailable
        case 400..<500: self = .badRequest
        default: self = .internalError
        }
    }
}
