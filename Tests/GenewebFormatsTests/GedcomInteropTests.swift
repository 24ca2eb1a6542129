import GenewebCore
import GenewebFormats
import Testing

/// What other programs (GeneWeb's `ged2gwb` first) need from our GEDCOM files, and what must
/// survive a trip through both GEDCOM versions.
@Suite("GEDCOM files other programs read")
struct GedcomInteropTests {
    func read(_ text: String) throws -> GedcomDocument {
        GedcomReader.read(try GedcomFile(bytes: Array(text.utf8)))
    }

    func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    static let calendars = """
        0 HEAD
        1 GEDC
        2 VERS 5.5.1
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jan /Kowalski/
        1 BIRT
        2 DATE @#DJULIAN@ 12 MAR 1701
        1 DEAT
        2 DATE @#DFRENCH R@ 3 VEND 8
        1 BURI
        2 DATE BET @#DHEBREW@ 5500 AND @#DHEBREW@ 5501
        1 NOTE write to jan@@example.org
        0 TRLR

        """

    @Test("5.5.1 calendar escapes are written with one at-sign, text at-signs with two")
    func calendarEscapes() throws {
        let document = try read(Self.calendars)
        #expect(document.persons.first?.birth?.date?.calendarDate?.calendar == .julian)
        let written = GedcomWriter.write(document, version: .v551)
        let dates = lines(written).filter { $0.hasPrefix("2 DATE") }
        #expect(dates == ["2 DATE @#DJULIAN@ 12 MAR 1701", "2 DATE @#DFRENCH R@ 3 VEND 8", "2 DATE BET @#DHEBREW@ 5500 AND @#DHEBREW@ 5501"])
        #expect(lines(written).contains("1 NOTE write to jan@@example.org"))
        #expect(!written.contains("@@#"))
        let again = try read(written)
        #expect(again.persons.first?.events.map(\.date) == document.persons.first?.events.map(\.date))
        #expect(again.persons.first?.notes == "write to jan@example.org")
    }

    @Test("a date phrase's at-sign is doubled in 5.5.1, its calendar escape is not")
    func phraseAtSign() throws {
        let date = GenealogyDate.calendar(CalendarDate(day: 1, month: 3, year: 1700, calendar: .julian), phrase: "per mail@home")
        var document = GedcomDocument()
        document.persons = [Person(firstName: "A", surname: "B", events: [Event(kind: .birth, date: date)])]
        let written = GedcomWriter.write(document, version: .v551)
        #expect(lines(written).contains("2 DATE INT @#DJULIAN@ 1 MAR 1700 (per mail@@home)"))
        #expect(try read(written).persons.first?.birth?.date == date)
    }

    @Test("the doubled escapes of older exports (@@#DJULIAN@@) still read as calendars")
    func olderExports() throws {
        let document = try read(Self.calendars.replacingOccurrences(of: "@#DJULIAN@", with: "@@#DJULIAN@@"))
        #expect(document.persons.first?.birth?.date == .calendar(CalendarDate(day: 12, month: 3, year: 1701, calendar: .julian)))
    }

    static let gedcom7Dates = """
        0 HEAD
        1 GEDC
        2 VERS 7.0
        0 @I1@ INDI
        1 NAME Anna /Nowak/
        1 BIRT
        2 DATE BET JULIAN 12 OCT 1950 AND 1264
        1 DEAT
        2 DATE 31 NOV 1900
        1 BURI
        2 DATE _ROMAN 5 XI 1900
        1 CHR
        2 DATE
        3 PHRASE Easter
        0 TRLR

        """

    @Test("GEDCOM 7 dates come back as they were: a calendar per date, values the model cannot hold, phrases")
    func gedcom7Dates() throws {
        let document = try read(Self.gedcom7Dates)
        let expected: [Substring] = ["2 DATE BET JULIAN 12 OCT 1950 AND 1264", "2 DATE 31 NOV 1900", "2 DATE _ROMAN 5 XI 1900", "2 DATE", "3 PHRASE Easter"]
        let seven = GedcomWriter.write(document, version: .v7)
        #expect(lines(seven).filter { $0.hasPrefix("2 DATE") || $0.hasPrefix("3 PHRASE") } == expected)
        // Through 5.5.1 and back: 5.5.1 has no extension calendars, the value rides as a phrase.
        let v551 = GedcomWriter.write(document, version: .v551)
        #expect(lines(v551).contains("2 DATE BET @#DJULIAN@ 12 OCT 1950 AND 1264"))
        #expect(lines(v551).contains("2 DATE 31 NOV 1900"))
        let back = GedcomWriter.write(try read(v551), version: .v7)
        #expect(lines(back).filter { $0.hasPrefix("2 DATE") || $0.hasPrefix("3 PHRASE") } == expected)
    }

    @Test("a 5.5.1 dual year goes through GEDCOM 7 and comes back")
    func dualYear() throws {
        let original = Self.calendars.replacingOccurrences(of: "2 DATE @#DJULIAN@ 12 MAR 1701", with: "2 DATE 11 FEB 1815/16")
        let seven = GedcomWriter.write(try read(original), version: .v7)
        #expect(seven.contains("2 DATE 11 FEB 1815\n3 PHRASE 11 FEB 1815/16\n"))
        let again = try read(seven)
        #expect(again.persons.first?.birth?.date == .calendar(CalendarDate(DMY(day: 11, month: 2, year: 1815), dualYear: 1816)))
        #expect(lines(GedcomWriter.write(again, version: .v551)).contains("2 DATE 11 FEB 1815/16"))
    }

    static let header551 = """
        0 HEAD
        1 SOUR FTM
        2 VERS 24.0.1.1252
        2 NAME Family Tree Maker for Windows
        2 CORP The Software MacKiev Company
        3 ADDR 30 Union Wharf
        4 CONT Boston, MA 02109
        1 DEST FTM
        1 DATE 6 JUL 2020
        1 CHAR UTF-8
        1 FILE family.ged
        1 COPR Copyright (c) 2020 the Smith family
        1 SUBM @SUBM@
        1 GEDC
        2 VERS 5.5.1
        2 FORM LINEAGE-LINKED
        1 LANG French
        1 PLAC
        2 FORM City, County, State, Country
        1 NOTE Collected by the Smiths
        1 _TREE Main tree
        0 @SUBM@ SUBM
        1 NAME Ann Smith
        0 TRLR

        """

    /// The header's lines but those a writer makes anew (version, charset, date).
    func keptHeader(_ text: String) -> [Substring] {
        let header = lines(text).prefix { !$0.hasPrefix("0 ") || $0 == "0 HEAD" }.dropFirst()
        var kept: [Substring] = []
        var skipping = false
        for line in header {
            if line.hasPrefix("1 ") { skipping = ["1 GEDC", "1 CHAR UTF-8", "1 DATE"].contains { line.hasPrefix($0) } }
            if !skipping { kept.append(line) }
        }
        return kept
    }

    @Test("header data (source system, copyright, language, place form, notes) survives 5.5.1 → 7 → 5.5.1")
    func header() throws {
        let expected = keptHeader(Self.header551)
        #expect(
            expected.contains("1 SOUR FTM") && expected.contains("1 COPR Copyright (c) 2020 the Smith family")
                && expected.contains("2 FORM City, County, State, Country"))
        let document = try read(Self.header551)
        let v551 = GedcomWriter.write(document, version: .v551)
        #expect(Set(keptHeader(v551)) == Set(expected), "\(v551)")
        let seven = GedcomWriter.write(document, version: .v7)
        // GEDCOM 7 has no FILE and no CHAR; everything else is there.
        #expect(Set(keptHeader(seven)) == Set(expected.filter { $0 != "1 FILE family.ged" }), "\(seven)")
        let back = GedcomWriter.write(try read(seven), version: .v551)
        #expect(Set(keptHeader(back)) == Set(expected.filter { $0 != "1 FILE family.ged" }), "\(back)")
        #expect(lines(back).filter { $0.hasPrefix("1 SOUR") }.count == 1)
    }

    @Test("a GEDCOM 7 header keeps its SCHMA and source system; a file without a header source gets ours")
    func header7() throws {
        let text = """
            0 HEAD
            1 GEDC
            2 VERS 7.0
            1 SCHMA
            2 TAG _SKYPEID http://xmlns.com/foaf/0.1/skypeID
            1 SOUR https://gedcom.io/
            2 VERS 0.4
            2 NAME GEDCOM Steering Committee
            1 COPR © 2021 FamilySearch
            1 LANG en-US
            0 TRLR

            """
        let seven = GedcomWriter.write(try read(text), version: .v7)
        #expect(Set(keptHeader(seven)) == Set(keptHeader(text)), "\(seven)")
        #expect(!GedcomWriter.write(try read(text), version: .v551).contains("SCHMA"))
        let bare = GedcomWriter.write(try read("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 TRLR\n"), version: .v551)
        #expect(bare.contains("1 SOUR GENEWEB-SERVER\n"))
    }
}
