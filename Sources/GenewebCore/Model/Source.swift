/// A source of information: a register, a book, a census, an interview.
public struct Source: Hashable, Sendable, Codable, Identifiable {
    public var id: SourceID
    public var title: String
    public var author: String?
    public var publication: String?
    public var abbreviation: String?
    /// Transcribed text of the source.
    public var text: String?
    public var repositories: [RepositoryCitation]
    public var noteIDs: [NoteID]
    public var mediaIDs: [MediaID]
    public var gedcomXref: String?
    public var extensions: [ExtensionNode]

    public init(
        id: SourceID = SourceID(), title: String, author: String? = nil, publication: String? = nil,
        abbreviation: String? = nil, text: String? = nil, repositories: [RepositoryCitation] = [],
        noteIDs: [NoteID] = [], mediaIDs: [MediaID] = [], gedcomXref: String? = nil, extensions: [ExtensionNode] = []
    ) {
        self.id = id
        self.title = title
        self.author = author
        self.publication = publication
        self.abbreviation = abbreviation
        self.text = text
        self.repositories = repositories
        self.noteIDs = noteIDs
        self.mediaIDs = mediaIDs
        self.gedcomXref = gedcomXref
        self.extensions = extensions
    }
}

/// Where a source is kept, with its call number there.
public struct RepositoryCitation: Hashable, Sendable, Codable {
    public var repositoryID: RepositoryID?
    public var callNumber: String?

    public init(repositoryID: RepositoryID?, callNumber: String? = nil) {
        self.repositoryID = repositoryID
        self.callNumber = callNumber
    }
}
