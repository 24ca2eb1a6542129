import Foundation

/// The first file of a `multipart/form-data` body (RFC 7578), for uploads from HTML forms and
/// `curl -F file=@tree.ged`: its bytes and the file name the client gave.
enum MultipartFile {
    /// RFC 2046 allows boundaries of 1 to 70 characters; the bound also keeps the search for
    /// delimiters linear in the body's size.
    static let maximumBoundaryLength = 70

    /// The boundary of a `multipart/form-data; boundary=…` content type, nil when there is none
    /// or it is not 1 to 70 characters long.
    static func boundary(in contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let boundary = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...maximumBoundaryLength).contains(boundary.utf8.count) ? boundary : nil
            }
        }
        return nil
    }

    /// One part of the body: its form field name, the file name when it is a file, its bytes.
    struct Part {
        let name: String?
        let fileName: String?
        let content: [UInt8]
    }

    /// The part that carries a file name (else the part named `file`), nil when there is none.
    /// A file name holding a NUL character is refused (422), as all request text is (`RequestText`).
    static func firstFile(in body: [UInt8], boundary: String) throws -> (bytes: [UInt8], fileName: String?)? {
        let parts = try parts(in: body, boundary: boundary)
        if let file = parts.first(where: { $0.fileName != nil }) { return (file.content, file.fileName) }
        return parts.first { $0.name == "file" }.map { ($0.content, nil) }
    }

    /// Every part between the boundaries, in order; linear in the body's size. More than
    /// `maximumParts` parts is a 422 (a form has a handful of fields).
    static func parts(in body: [UInt8], boundary: String, maximumParts: Int = 1_000) throws -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        var starts: [Int] = []
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            starts.append(found)
            guard starts.count <= maximumParts + 1 else {
                throw APIError.validation([FieldError(field: "body", message: "a form of at most \(maximumParts) parts is expected")])
            }
            index = found + delimiter.count
        }
        guard starts.count >= 2 else { return [] }
        var parts: [Part] = []
        for (start, end) in zip(starts, starts.dropFirst()) {
            var partStart = start + delimiter.count
            if body[partStart..<min(partStart + 2, body.count)].elementsEqual([13, 10]) { partStart += 2 }
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: partStart), headerEnd < end else { continue }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            var contentEnd = end
            if contentEnd >= 2, body[contentEnd - 2] == 13, body[contentEnd - 1] == 10 { contentEnd -= 2 }
            let content = Array(body[(headerEnd + 4)..<max(headerEnd + 4, contentEnd)])
            let disposition = headers.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix("content-disposition") }.map(String.init) ?? ""
            let fileName = parameter("filename", in: disposition)
            if let fileName, RequestText.hasNul(fileName) { try RequestText.refuse(["filename"]) }
            parts.append(Part(name: parameter("name", in: disposition), fileName: fileName, content: content))
        }
        return parts
    }

    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
