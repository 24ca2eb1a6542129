import Foundation
import Mustache

/// One language's labels, by key. Templates read them as `{{t.key}}`; Swift code as
/// `messages["key"]` or `messages.format("key", value)` where the text holds `{1}`, `{2}`.
/// A missing key shows as `⟦key⟧`, which the catalog tests look for on every page.
public struct Messages: Sendable, MustacheParent {
    public let language: String
    let table: [String: String]

    public subscript(_ key: String) -> String {
        table[key] ?? "⟦\(key)⟧"
    }

    public func child(named name: String) -> Any? { self[name] }

    /// The text of `key` with `{1}`, `{2}`… replaced by `values`, in one pass: a value is never
    /// read again for placeholders (a name holding "{2}" stays as it is), and no Foundation
    /// search runs for each value (a person page formats dozens of labels).
    public func format(_ key: String, _ values: String...) -> String {
        let text = self[key]
        guard !values.isEmpty, text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let number = Int(rest[afterOpen..<close]), (1...values.count).contains(number) {
                result += values[number - 1]
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    /// The text of `key` for a number: `key.one` when there is one of them ("1 person"), `key`
    /// otherwise ("0 persons", "12 persons"; French also says "0 personne" through `key.one`
    /// being used for 0 and 1).
    public func count(_ key: String, _ number: Int) -> String {
        let one = language == "fr" ? (number == 0 || number == 1) : number == 1
        return format(one ? "\(key).one" : key, String(number))
    }

    /// The keys this catalog defines.
    public var keys: Set<String> { Set(table.keys) }

    /// The name of an event kind ("Birth", "Naissance"); custom kinds are their own name.
    public func event(_ name: String) -> String {
        if name.hasPrefix("custom:") { return String(name.dropFirst(7)) }
        return self["event.\(name)"]
    }
}
