import Foundation

/// A record document stored sealed: `{"sealed": "enc:v1:…"}` in the JSON column (which must
/// stay valid JSON for PostgreSQL's JSONB), the record's own JSON inside.
enum SealedDocument {
    private struct Envelope: Codable {
        let sealed: String
    }

    /// The JSON to store: the record's, or its sealed envelope when `seal` and a cipher is configured.
    static func json(_ value: some Encodable, seal: Bool, cipher: FieldCipher?) throws -> String {
        let plain = String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
        guard seal, let cipher else { return plain }
        return String(decoding: try JSONEncoder.sorted.encode(Envelope(sealed: try cipher.seal(plain))), as: UTF8.self)
    }

    /// The record from stored JSON, opening the envelope when there is one (persons and families
    /// are read by `DocumentDecoder`, as unsealed).
    static func decode<T: Decodable>(_ type: T.Type, from json: String, cipher: FieldCipher?) throws -> T {
        if json.hasPrefix("{\"sealed\""), let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(json.utf8)) {
            return try DocumentDecoder().decode(T.self, from: try FieldCipher.open(envelope.sealed, with: cipher))
        }
        return try DocumentDecoder().decode(T.self, from: json)
    }

    static func isSealed(_ json: String) -> Bool { json.hasPrefix("{\"sealed\"") }
}
