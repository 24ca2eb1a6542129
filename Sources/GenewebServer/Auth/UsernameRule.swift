import Foundation

/// What a username may be: 3 to 50 letters, digits, '.', '_', '-' or '@', around no spaces.
public enum UsernameRule {
    public static let summary = "3 to 50 letters, digits, '.', '_', '-' or '@'"

    /// The name without surrounding spaces when it is acceptable, nil otherwise.
    public static func normalized(_ username: String) -> String? {
        let name = username.trimmingCharacters(in: .whitespaces)
        guard name.count >= 3, name.count <= 50, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            return nil
        }
        return name
    }
}
