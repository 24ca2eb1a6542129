import Foundation

/// Every part of a `multipart/form-data` body (RFC 7578): the media upload reads its file and its
/// text fields (`title`, `person_id`...) from one form, as `curl -F` and HTML forms send them.
struct MultipartForm {
    /// One part: its field name, the file name when it carries a file, and its bytes.
    struct Part {
        let name: String
        let fileName: String?
        let bytes: [UInt8]
    }

    /// Forms with more parts are refused: a media upload has a handful of fields.
    static let maximumParts = 32

    let parts: [Part]

    /// The parts of `body`; 422 when it is not a well-formed form or has too many parts.
    init(_ body: [UInt8], boundary: String) throws {
        let parts = try MultipartFile.parts(in: body, boundary: boundary, maximumParts: Self.maximumParts).compactMap { part -> Part? in
            guard let name = part.name else { return nil }
            if RequestText.hasNul(name) { try RequestText.refuse([name]) }
            return Part(name: name, fileName: part.fileName, bytes: part.content)
        }
        guard !parts.isEmpty else { throw APIError.validation([FieldError(field: "body", message: "a multipart/form-data body is expected")]) }
        self.parts = parts
    }

    /// The first part named `name`.
    func part(_ name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// The text of the field `name`, nil when absent; 422 when not UTF-8 or longer than `limit`.
    func text(_ name: String, limit: Int) throws -> String? {
        guard let part = part(name) else { return nil }
        guard let text = String(validating: part.bytes, as: UTF8.self), text.count <= limit, !RequestText.hasNul(text) else {
            throw APIError.validation([FieldError(field: name, message: "must be a text of at most \(limit) characters")])
        }
        return text
    }
}
