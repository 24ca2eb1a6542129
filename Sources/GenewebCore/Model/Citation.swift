/// A pointer from a fact to a source, with where in the source and how reliable.
public struct Citation: Hashable, Sendable, Codable {
    public var sourceID: SourceID?
    /// Page, folio, entry number (GEDCOM `PAGE`).
    public var page: String?
    /// GEDCOM `QUAY`: 0 unreliable … 3 direct primary evidence.
    public var quality: Int?
    public var date: GenealogyDate?
    /// Text quoted from the source.
    public var text: String?
    public var note: String?
    public var extensions: [ExtensionNode]

    public init(
        sourceID: SourceID?, page: String? = nil, quality: Int? = nil, date: GenealogyDate? = nil,
        text: String? = nil, note: String? = nil, extensions: [ExtensionNode] = []
    ) {
        self.sourceID = sourceID
        self.page = page
        self.quality = quality
        self.date = date
        self.text = text
        self.note = note
        self.extensions = extensions
    }
}
