/// A note shared between records (GEDCOM `NOTE`/`SNOTE` records, GeneWeb `notes-db` pages).
public struct Note: Hashable, Sendable, Codable, Identifiable {
    public var id: NoteID
    /// GeneWeb notes-db page name, when the note is a page.
    public var title: String?
    public var text: String
    /// Private notes are hidden from viewers and stored encrypted.
    public var isPrivate: Bool
    public var gedcomXref: String?
    public var extensions: [ExtensionNode]

    public init(id: NoteID = NoteID(), title: String? = nil, text: String, isPrivate: Bool = false, gedcomXref: String? = nil, extensions: [ExtensionNode] = [])
    {
        self.id = id
        self.title = title
        self.text = text
        self.isPrivate = isPrivate
        self.gedcomXref = gedcomXref
        self.extensions = extensions
    }

    /// The persons and pages this note links to with GeneWeb's wiki syntax.
    public var links: [NoteLink] { NoteLink.extract(from: text) }
}
