import Foundation
import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

@testable import GenewebStore

/// The store's own reader of person and family documents must give what `JSONDecoder` gives: on
/// every document we write, in any member order and spacing, and on hand-made oddities; and it
/// must throw, never crash, on anything else.
@Suite("Document decoder")
struct DocumentDecoderTests {
    let decoder = DocumentDecoder()

    /// Our encoder's text, JSONEncoder's sorted text and a pretty-printed one (PostgreSQL's JSONB
    /// text has its own order and spaces too): each read by both decoders, with equal results.
    func expectSameAsFoundation<T: Codable & Equatable>(
        _ value: T, _ read: (String) throws -> T, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        let texts = [
            try DocumentEncoder().string(value), String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self),
            String(decoding: try pretty.encode(value), as: UTF8.self),
        ]
        for json in texts {
            let foundation = try JSONDecoder().decode(T.self, from: Data(json.utf8))
            #expect(try read(json) == foundation, "\(json)", sourceLocation: sourceLocation)
            #expect(foundation == value, sourceLocation: sourceLocation)
        }
    }

    func expectSameAsFoundation(_ document: GedcomDocument, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for person in document.persons { try expectSameAsFoundation(person, decoder.person(from:), sourceLocation: sourceLocation) }
        for family in document.families { try expectSameAsFoundation(family, decoder.family(from:), sourceLocation: sourceLocation) }
    }

    @Test("every person and family of a synthetic tree reads as JSONDecoder reads it")
    func syntheticTree() throws {
        let document = SyntheticTree(persons: 400, seed: 7).generate()
        #expect(document.persons.count == 400)
        try expectSameAsFoundation(document)
    }

    @Test(
        "every person and family of the GEDCOM 7 maximal file reads as JSONDecoder reads it",
        .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"))
    func maximal70() throws {
        let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("maximal70.ged")))
        #expect(!document.persons.isEmpty)
        try expectSameAsFoundation(document)
    }

    @Test(
        "every person and family of the other corpus files reads as JSONDecoder reads it",
        .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"),
        arguments: ["gramps-sample.ged", "royal92.ged", "TGC55C.ged", "irish-kings.ged", "UHLBOMCL.GED", "galichet.gw"])
    func corpus(name: String) throws {
        let bytes = try Corpus.bytes(name)
        let document = name.hasSuffix(".gw") ? try GenewebReader.read(bytes: bytes) : GedcomReader.read(try GedcomFile(bytes: bytes))
        #expect(!document.persons.isEmpty)
        try expectSameAsFoundation(document)
    }

    @Test("every kind of death status, title name, divorce, date and witness reads as JSONDecoder reads it")
    func everyCase() throws {
        let dates: [GenealogyDate] = [
            .text("vers la Saint-Jean"),
            .calendar(CalendarDate(day: 11, month: 2, year: 1731, calendar: .julian), phrase: "11 février 1731/32"),
            .calendar(CalendarDate(DMY(year: 1700), calendar: .julian, precision: .between(DMY(day: 1, month: 1, year: 1710)), secondCalendar: .gregorian)),
            .calendar(CalendarDate(DMY(month: 3, year: -44), precision: .orYear(DMY(year: -43)), dualYear: -43)),
            .calendar(CalendarDate(DMY(year: 5), calendar: .french, precision: .fromTo(DMY(year: 8)))),
            .calendar(CalendarDate(day: 1, month: 7, year: 5784, calendar: .hebrew, precision: .estimated)),
        ]
        let precisions: [DatePrecision] = [.sure, .about, .maybe, .estimated, .calculated, .before, .after, .from, .to]
        let statuses: [DeathStatus] =
            [.notDead, .deadYoung, .deadDontKnowWhen, .dontKnowIfDead, .ofCourseDead] + DeathReason.allCases.map(DeathStatus.dead)
        let nested = ExtensionNode(
            tag: "_MARNM", value: "Dupont",
            children: [ExtensionNode(tag: "NAME", xref: "@I1@", children: [ExtensionNode(tag: "DATE", value: "1900")], detailsOf: true)])
        let citation = Citation(sourceID: SourceID(), page: "p. 12", quality: 3, date: dates[1], text: "« texte »", note: "n", extensions: [nested])
        let burial = Event(
            kind: .burial, value: "Y", date: dates[3], place: "Paris", placeID: PlaceID(), reason: "peste", note: "note", source: "registre",
            citations: [citation, Citation(sourceID: nil)], witnesses: WitnessKind.allCases.map { Witness(personID: PersonID(), kind: $0) },
            age: "42y", extensions: [nested])
        var events: [Event] = dates.map { Event(kind: .custom("Bénédiction des cloches"), value: "v", date: $0) }
        events += precisions.map { Event(kind: .baptism, date: .calendar(CalendarDate(year: 1650, precision: $0))) }
        events.append(burial)
        for (index, status) in statuses.enumerated() {
            let person = Person(
                firstName: "Jean\u{0}\u{1F}\"\\/", surname: "Dé𝄞👨‍👩‍👧", occurrence: index == 0 ? Int.max : -index, sex: Sex.allCases[index % 3],
                publicName: "Jeannot", qualifiers: ["l'Ancien", "Jr"], aliases: ["J."], firstNameAliases: ["Johann"], surnameAliases: ["Dupond"],
                image: "https://example.org/a b.jpg", occupation: "laboureur",
                titles: [
                    Title(name: .main, title: "duc", place: "Bourgogne", start: dates[2], end: dates[0], nth: 4, extensions: [nested]),
                    Title(name: .named("Philippe"), title: "comte", place: "Flandre"), Title(title: "sire", place: ""),
                ],
                access: Access.allCases[index % 3], deathStatus: status,
                events: events,
                relatedParents: RelatedParent.Kind.allCases.map { RelatedParent(kind: $0, fatherID: PersonID(), motherID: nil, sources: "acte") },
                notes: "ligne\nligne\r\ttab", sources: "état civil", citations: [citation], noteIDs: [NoteID()], mediaIDs: [MediaID(), MediaID()],
                gedcomXref: "@I\(index)@", extensions: [nested, ExtensionNode(tag: "_UID")]
            )
            try expectSameAsFoundation(person, decoder.person(from:))
        }
        let divorces: [DivorceStatus] = [.notDivorced, .divorced(nil), .separated(nil)] + dates.flatMap { [DivorceStatus.divorced($0), .separated($0)] }
        for (index, divorce) in divorces.enumerated() {
            let family = Family(
                parents: [PersonID(), PersonID()], children: [PersonID()], relation: RelationKind.allCases[index % RelationKind.allCases.count],
                divorce: divorce, events: [Event(kind: .marriage, date: dates[index % dates.count], witnesses: [Witness(personID: PersonID())])],
                comment: "c", originFile: "f.gw", notes: "n", sources: "s", citations: [citation], noteIDs: [NoteID()], mediaIDs: [MediaID()],
                gedcomXref: "@F1@", extensions: [nested])
            try expectSameAsFoundation(family, decoder.family(from:))
        }
        for relation in RelationKind.allCases { try expectSameAsFoundation(Family(relation: relation), decoder.family(from:)) }
    }

    // MARK: Hand-made documents

    static let personID = "0190f5a2-7c1e-7abc-8def-0123456789ab"

    /// A minimal person document with `members` added (or replacing the default ones before them:
    /// JSON keys are unique, so callers replace by leaving a default out through `without`).
    static func person(_ members: String = "", without: Set<String> = []) -> String {
        let defaults: [(String, String)] = [
            ("id", "\"\(personID)\""), ("firstName", "\"Jean\""), ("surname", "\"Dupont\""), ("occurrence", "0"), ("qualifiers", "[]"),
            ("aliases", "[]"), ("firstNameAliases", "[]"), ("surnameAliases", "[]"), ("sex", "\"male\""), ("titles", "[]"),
            ("access", "\"iftitles\""), ("deathStatus", "{\"notDead\":{}}"), ("events", "[]"), ("relatedParents", "[]"),
            ("citations", "[]"), ("noteIDs", "[]"), ("mediaIDs", "[]"), ("extensions", "[]"),
        ]
        let kept = defaults.filter { !without.contains($0.0) }.map { "\"\($0.0)\":\($0.1)" }
        return "{" + (kept + (members.isEmpty ? [] : [members])).joined(separator: ",") + "}"
    }

    /// A person whose only event has `date` as its date.
    static func person(date: String) -> String {
        person("\"events\":[{\"kind\":\"birth\",\"date\":\(date),\"citations\":[],\"witnesses\":[],\"extensions\":[]}]", without: ["events"])
    }

    /// Both decoders accept `json` with the same person, or both refuse it.
    func expectAgreement(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let foundation = Result { try JSONDecoder().decode(Person.self, from: Data(json.utf8)) }
        let ours = Result { try decoder.person(from: json) }
        switch (foundation, ours) {
        case (.success(let expected), .success(let person)): #expect(person == expected, "\(json)", sourceLocation: sourceLocation)
        case (.failure, .failure): break
        case (.success, .failure(let error)): Issue.record("JSONDecoder reads \(json), DocumentDecoder throws \(error)", sourceLocation: sourceLocation)
        case (.failure(let error), .success): Issue.record("DocumentDecoder reads \(json), JSONDecoder throws \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("members in any order, spaced, unknown, null or escaped are read as JSONDecoder reads them")
    func lenientForms() {
        expectAgreement(Self.person())
        expectAgreement(" \n\t" + Self.person().replacingOccurrences(of: ",", with: " ,\r\n ").replacingOccurrences(of: ":", with: " : ") + " \n")
        expectAgreement(Self.person("\"publicName\":null,\"image\":null,\"notes\":\"n\",\"gedcomXref\":null"))
        expectAgreement(Self.person("\"zzz\":{\"a\":[1,-2.5e-3,1E+9,0,true,false,null,\"x\\u00e9\",{},[]]},\"\":0"))
        expectAgreement(Self.person("\"first\\u004eame\":\"Jeanne\"", without: ["firstName"]))
        expectAgreement(Self.person("\"firstName\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u00E9\\ud834\\udd1e\\u0000\"", without: ["firstName"]))
        expectAgreement(Self.person("\"id\":\"0190F5A2-7C1E-7ABC-8DEF-0123456789AB\"", without: ["id"]))
        expectAgreement(Self.person("\"id\":\"\\u0030190f5a2-7c1e-7abc-8def-0123456789ab\"", without: ["id"]))
        expectAgreement(Self.person("\"occurrence\":-9223372036854775808", without: ["occurrence"]))
        expectAgreement(Self.person("\"occurrence\":-0", without: ["occurrence"]))
        for status in [
            "{\"dead\":{\"_0\":\"killed\"}}", "{\"dead\":{\"_0\":\"killed\",\"_1\":2}}", "{\"notDead\":{\"x\":1},\"other\":[]}",
            "{\"ofCourseDead\":{}}", "{\"notDead\":[]}", "{\"notDead\":null}", "{}", "{\"notDead\":{},\"deadYoung\":{}}", "{\"dead\":{}}",
            "{\"dead\":{\"_0\":null}}", "{\"dead\":{\"_0\":\"drowned\"}}", "\"notDead\"",
        ] {
            expectAgreement(Self.person("\"deathStatus\":\(status)", without: ["deathStatus"]))
        }
        for name in ["{\"main\":{}}", "{\"none\":{}}", "{\"named\":{\"_0\":\"Philippe\"}}", "{\"named\":{}}", "{\"named\":{\"_0\":3}}"] {
            expectAgreement(Self.person("\"titles\":[{\"name\":\(name),\"title\":\"duc\",\"place\":\"B\",\"nth\":0,\"extensions\":[]}]", without: ["titles"]))
        }
        for kind in ["birth", "custom:Cloches", "no such kind", "custom", ""] {
            expectAgreement(Self.person("\"events\":[{\"kind\":\"\(kind)\",\"citations\":[],\"witnesses\":[],\"extensions\":[]}]", without: ["events"]))
        }
    }

    @Test("dates are read in the order GenealogyDate.init(from:) reads their members")
    func dates() throws {
        for date in [
            "{\"year\":1900}", "{\"text\":\"vers 1900\",\"year\":\"not read\",\"precision\":7}", "{\"text\":null,\"year\":1900}",
            "{\"day\":1}", "{\"year\":null}", "{\"year\":1900,\"precision\":\"between\"}",
            "{\"year\":1900,\"precision\":\"between\",\"second\":{\"day\":0,\"month\":0,\"year\":1905}}",
            "{\"year\":1900,\"precision\":\"between\",\"second\":{\"year\":1905}}", "{\"year\":1900,\"precision\":\"soon\"}",
            "{\"year\":1900,\"precision\":\"sure\",\"second\":{\"day\":0,\"month\":0,\"year\":1905}}",
            "{\"year\":1900,\"calendar\":\"julian\",\"second_calendar\":\"julian\"}", "{\"year\":1900,\"calendar\":\"mayan\"}",
            "{\"year\":99999999,\"phrase\":5,\"second_calendar\":\"mayan\"}", "{\"day\":40,\"month\":2,\"year\":1900}",
            "{\"year\":1900,\"dual_year\":99999999}", "{\"year\":1731,\"dual_year\":1732,\"phrase\":\"1731/32\"}", "{\"year\":1900,\"phrase\":null}",
            "{\"year\":1900,\"phrase\":5}", "[]", "\"1900\"",
        ] {
            expectAgreement(Self.person(date: date))
        }
        for divorce in ["{\"divorced\":{}}", "{\"divorced\":{\"_0\":null}}", "{\"separated\":{\"_0\":{\"year\":1900}}}", "{\"notDivorced\":{}}"] {
            let json =
                "{\"id\":\"\(Self.personID)\",\"parents\":[],\"children\":[],\"relation\":\"married\",\"divorce\":\(divorce),"
                + "\"events\":[],\"citations\":[],\"noteIDs\":[],\"mediaIDs\":[],\"extensions\":[]}"
            #expect(try decoder.family(from: json) == JSONDecoder().decode(Family.self, from: Data(json.utf8)), "\(json)")
        }
    }

    @Test("missing, null and mistyped members are refused as JSONDecoder refuses them")
    func refusals() {
        for key in ["id", "firstName", "occurrence", "qualifiers", "sex", "deathStatus", "extensions"] {
            expectAgreement(Self.person(without: [key]))
            expectAgreement(Self.person("\"\(key)\":null", without: [key]))
        }
        for member in [
            "\"occurrence\":\"1\"", "\"occurrence\":true", "\"sex\":\"m\"", "\"access\":\"secret\"", "\"qualifiers\":[null]", "\"qualifiers\":\"Jr\"",
            "\"id\":\"not a uuid\"", "\"id\":\"0190f5a2-7c1e-7abc-8def-0123456789ag\"", "\"id\":17", "\"occurrence\":99999999999999999999",
            "\"occurrence\":1.5", "\"firstName\":[\"Jean\"]",
        ] {
            expectAgreement(Self.person(member, without: [String(member.dropFirst().prefix { $0 != "\"" })]))
        }
    }

    @Test("valid JSON that we never write is left to JSONDecoder, and decode gives its answer")
    func leftToFoundation() throws {
        for json in [
            Self.person("\"occurrence\":1.0", without: ["occurrence"]), Self.person("\"occurrence\":1e2", without: ["occurrence"]),
            Self.person("\"firstName\":\"Jeanne\""), Self.person("\"first\\u004eame\":\"Jeanne\""), "\u{FEFF}" + Self.person(),
            Self.person("\"firstName\":\"\\ud800\"", without: ["firstName"]),
            Self.person("\"firstName\":\"\\udc00x\"", without: ["firstName"]),
            // JSONDecoder reads `1.e5`, which RFC 8259 does not allow.
            Self.person("\"zzz\":1.e5"),
            Self.person("\"zzz\":" + String(repeating: "[", count: 300) + String(repeating: "]", count: 300)),
        ] {
            #expect(throws: DocumentDecodingError.self, "\(json)") { try decoder.person(from: json) }
            let foundation = Result { try JSONDecoder().decode(Person.self, from: Data(json.utf8)) }
            switch foundation {
            case .success(let expected): #expect(try decoder.decode(Person.self, from: json) == expected, "\(json)")
            case .failure: #expect(throws: (any Error).self, "\(json)") { try decoder.decode(Person.self, from: json) }
            }
        }
        // Other types are JSONDecoder's.
        let source = Source(title: "Registre")
        #expect(try decoder.decode(Source.self, from: DocumentEncoder().string(source)) == source)
    }

    @Test("broken documents throw, at every truncation and with every kind of damage")
    func malformed() throws {
        let person = Person(
            firstName: "Jean", surname: "Dupont", events: [Event(kind: .birth, date: .calendar(CalendarDate(day: 1, month: 2, year: 1900)), place: "Paris")],
            extensions: [ExtensionNode(tag: "_UID", value: "x\"y")])
        let json = try DocumentEncoder().string(person)
        let utf8 = Array(json.utf8)
        for length in 0..<utf8.count {
            let prefix = String(decoding: utf8[..<length], as: UTF8.self)
            #expect(throws: DocumentDecodingError.self, "\(prefix)") { try decoder.person(from: prefix) }
        }
        for damaged in [
            json + "x", json + "{}", "[" + json + "]", json.replacingOccurrences(of: "\"events\":[", with: "\"events\":[,"),
            json.replacingOccurrences(of: "]", with: ",]"), json.replacingOccurrences(of: "}", with: ",}"),
            json.replacingOccurrences(of: "\"occurrence\":0", with: "\"occurrence\":01"),
            json.replacingOccurrences(of: "\"occurrence\":0", with: "\"occurrence\":-"),
            json.replacingOccurrences(of: "\"occurrence\":0", with: "\"occurrence\":1e999"),
            json.replacingOccurrences(of: "Jean", with: "Je\\xan"), json.replacingOccurrences(of: "Jean", with: "Je\\u12"),
            json.replacingOccurrences(of: "Jean", with: "Je\\u12G4"), json.replacingOccurrences(of: "Jean", with: "Je\nan"),
            json.replacingOccurrences(of: "Jean", with: "Je\\"), json.replacingOccurrences(of: "false", with: "fals"),
            json.replacingOccurrences(of: "false", with: "nope"), json.replacingOccurrences(of: ":", with: ""),
            json.replacingOccurrences(of: "\"events\":[", with: "\"events\":[nul"), "", "null",
            Self.person("\"zzz\":[1 2]"), Self.person("\"zzz\":{\"a\" 1}"), Self.person("\"zzz\":{1:1}"), Self.person("\"zzz\":.5"),
            Self.person("\"zzz\":+1"), Self.person("\"zzz\":NaN"), Self.person("\"zzz\":'x'"),
        ] {
            #expect(damaged != json)
            #expect(throws: DocumentDecodingError.self, "\(damaged)") { try decoder.person(from: damaged) }
            #expect(throws: (any Error).self, "\(damaged)") { try decoder.decode(Person.self, from: damaged) }
        }
    }

    @Test("deep nesting throws, in unknown members and in extension nodes, without exhausting the stack")
    func deepNesting() throws {
        let depth = 100_000
        let arrays = Self.person("\"zzz\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(throws: DocumentDecodingError.self) { try decoder.person(from: arrays) }
        let objects = Self.person("\"zzz\":" + String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth))
        #expect(throws: DocumentDecodingError.self) { try decoder.person(from: objects) }
        let node = "{\"tag\":\"X\",\"detailsOf\":false,\"children\":["
        let nodes = Self.person(
            "\"extensions\":[" + String(repeating: node, count: depth / 10) + String(repeating: "]}", count: depth / 10) + "]", without: ["extensions"])
        #expect(throws: DocumentDecodingError.self) { try decoder.person(from: nodes) }
        // Nesting as deep as GEDCOM structures go reads fine.
        var deep = ExtensionNode(tag: "LEAF")
        for level in 0..<60 { deep = ExtensionNode(tag: "L\(level)", children: [deep]) }
        let person = Person(firstName: "A", surname: "B", extensions: [deep])
        #expect(try decoder.person(from: DocumentEncoder().string(person)) == person)
    }
}
