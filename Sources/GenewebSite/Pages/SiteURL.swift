/// The site's addresses, readable and stable: `/b/{base}/` then GeneWeb's person keys
/// (`/b/royal/p/victoria.0.hanover`), indexes and charts under it.
public enum SiteURL {
    public static func base(_ base: String) -> String { "/b/\(component(base))" }

    public static func person(_ base: String, key: String) -> String { "/b/\(component(base))/p/\(component(key))" }

    public static func family(_ base: String, id: String) -> String { "/b/\(component(base))/f/\(component(id))" }

    /// `?a=1&b=2`, or "" without items.
    public static func query(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(component($0.0))=\(component($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986), so a name or key can
    /// never end a path segment or an attribute.
    public static func component(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
        return encoded
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
