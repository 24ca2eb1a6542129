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

    /// The text of `key` with `{1}`, `{2}`… replaced by `values`.
    public func format(_ key: String, _ values: String...) -> String {
        var text = self[key]
        for (index, value) in values.enumerated() {
            text = text.replacingOccurrences(of: "{\(index + 1)}", with: value)
        }
        return text
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
