import Foundation
import GenewebCore

/// Persons, families and what they hold, read as their synthesised `Decodable` conformances read
/// them: every non-optional member required (`decode`), optional ones missing or null
/// (`decodeIfPresent`), string enums by raw value, enums with associated values as
/// `{"case": {"_0": value}}` with exactly one known case key.
///
/// The key enums list the model's property names in declaration order, the order our encoder
/// writes them (which makes key lookup a single comparison); a new property needs its key here,
/// and the tests comparing with `JSONDecoder` on whole trees catch one that was forgotten.
extension JSONByteReader {
    // MARK: Person

    enum PersonKey: String, DocumentKey {
        case id, firstName, surname, occurrence, publicName, qualifiers, aliases, firstNameAliases, surnameAliases
        case sex, image, occupation, titles, access, deathStatus, events, relatedParents, notes, sources
        case citations, noteIDs, mediaIDs, gedcomXref, extensions
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readPerson() throws -> Person {
        var object = try openObject()
        var id: PersonID?
        var firstName: String?
        var surname: String?
        var occurrence: Int?
        var publicName: String?
        var qualifiers: [String]?
        var aliases: [String]?
        var firstNameAliases: [String]?
        var surnameAliases: [String]?
        var sex: Sex?
        var image: String?
        var occupation: String?
        var titles: [Title]?
        var access: Access?
        var deathStatus: DeathStatus?
        var events: [Event]?
        var relatedParents: [RelatedParent]?
        var notes: String?
        var sources: String?
        var citations: [Citation]?
        var noteIDs: [NoteID]?
        var mediaIDs: [MediaID]?
        var gedcomXref: String?
        var extensions: [ExtensionNode]?
        while let key = try nextMember(&object, PersonKey.self) {
            switch key {
            case .id: id = try readIdentifier()
            case .firstName: firstName = try readString()
            case .surname: surname = try readString()
            case .occurrence: occurrence = try readInt()
            case .publicName: publicName = try readOptional { try $0.readString() }
            case .qualifiers: qualifiers = try readStrings()
            case .aliases: aliases = try readStrings()
            case .firstNameAliases: firstNameAliases = try readStrings()
            case .surnameAliases: surnameAliases = try readStrings()
            case .sex: sex = try readRawValue(Sex.self)
            case .image: image = try readOptional { try $0.readString() }
            case .occupation: occupation = try readOptional { try $0.readString() }
            case .titles: titles = try readArray { try $0.readTitle() }
            case .access: access = try readRawValue(Access.self)
            case .deathStatus: deathStatus = try readDeathStatus()
            case .events: events = try readArray { try $0.readEvent() }
            case .relatedParents: relatedParents = try readArray { try $0.readRelatedParent() }
            case .notes: notes = try readOptional { try $0.readString() }
            case .sources: sources = try readOptional { try $0.readString() }
            case .citations: citations = try readArray { try $0.readCitation() }
            case .noteIDs: noteIDs = try readArray { try $0.readIdentifier() }
            case .mediaIDs: mediaIDs = try readArray { try $0.readIdentifier() }
            case .gedcomXref: gedcomXref = try readOptional { try $0.readString() }
            case .extensions: extensions = try readExtensions()
            }
        }
        return Person(
            id: try required(id, PersonKey.id), firstName: try required(firstName, PersonKey.firstName),
            surname: try required(surname, PersonKey.surname), occurrence: try required(occurrence, PersonKey.occurrence),
            sex: try required(sex, PersonKey.sex), publicName: publicName, qualifiers: try required(qualifiers, PersonKey.qualifiers),
            aliases: try required(aliases, PersonKey.aliases), firstNameAliases: try required(firstNameAliases, PersonKey.firstNameAliases),
            surnameAliases: try required(surnameAliases, PersonKey.surnameAliases), image: image, occupation: occupation,
            titles: try required(titles, PersonKey.titles), access: try required(access, PersonKey.access),
            deathStatus: try required(deathStatus, PersonKey.deathStatus), events: try required(events, PersonKey.events),
            relatedParents: try required(relatedParents, PersonKey.relatedParents), notes: notes, sources: sources,
            citations: try required(citations, PersonKey.citations), noteIDs: try required(noteIDs, PersonKey.noteIDs),
            mediaIDs: try required(mediaIDs, PersonKey.mediaIDs), gedcomXref: gedcomXref,
            extensions: try required(extensions, PersonKey.extensions)
        )
    }

    enum TitleKey: String, DocumentKey {
        case name, title, place, start, end, nth, extensions
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readTitle() throws -> Title {
        var object = try openObject()
        var name: Title.Name?
        var title: String?
        var place: String?
        var start: GenealogyDate?
        var end: GenealogyDate?
        var nth: Int?
        var extensions: [ExtensionNode]?
        while let key = try nextMember(&object, TitleKey.self) {
            switch key {
            case .name: name = try readTitleName()
            case .title: title = try readString()
            case .place: place = try readString()
            case .start: start = try readOptional { try $0.readDate() }
            case .end: end = try readOptional { try $0.readDate() }
            case .nth: nth = try readInt()
            case .extensions: extensions = try readExtensions()
            }
        }
        return Title(
            name: try required(name, TitleKey.name), title: try required(title, TitleKey.title), place: try required(place, TitleKey.place),
            start: start, end: end, nth: try required(nth, TitleKey.nth), extensions: try required(extensions, TitleKey.extensions)
        )
    }

    enum TitleNameKey: String, DocumentKey {
        case main, named
        // Not `none`: a `TitleNameKey?` would read `.none` as nil.
        case noName = "none"
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readTitleName() throws -> Title.Name {
        var object = try openObject()
        var name: Title.Name?
        while let key = try nextMember(&object, TitleNameKey.self) {
            guard name == nil else { throw failure("more than one case of a title's name") }
            switch key {
            case .main: name = try readCaseWithoutValue(Title.Name.main)
            case .named: name = .named(try readCaseValue { try $0.readString() })
            case .noName: name = try readCaseWithoutValue(Title.Name.none)
            }
        }
        return try required(name, "a case of a title's name")
    }

    enum DeathStatusKey: String, DocumentKey {
        case notDead, dead, deadYoung, deadDontKnowWhen, dontKnowIfDead, ofCourseDead
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readDeathStatus() throws -> DeathStatus {
        var object = try openObject()
        var status: DeathStatus?
        while let key = try nextMember(&object, DeathStatusKey.self) {
            guard status == nil else { throw failure("more than one case of a death status") }
            switch key {
            case .notDead: status = try readCaseWithoutValue(DeathStatus.notDead)
            case .dead: status = .dead(try readCaseValue { try $0.readRawValue(DeathReason.self) })
            case .deadYoung: status = try readCaseWithoutValue(DeathStatus.deadYoung)
            case .deadDontKnowWhen: status = try readCaseWithoutValue(DeathStatus.deadDontKnowWhen)
            case .dontKnowIfDead: status = try readCaseWithoutValue(DeathStatus.dontKnowIfDead)
            case .ofCourseDead: status = try readCaseWithoutValue(DeathStatus.ofCourseDead)
            }
        }
        return try required(status, "a case of a death status")
    }

    enum RelatedParentKey: String, DocumentKey {
        case kind, fatherID, motherID, sources
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readRelatedParent() throws -> RelatedParent {
        var object = try openObject()
        var kind: RelatedParent.Kind?
        var fatherID: PersonID?
        var motherID: PersonID?
        var sources: String?
        while let key = try nextMember(&object, RelatedParentKey.self) {
            switch key {
            case .kind: kind = try readRawValue(RelatedParent.Kind.self)
            case .fatherID: fatherID = try readOptional { try $0.readIdentifier() }
            case .motherID: motherID = try readOptional { try $0.readIdentifier() }
            case .sources: sources = try readOptional { try $0.readString() }
            }
        }
        return RelatedParent(kind: try required(kind, RelatedParentKey.kind), fatherID: fatherID, motherID: motherID, sources: sources)
    }

    // MARK: Family

    enum FamilyKey: String, DocumentKey {
        case id, parents, children, relation, divorce, events, comment, originFile, notes, sources
        case citations, noteIDs, mediaIDs, gedcomXref, extensions
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readFamily() throws -> Family {
        var object = try openObject()
        var id: FamilyID?
        var parents: [PersonID]?
        var children: [PersonID]?
        var relation: RelationKind?
        var divorce: DivorceStatus?
        var events: [Event]?
        var comment: String?
        var originFile: String?
        var notes: String?
        var sources: String?
        var citations: [Citation]?
        var noteIDs: [NoteID]?
        var mediaIDs: [MediaID]?
        var gedcomXref: String?
        var extensions: [ExtensionNode]?
        while let key = try nextMember(&object, FamilyKey.self) {
            switch key {
            case .id: id = try readIdentifier()
            case .parents: parents = try readArray { try $0.readIdentifier() }
            case .children: children = try readArray { try $0.readIdentifier() }
            case .relation: relation = try readRawValue(RelationKind.self)
            case .divorce: divorce = try readDivorceStatus()
            case .events: events = try readArray { try $0.readEvent() }
            case .comment: comment = try readOptional { try $0.readString() }
            case .originFile: originFile = try readOptional { try $0.readString() }
            case .notes: notes = try readOptional { try $0.readString() }
            case .sources: sources = try readOptional { try $0.readString() }
            case .citations: citations = try readArray { try $0.readCitation() }
            case .noteIDs: noteIDs = try readArray { try $0.readIdentifier() }
            case .mediaIDs: mediaIDs = try readArray { try $0.readIdentifier() }
            case .gedcomXref: gedcomXref = try readOptional { try $0.readString() }
            case .extensions: extensions = try readExtensions()
            }
        }
        return Family(
            id: try required(id, FamilyKey.id), parents: try required(parents, FamilyKey.parents),
            children: try required(children, FamilyKey.children), relation: try required(relation, FamilyKey.relation),
            divorce: try required(divorce, FamilyKey.divorce), events: try required(events, FamilyKey.events), comment: comment,
            originFile: originFile, notes: notes, sources: sources, citations: try required(citations, FamilyKey.citations),
            noteIDs: try required(noteIDs, FamilyKey.noteIDs), mediaIDs: try required(mediaIDs, FamilyKey.mediaIDs),
            gedcomXref: gedcomXref, extensions: try required(extensions, FamilyKey.extensions)
        )
    }

    enum DivorceStatusKey: String, DocumentKey {
        case notDivorced, divorced, separated
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readDivorceStatus() throws -> DivorceStatus {
        var object = try openObject()
        var status: DivorceStatus?
        while let key = try nextMember(&object, DivorceStatusKey.self) {
            guard status == nil else { throw failure("more than one case of a divorce status") }
            switch key {
            case .notDivorced: status = try readCaseWithoutValue(DivorceStatus.notDivorced)
            // An optional associated value is read with decodeIfPresent: missing or null is nil.
            case .divorced: status = .divorced(try readOptionalCaseValue { try $0.readDate() })
            case .separated: status = .separated(try readOptionalCaseValue { try $0.readDate() })
            }
        }
        return try required(status, "a case of a divorce status")
    }

    // MARK: Events, citations, extensions

    enum EventKey: String, DocumentKey {
        case kind, value, date, place, placeID, reason, note, source, citations, witnesses, age, extensions
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readEvent() throws -> Event {
        var object = try openObject()
        var kind: EventKind?
        var value: String?
        var date: GenealogyDate?
        var place: String?
        var placeID: PlaceID?
        var reason: String?
        var note: String?
        var source: String?
        var citations: [Citation]?
        var witnesses: [Witness]?
        var age: String?
        var extensions: [ExtensionNode]?
        while let key = try nextMember(&object, EventKey.self) {
            switch key {
            // EventKind's own conformance: a name, unknown names being custom kinds.
            case .kind: kind = EventKind(name: try readString())
            case .value: value = try readOptional { try $0.readString() }
            case .date: date = try readOptional { try $0.readDate() }
            case .place: place = try readOptional { try $0.readString() }
            case .placeID: placeID = try readOptional { try $0.readIdentifier() }
            case .reason: reason = try readOptional { try $0.readString() }
            case .note: note = try readOptional { try $0.readString() }
            case .source: source = try readOptional { try $0.readString() }
            case .citations: citations = try readArray { try $0.readCitation() }
            case .witnesses: witnesses = try readArray { try $0.readWitness() }
            case .age: age = try readOptional { try $0.readString() }
            case .extensions: extensions = try readExtensions()
            }
        }
        return Event(
            kind: try required(kind, EventKey.kind), value: value, date: date, place: place, placeID: placeID, reason: reason, note: note,
            source: source, citations: try required(citations, EventKey.citations), witnesses: try required(witnesses, EventKey.witnesses),
            age: age, extensions: try required(extensions, EventKey.extensions)
        )
    }

    enum WitnessKey: String, DocumentKey {
        case personID, kind
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readWitness() throws -> Witness {
        var object = try openObject()
        var personID: PersonID?
        var kind: WitnessKind?
        while let key = try nextMember(&object, WitnessKey.self) {
            switch key {
            case .personID: personID = try readIdentifier()
            case .kind: kind = try readRawValue(WitnessKind.self)
            }
        }
        return Witness(personID: try required(personID, WitnessKey.personID), kind: try required(kind, WitnessKey.kind))
    }

    enum CitationKey: String, DocumentKey {
        case sourceID, page, quality, date, text, note, extensions
        static let table = DocumentKeyTable<Self>()
    }

    mutating func readCitation() throws -> Citation {
        var object = try openObject()
        var sourceID: SourceID?
        var page: String?
        var quality: Int?
        var date: GenealogyDate?
        var text: String?
        var note: String?
        var extensions: [ExtensionNode]?
        while let key = try nextMember(&object, CitationKey.self) {
            switch key {
            case .sourceID: sourceID = try readOptional { try $0.readIdentifier() }
            case .page: page = try readOptional { try $0.readString() }
            case .quality: quality = try readOptional { try $0.readInt() }
            case .date: date = try readOptional { try $0.readDate() }
            case .text: text = try readOptional { try $0.readString() }
            case .note: note = try readOptional { try $0.readString() }
            case .extensions: extensions = try readExtensions()
            }
        }
        return Citation(
            sourceID: sourceID, page: page, quality: quality, date: date, text: text, note: note,
            extensions: try required(extensions, CitationKey.extensions)
        )
    }

    enum ExtensionNodeKey: String, DocumentKey {
        case tag, value, xref, children, detailsOf
        static let table = DocumentKeyTable<Self>()
    }

    /// Extension nodes nest as deep as the GEDCOM they came from; the reader's depth bound stops
    /// a hostile document.
    mutating func readExtensionNode() throws -> ExtensionNode {
        var object = try openObject()
        var tag: String?
        var value: String?
        var xref: String?
        var children: [ExtensionNode]?
        var detailsOf: Bool?
        while let key = try nextMember(&object, ExtensionNodeKey.self) {
            switch key {
            case .tag: tag = try readString()
            case .value: value = try readOptional { try $0.readString() }
            case .xref: xref = try readOptional { try $0.readString() }
            case .children: children = try readExtensions()
            case .detailsOf: detailsOf = try readBool()
            }
        }
        return ExtensionNode(
            tag: try required(tag, ExtensionNodeKey.tag), value: value, xref: xref, children: try required(children, ExtensionNodeKey.children),
            detailsOf: try required(detailsOf, ExtensionNodeKey.detailsOf)
        )
    }

    mutating func readExtensions() throws -> [ExtensionNode] {
        try readArray { try $0.readExtensionNode() }
    }

    // MARK: Shared forms

    enum CaseValueKey: String, DocumentKey {
        case value = "_0"
        static let table = DocumentKeyTable<Self>()
    }

    /// A case without associated values: an object, whatever its members.
    mutating func readCaseWithoutValue<Value>(_ value: Value) throws -> Value {
        var object = try openObject()
        try skipMembers(&object)
        return value
    }

    /// A case's single unlabelled associated value: `{"_0": value}`.
    mutating func readCaseValue<Value>(_ read: (inout JSONByteReader) throws -> Value) throws -> Value {
        var object = try openObject()
        var value: Value?
        while try nextMember(&object, CaseValueKey.self) != nil { value = try read(&self) }
        return try required(value, CaseValueKey.value)
    }

    /// A case's single optional associated value: `{"_0": value}`, `{"_0": null}` or `{}`.
    mutating func readOptionalCaseValue<Value>(_ read: (inout JSONByteReader) throws -> Value) throws -> Value? {
        var object = try openObject()
        var value: Value?
        while try nextMember(&object, CaseValueKey.self) != nil { value = try readOptional(read) }
        return value
    }

    /// `decodeIfPresent`'s value: null is nil (a missing member stays nil in the caller).
    mutating func readOptional<Value>(_ read: (inout JSONByteReader) throws -> Value) throws -> Value? {
        try consumeNull() ? nil : try read(&self)
    }

    mutating func readStrings() throws -> [String] {
        try readArray { try $0.readString() }
    }

    mutating func readIdentifier<Entity>() throws -> Identifier<Entity> {
        Identifier(try readUUID())
    }

    /// A string enum's case, from its raw value.
    mutating func readRawValue<Value: RawRepresentable>(_: Value.Type) throws -> Value where Value.RawValue == String {
        let raw = try readString()
        guard let value = Value(rawValue: raw) else { throw failure("\(raw) is not a \(Value.self)") }
        return value
    }

    /// A non-optional member's value, which `decode` requires.
    func required<Value>(_ value: Value?, _ key: some DocumentKey) throws -> Value {
        try required(value, "key \(key.rawValue)")
    }

    func required<Value>(_ value: Value?, _ what: @autoclosure () -> String) throws -> Value {
        guard let value else { throw failure("missing \(what())") }
        return value
    }
}
