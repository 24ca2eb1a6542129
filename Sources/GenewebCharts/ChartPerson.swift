/// What a chart shows of one person: already decided by the caller's privacy rule, so a chart
/// cannot show more than the page it is on. A restricted person has no link and no dates.
public struct ChartPerson: Sendable, Hashable {
    public enum Style: String, Sendable {
        case male, female, unknown, restricted
    }

    /// The name as it should read ("Private person" when restricted).
    public var name: String
    /// A second line: years of birth and death, say.
    public var detail: String?
    /// The person's page; nil for a restricted person.
    public var href: String?
    public var style: Style

    public init(name: String, detail: String? = nil, href: String? = nil, style: Style) {
        self.name = name
        self.detail = detail
        self.href = href
        self.style = style
    }

    /// The accessible name of the box: the whole name and detail, never cut.
    var fullText: String { [name, detail].compactMap { $0 }.joined(separator: ", ") }
}
