import Foundation
import Hummingbird

/// Reads request bodies into payload types with the answers of API.md: a body that is not JSON
/// is a 400; JSON with missing or mistyped fields, or text holding a NUL character
/// (`RequestText`), is a 422 naming each field.
enum RequestBody {
    static func json<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard !data.isEmpty else {
            throw APIError.validation([FieldError(field: "body", message: "a JSON body is required")])
        }
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("The request body is not valid JSON")
        }
        try RequestText.refuse(RequestText.nulFields(inJSON: value))
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError.validation([fieldError(error)])
        }
    }

    /// The body as a JSON object (400 when not JSON, 422 when not an object).
    static func object(from request: Request, context: AppRequestContext) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw APIError.validation([FieldError(field: "body", message: "a JSON object is required")]) }
        guard let value = try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("The request body is not valid JSON")
        }
        guard let object = value as? [String: Any] else {
            throw APIError.validation([FieldError(field: "body", message: "must be a JSON object")])
        }
        try RequestText.refuse(RequestText.nulFields(inJSON: object))
        return object
    }

    /// An `application/x-www-form-urlencoded` body (the OAuth2 password flow).
    static func form<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let text = String(buffer: buffer)
        try RequestText.refuse(RequestText.nulFields(inForm: text))
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw APIError.validation([fieldError(error)])
        } catch {
            throw APIError.badRequest("The request body is not a valid form")
        }
    }

    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            let joined = all.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "body" : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldError(field: path(context.codingPath, key), message: "is required")
        case .valueNotFound(_, let context):
            return FieldError(field: path(context.codingPath), message: "must not be null")
        case .typeMismatch(let type, let context):
            return FieldError(field: path(context.codingPath), message: "must be \(describe(type))")
        case .dataCorrupted(let context):
            return FieldError(field: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return FieldError(field: "body", message: "is not valid")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "of type \(type)"
        }
    }
}
