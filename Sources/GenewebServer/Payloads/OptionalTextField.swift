import Foundation

/// An optional text field of a JSON body, read the one way every input reads it: null or "" is
/// none; another type, or a text past `limit` characters, is refused with the message to report
/// under the field's name.
enum OptionalTextField {
    static func read(_ value: Any, limit: Int) -> (text: String?, refusal: String?) {
        if value is NSNull { return (nil, nil) }
        guard let text = value as? String else { return (nil, "must be a text or null") }
        guard text.count <= limit else { return (nil, "must be at most \(limit) characters") }
        return (text.isEmpty ? nil : text, nil)
    }
}
