/// A base's name: what URLs, the command line and GeneWeb call it. Letters, digits, `_` and `-`,
/// 1 to 64 characters, so a name can never be a path (`../x`) or need escaping.
public struct BaseName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ name: String) throws(BaseNameError) {
        guard (1...64).contains(name.count),
            name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
        else { throw BaseNameError(name: name) }
        rawValue = name
    }

    public var description: String { rawValue }
}

public struct BaseNameError: Error, Equatable, CustomStringConvertible {
    public let name: String
    public var description: String {
        "invalid base name \"\(name)\": use 1 to 64 letters, digits, '_' or '-'"
    }
}
