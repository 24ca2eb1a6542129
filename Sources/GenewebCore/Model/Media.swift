/// A picture, scan or document file attached to records.
public struct Media: Hashable, Sendable, Codable, Identifiable {
    public var id: MediaID
    /// Path or URL of the file.
    public var file: String
    /// MIME type or GEDCOM `FORM` (`jpeg`, `image/png`).
    public var format: String?
    public var title: String?
    public var gedcomXref: String?
    public var extensions: [ExtensionNode]

    public init(id: MediaID = MediaID(), file: String, format: String? = nil, title: String? = nil, gedcomXref: String? = nil, extensions: [ExtensionNode] = [])
    {
        self.id = id
        self.file = file
        self.format = format
        self.title = title
        self.gedcomXref = gedcomXref
        self.extensions = extensions
    }
}
