/// The entry names an archive may hold: relative paths that stay inside the folder they are
/// unpacked into (no `..`, no leading `/`, no drive letter, no backslash, no NUL), of at most
/// 1,024 bytes.
public enum ZipEntryName {
    public static let maximumLength = 1024

    public static func isSafe(_ name: String) -> Bool {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= maximumLength, !name.hasPrefix("/"), !name.contains("\\"), !bytes.contains(0) else { return false }
        if name.count >= 2, name.dropFirst().first == ":" { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." }
    }
}
