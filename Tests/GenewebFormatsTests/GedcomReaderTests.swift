import GenewebCore
import GenewebFormats
import Testing

@Suite("GEDCOM into the model")
struct GedcomReaderTests {
    static let fixture = """
        0 HEAD
        1 GEDC
        2 VERS 5.5.1
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jean Pierre /de La Fontaine/ Jr
        2 GIVN Jean Pierre
        2 SURN de La Fontaine
        2 NICK le Sage
        2 _MARNM Dupont
        1 NAME Pierrot /Lafontaine/
        1 SEX M
        1 OCCU notaire
        1 BIRT
        2 DATE ABT 1750
        2 PLAC Reims, Marne, France
        3 MAP
        4 LATI N49.25
        4 LONG E4.03
        2 SOUR @S1@
        3 PAGE f° 12
        3 QUAY 3
        1 DEAT
        2 DATE 9 THERMIDOR 2
        2 CAUS guillotine
        1 TITL comte
        2 PLAC Champagne
        2 DATE FROM 1780 TO 1792
        1 NOTE A man of law.
        1 FAMS @F1@
        1 FAMC @F0@
        2 PEDI birth
        1 _UID 1234
        1 EVEN
        2 TYPE Christening of the bell
        2 DATE 1760
        0 @I2@ INDI
        1 NAME Marie /Curie/
        1 SEX F
        1 FAMS @F1@
        0 @I3@ INDI
        1 NAME Paul /de La Fontaine/
        1 FAMC @F1@
        0 @I4@ INDI
        1 NAME Jean Pierre /de La Fontaine/
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I3@
        2 _FREL Natural
        1 CHIL @I99@
        1 MARR
        2 DATE 12 MAY 1775
        2 ASSO @I4@
        3 ROLE WITN
        1 DIV
        2 DATE 1790
        0 @S1@ SOUR
        1 TITL Registres paroissiaux de Reims
        1 AUTH Église catholique
        1 REPO @R1@
        2 CALN 5 Mi 123
        0 @R1@ REPO
        1 NAME Archives de la Marne
        0 @N1@ NOTE Shared note
        1 CONT second line
        0 @SUB1@ SUBM
        1 NAME Someone
        0 _CUSTOM value
        0 TRLR
        """

    func read(_ text: String) throws -> GedcomDocument {
        GedcomReader.read(try GedcomFile(bytes: Array(text.utf8)))
    }

    @Test("names, sex, occupation, titles and notes land in their fields")
    func person() throws {
        let document = try read(Self.fixture)
        let jean = try #require(document.persons.first { $0.gedcomXref == "@I1@" })
        #expect(jean.firstName == "Jean Pierre")
        #expect(jean.surname == "de La Fontaine")
        #expect(jean.qualifiers == ["Jr", "le Sage"])
        #expect(jean.aliases == ["Pierrot Lafontaine"])
        #expect(jean.sex == .male)
        #expect(jean.occupation == "notaire")
        #expect(jean.notes == "A man of law.")
        #expect(jean.titles.first?.title == "comte")
        #expect(jean.titles.first?.place == "Champagne")
        #expect(jean.titles.first?.start == GenealogyDate(gedcom: "1780"))
        #expect(jean.titles.first?.end == GenealogyDate(gedcom: "1792"))
        #expect(jean.deathStatus == .dead(.unspecified))
    }

    @Test("events keep date, place, cause and citations; unknown parts are kept as extensions")
    func events() throws {
        let document = try read(Self.fixture)
        let jean = try #require(document.persons.first { $0.gedcomXref == "@I1@" })
        let birth = try #require(jean.birth)
        #expect(birth.date == GenealogyDate(gedcom: "ABT 1750"))
        #expect(birth.place == "Reims, Marne, France")
        #expect(birth.extensions.first?.tag == "PLAC" && birth.extensions.first?.detailsOf == true)
        #expect(birth.citations.first?.page == "f° 12" && birth.citations.first?.quality == 3)
        #expect(birth.citations.first?.sourceID == document.sources.first?.id)
        #expect(jean.death?.reason == "guillotine")
        #expect(jean.death?.date == .text("9 THERMIDOR 2"))
        #expect(document.warnings.contains { $0.kind == .unparseableDate && $0.message.contains("THERMIDOR") })
        #expect(jean.events.contains { $0.kind == .custom("Christening of the bell") && $0.date == GenealogyDate(gedcom: "1760") })
        let tags = jean.extensions.map(\.tag)
        #expect(tags.contains("_UID") && tags.contains("NAME") && tags.contains("FAMC"))
        #expect(jean.extensions.first { $0.tag == "NAME" && $0.detailsOf }?.children.map(\.tag) == ["_MARNM"])
    }

    @Test("families: parents, ordered children, witnesses, divorce; dangling pointers (a FAMC too) dropped and reported")
    func families() throws {
        let document = try read(Self.fixture)
        let family = try #require(document.families.first)
        let byXref = Dictionary(uniqueKeysWithValues: document.persons.map { ($0.gedcomXref!, $0.id) })
        #expect(family.parents == [byXref["@I1@"]!, byXref["@I2@"]!])
        #expect(family.children == [byXref["@I3@"]!])
        #expect(family.marriage?.witnesses == [Witness(personID: byXref["@I4@"]!, kind: .witness)])
        #expect(family.divorce == .divorced(GenealogyDate(gedcom: "1790")))
        #expect(family.extensions.contains { $0.tag == "CHIL" && $0.detailsOf && $0.children.first?.tag == "_FREL" })
        #expect(document.warnings.contains { $0.kind == .danglingPointer && $0.message.contains("@I99@") })
        // FAMC links are read from FAM records, but a FAMC to a family that never comes is a
        // parent link the file lost: it is reported like any other dangling pointer.
        #expect(document.warnings.contains { $0.kind == .danglingPointer && $0.message.contains("@F0@") })
    }

    @Test("pointers: to a record read before or after are links; to none, one warning at the first line naming it")
    func pointerOrder() throws {
        let text = """
            0 HEAD
            0 @F1@ FAM
            1 HUSB @I1@
            1 WIFE @I9@
            1 CHIL @I2@
            0 @I1@ INDI
            1 NAME Jean /Avant/
            0 @I2@ INDI
            1 NAME Paul /Avant/
            0 @F2@ FAM
            1 HUSB @I2@
            1 WIFE @I9@
            0 TRLR

            """
        let document = try read(text)
        let dangling = document.warnings.filter { $0.kind == .danglingPointer }
        #expect(dangling.count == 1)
        #expect(dangling.first?.line == 4 && dangling.first?.message.contains("@I9@") == true)
        let byXref = Dictionary(uniqueKeysWithValues: document.persons.map { ($0.gedcomXref!, $0.id) })
        #expect(document.families.first?.parents == [byXref["@I1@"]!])
        #expect(document.families.first?.children == [byXref["@I2@"]!])
        #expect(document.families.last?.parents == [byXref["@I2@"]!])
    }

    @Test("sources, repositories, notes and other records")
    func records() throws {
        let document = try read(Self.fixture)
        let source = try #require(document.sources.first)
        #expect(source.title == "Registres paroissiaux de Reims")
        #expect(source.author == "Église catholique")
        #expect(source.repositories == [RepositoryCitation(repositoryID: document.repositories.first?.id, callNumber: "5 Mi 123")])
        #expect(document.repositories.first?.name == "Archives de la Marne")
        #expect(document.notes.first?.text == "Shared note\nsecond line")
        #expect(document.otherRecords.map(\.tag) == ["SUBM", "_CUSTOM"])
        #expect(document.header?.tag == "HEAD")
        #expect(document.version == "5.5.1")
    }

    @Test("the same name gets occurrence numbers in file order")
    func occurrences() throws {
        let document = try read(Self.fixture)
        let namesakes = document.persons.filter { $0.firstName == "Jean Pierre" }
        #expect(namesakes.map(\.occurrence) == [0, 1])
    }

    @Test("a person who is their own ancestor is reported")
    func loops() throws {
        let text = "0 HEAD\n0 @I1@ INDI\n0 @I2@ INDI\n0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@\n0 @F2@ FAM\n1 HUSB @I2@\n1 CHIL @I1@\n0 TRLR\n"
        let document = try read(text)
        #expect(document.warnings.contains { $0.kind == .ancestryLoop })
        let duplicated = try read("0 HEAD\n0 @I1@ INDI\n0 @I1@ INDI\n0 TRLR\n")
        #expect(duplicated.warnings.contains { $0.kind == .duplicateXref && $0.line == 3 })
        #expect(Set(duplicated.persons.map(\.id)).count == 2, "both persons kept, each with its own identity")
    }
}
