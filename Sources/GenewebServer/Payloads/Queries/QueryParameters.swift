import Foundation
import Hummingbird
import HummingbirdCore

/// Typed reading of a route's query string, collecting every problem into one 422 answer.
///
/// Parameters are read through their `QueryParameter` descriptions (the same values the OpenAPI
/// document lists), never by a bare name: the first of a parameter's names present is read, and
/// an error names the one the client sent. Numbers are bounded here,
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
    private mutating func text(_ names: [String], maxLength: Int) -> String? {
        guard let (name, raw) = first(names) else { return nil }
        let value = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        if value.count > maxLength {
            errors.append(FieldError(field: name, message: "must be at most \(maxLength) characters"))
            return nil
        }
        return value.isEmpty ? nil : value
    }

    /// A whole number within `range`, nil when absent or empty.
    private mutating func integer(_ names: [String], in range: ClosedRange<Int>) -> Int? {
        guard let (name, raw) = first(names), !raw.isEmpty else { return nil }
        // Twenty characters hold every Int; a longer text is refused without parsing it.
        guard raw.utf8.count <= 20, let value = Int(raw), range.contains(value) else {
            errors.append(FieldError(field: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    private mutating func boolean(_ names: [String]) -> Bool? {
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
    private mutating func choice(_ names: [String], among choices: [String]) -> String? {
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

// MARK: Reading a described parameter

extension QueryParameters {
    /// The text of a `.text` parameter, nil when absent or empty.
    mutating func text(_ parameter: QueryParameter) -> String? {
        guard case .text(let maxLength, _) = parameter.kind else { preconditionFailure("\(parameter.name) is not a text") }
        return text(parameter.names, maxLength: maxLength)
    }

    /// The number of an `.integer` parameter, nil when absent.
    mutating func integer(_ parameter: QueryParameter) -> Int? {
        guard case .integer(let range, _) = parameter.kind else { preconditionFailure("\(parameter.name) is not a number") }
        return integer(parameter.names, in: range)
    }

    /// The number of an `.integer` parameter with a fallback: the fallback when absent (or
    /// wrong, the error being collected for `validate`).
    mutating func integerOrFallback(_ parameter: QueryParameter) -> Int {
        guard case .integer(let range, let fallback?) = parameter.kind else { preconditionFailure("\(parameter.name) has no fallback") }
        return integer(parameter.names, in: range) ?? fallback
    }

    mutating func boolean(_ parameter: QueryParameter) -> Bool? {
        guard case .boolean = parameter.kind else { preconditionFailure("\(parameter.name) is not a boolean") }
        return boolean(parameter.names)
    }

    /// The choice of a `.choice` parameter, lowercased, nil when absent.
    mutating func choice(_ parameter: QueryParameter) -> String? {
        guard case .choice(let choices) = parameter.kind else { preconditionFailure("\(parameter.name) is not a choice") }
        return choice(parameter.names, among: choices)
    }
}
