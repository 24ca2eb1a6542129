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
        let delimiter = Array("--\(boundary)".utf8)
        var starts: [Int] = []
        var index = 0
        while let found = MultipartFile.find(delimiter, in: body, from: index) {
            starts.append(found)
            guard starts.count <= Self.maximumParts + 1 else {
                throw APIError.validation([FieldError(field: "body", message: "a form of at most \(Self.maximumParts) parts is expected")])
            }
            index = found + delimiter.count
        }
        var parts: [Part] = []
        for (start, end) in zip(starts, starts.dropFirst()) {
            var partStart = start + delimiter.count
            if body[partStart..<min(partStart + 2, body.count)].elementsEqual([13, 10]) { partStart += 2 }
            guard let headerEnd = MultipartFile.find([13, 10, 13, 10], in: body, from: partStart), headerEnd < end else { continue }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            var contentEnd = end
            if contentEnd >= 2, body[contentEnd - 2] == 13, body[contentEnd - 1] == 10 { contentEnd -= 2 }
            let disposition =
                headers.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix("content-disposition") }.map(String.init) ?? ""
            guard let name = MultipartFile.parameter("name", in: disposition) else { continue }
            let fileName = MultipartFile.parameter("filename", in: disposition)
            if RequestText.hasNul(name) || fileName.map { RequestText.hasNul($0) } == true { try RequestText.refuse([name]) }
            parts.append(Part(name: name, fileName: fileName, bytes: Array(body[(headerEnd + 4)..<max(headerEnd + 4, contentEnd)])))
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
