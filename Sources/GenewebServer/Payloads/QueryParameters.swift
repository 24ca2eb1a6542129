import Foundation
import Hummingbird
import HummingbirdCore

/// Typed reading of a route's query string, collecting every problem into one 422 answer.
///
/// Each reader takes the parameter's name and its accepted synonyms (`"query", "q"`): the first
/// one present is read, and an error names the one the client sent. Numbers are bounded here,
/// before any handler does arithmetic with them: a value that is not a whole number, is out of
/// its range, or is too long to be one is a field error, never a trap.
struct QueryParameters {
    private let query: FlatDictionary<Substring, Substring>
    private(set) var errors: [FieldError] = []

    init(_ request: Request) {
        query = request.uri.queryParameters
    }

    /// Whether any of `names` is in the query string.
    func contains(_ names: String...) -> Bool {
        names.contains { query[$0[...]] != nil }
    }

    /// The first of `names` present, with its raw value.
    private func first(_ names: [String]) -> (name: String, value: Substring)? {
        for name in names {
            if let value = query[name[...]] { return (name, value) }
        }
        return nil
    }

    /// A trimmed text, nil when absent or empty; at most `maxLength` characters.
    mutating func text(_ names: String..., maxLength: Int) -> String? {
        text(names, maxLength: maxLength)
    }

    mutating func text(_ names: [String], maxLength: Int) -> String? {
        guard let (name, raw) = first(names) else { return nil }
        let value = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        if value.count > maxLength {
            errors.append(FieldError(field: name, message: "must be at most \(maxLength) characters"))
            return nil
        }
        return value.isEmpty ? nil : value
    }

    /// A whole number within `range`, nil when absent or empty.
    mutating func integer(_ names: String..., in range: ClosedRange<Int>) -> Int? {
        integer(names, in: range)
    }

    mutating func integer(_ names: [String], in range: ClosedRange<Int>) -> Int? {
        guard let (name, raw) = first(names), !raw.isEmpty else { return nil }
        // Twenty characters hold every Int; a longer text is refused without parsing it.
        guard raw.utf8.count <= 20, let value = Int(raw), range.contains(value) else {
            errors.append(FieldError(field: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    mutating func boolean(_ names: String...) -> Bool? {
        boolean(names)
    }

    mutating func boolean(_ names: [String]) -> Bool? {
        guard let (name, raw) = first(names), !raw.isEmpty else { return nil }
        switch raw.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            errors.append(FieldError(field: name, message: "must be true or false"))
            return nil
        }
    }

    /// One of `choices` (compared without case), nil when absent.
    mutating func choice(_ names: String..., among choices: [String]) -> String? {
        choice(names, among: choices)
    }

    mutating func choice(_ names: [String], among choices: [String]) -> String? {
        guard let (name, raw) = first(names), !raw.isEmpty else { return nil }
        let value = raw.lowercased()
        guard choices.contains(value) else {
            errors.append(FieldError(field: name, message: "must be one of \(choices.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    mutating func fail(_ name: String, _ message: String) {
        errors.append(FieldError(field: name, message: message))
    }

    /// Throws the 422 when anything was wrong.
    func validate() throws {
        guard errors.isEmpty else { throw APIError.validation(errors) }
    }
}
