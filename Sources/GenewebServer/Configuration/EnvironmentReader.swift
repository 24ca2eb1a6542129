import Foundation

/// Typed reads of environment variables; every failure names the variable.
struct EnvironmentReader {
    private let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    /// The trimmed value, or nil when unset or empty.
    func string(_ name: String) -> String? {
        guard let raw = values[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return raw
    }

    func bool(_ name: String) throws(ConfigurationError) -> Bool? {
        guard let raw = string(name) else { return nil }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, value: raw, expected: "true or false")
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let raw = string(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError(
                variable: name, value: raw,
                expected: "an integer between \(range.lowerBound) and \(range.upperBound)"
            )
        }
        return value
    }

    /// The lower-cased value when it is one of `choices`.
    func choice(_ name: String, from choices: [String]) throws(ConfigurationError) -> String? {
        guard let raw = string(name) else { return nil }
        let lowered = raw.lowercased()
        guard choices.contains(lowered) else {
            throw ConfigurationError(variable: name, value: raw, expected: "one of \(choices.joined(separator: ", "))")
        }
        return lowered
    }
}
