/// Something that happened to a person or a family, with its evidence.
///
/// GeneWeb keeps birth, baptism, death and burial as fields and the rest as `pevents`/`fevents`;
/// we keep them all as events (the person's fields are views over them), which is how gwplus
/// files and GEDCOM see them too.
public struct Event: Hashable, Sendable, Codable {
    public var kind: EventKind
    /// The event's own text: an attribute's value (an occupation, a religion), or what a GEDCOM
    /// line carries after the tag (`1 BIRT Y`).
    public var value: String?
    public var date: GenealogyDate?
    /// The place as written ("Paris, Île-de-France, France"); `placeID` links a place record.
    public var place: String?
    public var placeID: PlaceID?
    /// Cause or reason (GEDCOM `CAUS`, GeneWeb `#c`).
    public var reason: String?
    public var note: String?
    /// GeneWeb's free-text source of the event (`#s`).
    public var source: String?
    public var citations: [Citation]
    public var witnesses: [Witness]
    /// Age of the principal at the event as the record says it (GEDCOM `AGE`, e.g. "42y 3m").
    public var age: String?
    public var extensions: [ExtensionNode]

    public init(
        kind: EventKind, value: String? = nil, date: GenealogyDate? = nil, place: String? = nil, placeID: PlaceID? = nil,
        reason: String? = nil, note: String? = nil, source: String? = nil, citations: [Citation] = [],
        witnesses: [Witness] = [], age: String? = nil, extensions: [ExtensionNode] = []
    ) {
        self.kind = kind
        self.value = value
        self.date = date
        self.place = place
        self.placeID = placeID
        self.reason = reason
        self.note = note
        self.source = source
        self.citations = citations
        self.witnesses = witnesses
        self.age = age
        self.extensions = extensions
    }
}

/// A person present at an event, and in what role.
public struct Witness: Hashable, Sendable, Codable {
    public var personID: PersonID
    public var kind: WitnessKind

    public init(personID: PersonID, kind: WitnessKind = .witness) {
        self.personID = personID
        self.kind = kind
    }
}

/// GeneWeb's witness kinds.
public enum WitnessKind: String, Hashable, Sendable, Codable, CaseIterable {
    case witness
    case witnessGodparent = "witness_godparent"
    case witnessCivilOfficer = "witness_civil_officer"
    case witnessReligiousOfficer = "witness_religious_officer"
    case witnessInformant = "witness_informant"
    case witnessAttending = "witness_attending"
    case witnessMentioned = "witness_mentioned"
    case witnessOther = "witness_other"

    /// API.md's short name for the civil officer.
    public static let witnessOfficer = WitnessKind.witnessCivilOfficer
}
