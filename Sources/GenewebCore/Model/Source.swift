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

/// An archive, library or person holding sources.
public struct Repository: Hashable, Sendable, Codable, Identifiable {
    public var id: RepositoryID
    public var name: String
    public var address: String?
    public var gedcomXref: String?
    public var extensions: [ExtensionNode]

    public init(id: RepositoryID = RepositoryID(), name: String, address: String? = nil, gedcomXref: String? = nil, extensions: [ExtensionNode] = []) {
        self.id = id
        self.name = name
        self.address = address
        self.gedcomXref = gedcomXref
        self.extensions = extensions
    }
}

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

/// A place in a hierarchy (village → county → country), with coordinates when known.
public struct Place: Hashable, Sendable, Codable, Identifiable {
    public var id: PlaceID
    public var name: String
    public var parentID: PlaceID?
    public var latitude: Double?
    public var longitude: Double?
    public var extensions: [ExtensionNode]

    public init(
        id: PlaceID = PlaceID(), name: String, parentID: PlaceID? = nil, latitude: Double? = nil, longitude: Double? = nil, extensions: [ExtensionNode] = []
    ) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.latitude = latitude
        self.longitude = longitude
        self.extensions = extensions
    }
}

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
