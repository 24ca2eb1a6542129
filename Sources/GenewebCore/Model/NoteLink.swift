/// A link written in a GeneWeb note: `[[first/surname/occurrence/text]]` to a person (the
/// occurrence and the text may be left out) or `[[[page/text]]]` to a notes-db page.
public enum NoteLink: Hashable, Sendable {
    case person(firstName: String, surname: String, occurrence: Int, text: String?)
    case page(name: String, text: String?)

    /// Every link in `text`, in order; malformed brackets are ignored.
    public static func extract(from text: String) -> [NoteLink] {
        var links: [NoteLink] = []
        var rest = Substring(text)
        while let open = rest.range(of: "[[") {
            let isPage = rest[open.upperBound...].first == "["
            let contentStart = isPage ? rest.index(after: open.upperBound) : open.upperBound
            let closer = isPage ? "]]]" : "]]"
            guard let close = rest[contentStart...].range(of: closer) else { break }
            let parts = rest[contentStart..<close.lowerBound].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if isPage {
                if let name = parts.first, !name.isEmpty {
                    links.append(.page(name: name, text: parts.count > 1 ? parts[1...].joined(separator: "/") : nil))
                }
            } else if parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty {
                var occurrence = 0
                var textStart = 2
                if parts.count >= 3, let number = Int(parts[2]) {
                    occurrence = number
                    textStart = 3
                }
                let label = parts.count > textStart ? parts[textStart...].joined(separator: "/") : nil
                links.append(.person(firstName: parts[0], surname: parts[1], occurrence: occurrence, text: label))
            }
            rest = rest[close.upperBound...]
        }
        return links
    }
}
