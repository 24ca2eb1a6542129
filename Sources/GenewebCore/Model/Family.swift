/// A couple (or a single parent) and their children, in birth order.
///
/// Parents are listed, not typed: GeneWeb's "no sexes check" relations allow two parents of any
/// sex, and a family may have one known parent. By convention the father comes first when sexes
/// are checked.
public struct Family: Hashable, Sendable, Codable, Identifiable {
    public var id: FamilyID
    public var parents: [PersonID]
    public var children: [PersonID]
    public var relation: RelationKind
    public var divorce: DivorceStatus
    /// Marriage, divorce, separation, engagement and every other family event.
    public var events: [Event]
    public var comment: String?
    /// The file the family was imported from (GeneWeb `origin_file`).
    public var originFile: String?
    public var notes: String?
    /// GeneWeb's free-text family sources (`fsources`).
    public var sources: String?
    public var citations: [Citation]
    public var noteIDs: [NoteID]
    public var mediaIDs: [MediaID]
    public var gedcomXref: String?
    public var extensions: [ExtensionNode]

    public init(
        id: FamilyID = FamilyID(), parents: [PersonID] = [], children: [PersonID] = [],
        relation: RelationKind = .married, divorce: DivorceStatus = .notDivorced, events: [Event] = [],
        comment: String? = nil, originFile: String? = nil, notes: String? = nil, sources: String? = nil,
        citations: [Citation] = [], noteIDs: [NoteID] = [], mediaIDs: [MediaID] = [],
        gedcomXref: String? = nil, extensions: [ExtensionNode] = []
    ) {
        self.id = id
        self.parents = parents
        self.children = children
        self.relation = relation
        self.divorce = divorce
        self.events = events
        self.comment = comment
        self.originFile = originFile
        self.notes = notes
        self.sources = sources
        self.citations = citations
        self.noteIDs = noteIDs
        self.mediaIDs = mediaIDs
        self.gedcomXref = gedcomXref
        self.extensions = extensions
    }

    public var marriage: Event? { events.first { $0.kind == .marriage } }
}

/// The kind of union (GeneWeb's `relation_kind`; API.md's names).
public enum RelationKind: String, Hashable, Sendable, Codable, CaseIterable {
    case married
    case notMarried = "not_married"
    case engaged
    case noSexesCheckNotMarried = "no_sexes_check_not_married"
    case noSexesCheckMarried = "no_sexes_check_married"
    case marriageBann = "marriage_bann"
    case marriageContract = "marriage_contract"
    case marriageLicense = "marriage_license"
    case pacs
    case residence
    case noMention = "no_mention"

    /// Whether the parents' sexes are not checked against father/mother roles.
    public var skipsSexCheck: Bool {
        self == .noSexesCheckMarried || self == .noSexesCheckNotMarried
    }
}

/// Whether the couple divorced or separated.
public enum DivorceStatus: Hashable, Sendable, Codable {
    case notDivorced
    case divorced(GenealogyDate?)
    case separated(GenealogyDate?)
}
