import Foundation

/// Reading test answers' JSON strictly: a missing key, or a value of another type, fails the
/// test where it is read, instead of becoming `nil` or an empty list that an assertion then
/// accepts (a misspelt key must not make a privacy check pass).
struct MissingField: Error, CustomStringConvertible {
    let key: String
    let keys: [String]
    var description: String { "no \"\(key)\" of the expected type among \(keys.sorted())" }
}

extension Dictionary where Key == String, Value == Any {
    /// The value at `key`, which must be there with type `T`.
    func field<T>(_ key: String, as type: T.Type = T.self) throws -> T {
        guard let value = self[key] as? T else { throw MissingField(key: key, keys: Array(keys)) }
        return value
    }

    /// The list of objects at `key` (an answer's `items`, `results`, …), which must be there.
    func objects(_ key: String) throws -> [[String: Any]] {
        try field(key, as: [[String: Any]].self)
    }

    /// The keys of the object, to assert exactly what an answer shows (a restricted person is
    /// `["id", "person_id", "privacy"]` and nothing else).
    var keySet: Set<String> { Set(keys) }
}
