import Foundation
import Hummingbird
import HummingbirdCore

/// Typed reading of a route's query string, collecting every problem into one 422 answer.
struct QueryParameters {
    private let query: FlatDictionary<Substring, Substring>
    private(set) var errors: [FieldError] = []

    init(_ request: Request) {
        query = request.uri.queryParameters
    }

    /// A trimmed text, nil when absent or empty; at most `maxLength` characters.
    mutating func text(_ name: String, maxLength: Int) -> String? {
        guard let raw = query[name[...]] else { return nil }
        let value = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        if value.count > maxLength {
            errors.append(FieldError(field: name, message: "must be at most \(maxLength) characters"))
            return nil
        }
        return value.isEmpty ? nil : value
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let raw = query[name[...]], !raw.isEmpty else { return nil }
        guard let value = Int(String(raw)), range.contains(value) else {
            errors.append(FieldError(field: name, message: "must be an integer between \(range.lowerBound) and \(range.upperBound)"))
            return nil
        }
        return value
    }

    mutating func boolean(_ name: String) -> Bool? {
        guard let raw = query[name[...]], !raw.isEmpty else { return nil }
        switch raw.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            errors.append(FieldError(field: name, message: "must be true or false"))
            return nil
        }
    }

    /// One of `choices`, nil when absent.
    mutating func choice(_ name: String, _ choices: [String]) -> String? {
        guard let raw = query[name[...]], !raw.isEmpty else { return nil }
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
