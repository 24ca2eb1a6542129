import Foundation
import Hummingbird
import HummingbirdCore

/// Text from a request must not hold a NUL character (U+0000): PostgreSQL text cannot store
/// one (its driver fails the whole statement), no genealogical text needs one, and a NUL in a
/// name would pass on SQLite and break exports later. It is refused at the request boundary,
/// on both engines alike: path and query (`RequestTextMiddleware`), JSON and form bodies
/// (`RequestBody`), each naming the field.
enum RequestText {
    static let message = "must not contain a NUL character"

    static func hasNul(_ text: some StringProtocol) -> Bool {
        text.utf8.contains(0)
    }

    /// A field name as it can be shown back: a NUL in a JSON key is written `\u0000`.
    static func fieldName(_ key: some StringProtocol) -> String {
        String(key).replacingOccurrences(of: "\u{0}", with: "\\u0000")
    }

    /// The fields of the path and query holding a NUL once percent-decoded: `path` for the path,
    /// the parameter's name for the query.
    static func nulFields(in uri: URI) -> [String] {
        var fields: [String] = []
        if let path = uri.path.removingPercentEncoding, hasNul(path) { fields.append("path") }
        for (name, value) in uri.queryParameters {
            // Hummingbird decodes values but not names.
            let decodedName = String(name).removingPercentEncoding ?? String(name)
            if hasNul(decodedName) || hasNul(value) { fields.append(fieldName(decodedName)) }
        }
        return fields
    }

    /// The fields of a JSON value (from `JSONSerialization`) holding a NUL in a key or a text,
    /// as dotted paths (`titles.0.title`); `body` for a text at the top.
    static func nulFields(inJSON value: Any, path: String = "") -> [String] {
        switch value {
        case let text as String:
            return hasNul(text) ? [path.isEmpty ? "body" : path] : []
        case let object as [String: Any]:
            var fields: [String] = []
            for key in object.keys.sorted() {
                let name = path.isEmpty ? fieldName(key) : "\(path).\(fieldName(key))"
                if hasNul(key) { fields.append(name) }
                fields += nulFields(inJSON: object[key]!, path: name)
            }
            return fields
        case let list as [Any]:
            return list.enumerated().flatMap { index, item in nulFields(inJSON: item, path: path.isEmpty ? "\(index)" : "\(path).\(index)") }
        default:
            return []
        }
    }

    /// The fields of an `application/x-www-form-urlencoded` body holding a NUL once decoded.
    static func nulFields(inForm body: String) -> [String] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring?) -> String {
                guard let text else { return "" }
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decoded(parts.first)
            return hasNul(name) || hasNul(decoded(parts.dropFirst().first)) ? fieldName(name) : nil
        }
    }

    /// Throws the 422 naming `fields`, when there are any.
    static func refuse(_ fields: [String]) throws {
        guard !fields.isEmpty else { return }
        throw APIError.validation(fields.map { FieldError(field: $0, message: message) })
    }
}
