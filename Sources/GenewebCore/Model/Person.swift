/// A person as GeneWeb records one.
///
/// A person is known by first name, surname and *occurrence number* (the `n` that tells apart
/// persons of the same name: GeneWeb key `first.n.surname`). The *public name* is the name used
/// in everyday life when it differs from the civil first name; *qualifiers* are epithets
/// ("the Elder", "Jr"); aliases are other names they were known under.
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public var id: PersonID
    public var firstName: String
    public var surname: String
    public var occurrence: Int
    public var publicName: String?
    public var qualifiers: [String]
    public var aliases: [String]
    public var firstNameAliases: [String]
    public var surnameAliases: [String]
    public var sex: Sex
    /// Path or URL of the portrait.
    public var image: String?
    public var occupation: String?
    public var titles: [Title]
    public var access: Access
    /// Whether and how the person died; the date and place are in the `.death` event.
    public var deathStatus: DeathStatus
    /// Birth, baptism, death, burial or cremation, and every other personal event.
    public var events: [Event]
    /// Godparents, adoptive, foster and recognising parents.
    public var relatedParents: [RelatedParent]
    public var notes: String?
    /// GeneWeb's free-text person sources (`psources`).
    public var sources: String?
    public var citations: [Citation]
    public var noteIDs: [NoteID]
    public var mediaIDs: [MediaID]
    /// The record's xref in the file it came from (`@I12@`), written back on export.
    public var gedcomXref: String?
    public var extensions: [ExtensionNode]

    public init(
        id: PersonID = PersonID(), firstName: String, surname: String, occurrence: Int = 0,
        sex: Sex = .unknown, publicName: String? = nil, qualifiers: [String] = [], aliases: [String] = [],
        firstNameAliases: [String] = [], surnameAliases: [String] = [], image: String? = nil,
        occupation: String? = nil, titles: [Title] = [], access: Access = .ifTitles,
        deathStatus: DeathStatus = .dontKnowIfDead, events: [Event] = [], relatedParents: [RelatedParent] = [],
        notes: String? = nil, sources: String? = nil, citations: [Citation] = [], noteIDs: [NoteID] = [],
        mediaIDs: [MediaID] = [], gedcomXref: String? = nil, extensions: [ExtensionNode] = []
    ) {
        self.id = id
        self.firstName = firstName
        self.surname = surname
        self.occurrence = occurrence
        self.sex = sex
        self.publicName = publicName
        self.qualifiers = qualifiers
        self.aliases = aliases
        self.firstNameAliases = firstNameAliases
        self.surnameAliases = surnameAliases
        self.image = image
        self.occupation = occupation
        self.titles = titles
        self.access = access
        self.deathStatus = deathStatus
        self.events = events
        self.relatedParents = relatedParents
        self.notes = notes
        self.sources = sources
        self.citations = citations
        self.noteIDs = noteIDs
        self.mediaIDs = mediaIDs
        self.gedcomXref = gedcomXref
        self.extensions = extensions
    }

    /// GeneWeb's key, `first_name.occurrence.surname` in lookup form.
    public var key: String {
        NameNormalizer.personKey(firstName: firstName, occurrence: occurrence, surname: surname)
    }

    /// The first event of a kind.
    public func event(_ kind: EventKind) -> Event? {
        events.first { $0.kind == kind }
    }

    public var birth: Event? { event(.birth) }
    public var baptism: Event? { event(.baptism) }
    public var death: Event? { event(.death) }
    /// Burial, or cremation when that is what is recorded.
    public var burial: Event? { event(.burial) ?? event(.cremation) }
}

/// Sex as recorded; GeneWeb's "neuter" is `unknown`.
public enum Sex: String, Hashable, Sendable, Codable, CaseIterable {
    case male
    case female
    case unknown
}

/// Who may see a person (GeneWeb's `access`).
public enum Access: String, Hashable, Sendable, Codable, CaseIterable {
    /// Visible to all.
    case `public`
    /// Visible to authorised users only.
    case `private`
    /// GeneWeb's default: public when the person holds a title (historical figures), otherwise
    /// decided by the living rule.
    case ifTitles = "iftitles"
}

/// Whether a person is dead, as GeneWeb records it (its `death` field without date and place).
public enum DeathStatus: Hashable, Sendable, Codable {
    case notDead
    case dead(DeathReason)
    case deadYoung
    case deadDontKnowWhen
    case dontKnowIfDead
    /// Surely dead (born too long ago), though nothing was recorded.
    case ofCourseDead

    /// True when the person is known to be dead.
    public var isDead: Bool {
        switch self {
        case .dead, .deadYoung, .deadDontKnowWhen, .ofCourseDead: true
        case .notDead, .dontKnowIfDead: false
        }
    }
}

/// How a person died (API.md `death_type`).
public enum DeathReason: String, Hashable, Sendable, Codable, CaseIterable {
    case killed
    case murdered
    case executed
    case disappeared
    case unspecified
}

/// A title of nobility or office: "duc de Bourgogne", held from a date to a date.
public struct Title: Hashable, Sendable, Codable {
    /// GeneWeb's `t_name`: the person's main title, a name attached to the title, or none.
    public enum Name: Hashable, Sendable, Codable {
        case main
        case named(String)
        case none
    }

    public var name: Name
    /// The title itself: "duc", "comte", "king".
    public var title: String
    /// The domain: "Bourgogne".
    public var place: String
    public var start: GenealogyDate?
    public var end: GenealogyDate?
    /// Ordinal of the holder ("Louis XIV": 14).
    public var nth: Int
    public var extensions: [ExtensionNode]

    public init(
        name: Name = .none, title: String, place: String, start: GenealogyDate? = nil, end: GenealogyDate? = nil, nth: Int = 0, extensions: [ExtensionNode] = []
    ) {
        self.name = name
        self.title = title
        self.place = place
        self.start = start
        self.end = end
        self.nth = nth
        self.extensions = extensions
    }
}

/// Parents other than by birth: godparents, adoptive, recognising, candidate or foster parents.
public struct RelatedParent: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case adoption
        case recognition
        case candidateParent = "candidate_parent"
        case godParent = "godparent"
        case fosterParent = "foster_parent"
    }

    public var kind: Kind
    public var fatherID: PersonID?
    public var motherID: PersonID?
    public var sources: String?

    public init(kind: Kind, fatherID: PersonID? = nil, motherID: PersonID? = nil, sources: String? = nil) {
        self.kind = kind
        self.fatherID = fatherID
        self.motherID = motherID
        self.sources = sources
    }
}
