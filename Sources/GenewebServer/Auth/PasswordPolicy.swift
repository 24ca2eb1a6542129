import Foundation

/// What a new password must be. Length is what makes a password strong, so the rule is simple:
/// at least 12 characters (a passphrase of several words qualifies easily), not built on the username,
/// not a well-known password, not one of the account's last five.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 256
    /// How many previous passwords (the current one included) may not be reused.
    public static let historyDepth = 5

    public init() {}

    /// Problems with `password`, empty when it is acceptable (history is checked separately).
    public func problems(password: String, username: String) -> [String] {
        var problems: [String] = []
        let length = password.count
        if length < Self.minimumLength {
            problems.append("must be at least \(Self.minimumLength) characters long (a passphrase of several words is a good choice)")
        }
        if length > Self.maximumLength {
            problems.append("must be at most \(Self.maximumLength) characters long")
        }
        let lowered = password.lowercased()
        let name = username.lowercased()
        // The username, or the username dressed up ("marie2024!", "mariemarie"): what is left once
        // it is removed is too short to protect anything.
        if !name.isEmpty, lowered.contains(name), lowered.replacingOccurrences(of: name, with: "").count < 6 {
            problems.append("must not be the username or built on it")
        }
        if Set(password).count <= 2 {
            problems.append("must not repeat one or two characters")
        }
        if Self.wellKnown.contains(lowered) {
            problems.append("is a well-known password")
        }
        return problems
    }

    /// Passwords of 12 characters or more that lists of leaked passwords put first.
    private static let wellKnown: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "password1234", "password12345", "passwordpassword",
        "qwertyuiopas", "qwerty123456", "123456789abc", "abcdefghijkl", "iloveyou1234", "administrator",
        "adminadmin123", "letmein12345", "welcome12345", "changeme1234", "geneweb12345", "genealogy123",
        "motdepasse12", "azertyuiopqs", "azerty123456",
    ]
}
