import Foundation
import Hummingbird

/// Encodes payloads the same way everywhere: UTF-8 JSON, ISO-8601 dates, stable key order, and
/// snake_case keys from Swift's camelCase names (`personID` is `person_id`, `sosaNumbers` is
/// `sosa_numbers`), so a payload declares `CodingKeys` only where a key is not its property's
/// name. Keys of dictionaries (audit details) are written as they are.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder.encode(value)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
