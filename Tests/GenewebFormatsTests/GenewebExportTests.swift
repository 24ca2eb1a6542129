import Foundation
import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

/// Our `.gw` files as GeneWeb's `gwc` reads them: one definition per person, information in the
/// one order it parses, nothing on an event line but date, place, cause and source, and every
/// person written, those in no family too. Then read back by us with the same persons.
@Suite("GeneWeb .gw exports gwc reads")
struct GenewebExportTests {
    static let fixture = """
        0 HEAD
        1 GEDC
        2 VERS 5.5.1
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME John /Smith/
        1 SEX M
        1 TITL Duke of Somewhere
        2 DATE FROM 1800 TO 1810
        1 OCCU Farmer
        1 BIRT
        2 DATE 1770
        1 ADOP Y
        1 FAMS @F1@
        0 @I2@ INDI
        1 NAME Mary
        1 SEX F
        1 FAMS @F1@
        1 FAMS @F2@
        0 @I3@ INDI
        1 NAME Paul /Jones/
        1 SEX M
        1 FAMS @F2@
        0 @I4@ INDI
        1 NAME Mary
        1 SEX F
        1 NOTE In no family.
        1 NOTE @N1@
        0 @I5@ INDI
        1 SEX M
        1 TITL Earl
        1 FAMC @F1@
        0 @I6@ INDI
        1 NAME Anne /'t Hooft/
        1 FAMC @F2@
        1 FAMC @F1@
        2 PEDI adopted
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I5@
        1 CHIL @I6@
        1 DIV N
        1 MARR
        2 DATE 1795
        2 PLAC Paris
        2 CAUS love
        2 SOUR register
        0 @F2@ FAM
        1 HUSB @I3@
        1 WIFE @I2@
        1 CHIL @I6@
        0 @N1@ NOTE A shared note.
        0 TRLR

        """

    @Test("no not-divorced flag as a divorce, no text on event lines, no `? Mary`, information in gwc's order")
    func lines() throws {
        let document = GedcomReader.read(try GedcomFile(bytes: Array(Self.fixture.utf8)))
        let (text, _) = GenewebWriter.write(document)
        let lines = text.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("#div") }, "\(text)")
        #expect(!lines.contains { $0.hasPrefix("#Adoption ") || $0.hasPrefix("#occu ") }, "\(text)")
        #expect(lines.contains("#Adoption") && lines.contains("#occu") && lines.contains("note Farmer<br>"), "\(text)")
        // Place, cause, source: the order gwc reads them in.
        #expect(lines.contains("#marr 1795 #p Paris #c love #s register"), "\(text)")
        #expect(!text.contains("? Mary"), "\(text)")
        #expect(lines.filter { $0 == "fam ? ?.0 + #noment ? ?.0" }.count == 1, "\(text)")
        let john = try #require(lines.first { $0.hasPrefix("fam Smith John") })
        let title = try #require(john.range(of: "[:Duke_of_Somewhere::1800:1810:]"), "\(john)")
        let occupation = try #require(john.range(of: "#occu Farmer"))
        #expect(title.upperBound < occupation.lowerBound, "titles come before the occupation: \(john)")
        // A surname gwc would not take for one (a quote first) gets a leading underscore.
        #expect(text.contains("_'t_Hooft"), "\(text)")
        // The second family of birth is written as adoptive parents.
        #expect(text.contains("- adop: Smith John + _ Mary"), "\(text)")
    }

    @Test("read back: the same persons and families, a spouse of two families one person, the person in no family alone")
    func readBack() throws {
        let document = GedcomReader.read(try GedcomFile(bytes: Array(Self.fixture.utf8)))
        let (text, warnings) = GenewebWriter.write(document)
        let again = try GenewebReader.read(bytes: Array(text.utf8))
        #expect(again.persons.count == document.persons.count, "\(text)")
        #expect(again.families.count == document.families.count)
        #expect(!again.warnings.contains { $0.kind == .malformedLine }, "\(again.warnings)")
        #expect(warnings.count == 1, "the second family of birth is reported: \(warnings)")
        let marys = again.persons.filter { $0.firstName == "Mary" }
        #expect(marys.count == 2 && marys.allSatisfy { $0.surname.isEmpty })
        let wife = try #require(marys.first { mary in again.families.allSatisfy { $0.parents.contains(mary.id) } }, "one Mary is the wife of both families")
        let alone = try #require(marys.first { $0.id != wife.id })
        #expect(alone.notes == "In no family.\n\nA shared note.", "GeneWeb has no shared notes: their text joins the person's")
        #expect(!again.families.contains { $0.parents.contains(alone.id) || $0.children.contains(alone.id) })
        let first = try #require(again.families.first { $0.children.count == 1 && $0.marriage?.date != nil })
        #expect(first.divorce == .notDivorced)
        #expect(first.marriage?.reason == "love" && first.marriage?.source == "register")
        let john = try #require(again.persons.first { $0.firstName == "John" })
        #expect(john.occupation == "Farmer")
        #expect(john.events.first { $0.kind == .occupation }?.value == "Farmer")
        #expect(john.events.contains { $0.kind == .custom("Adoption") })
        #expect(john.titles.first?.title == "Duke of Somewhere")
        let earl = try #require(again.persons.first { $0.titles.first?.title == "Earl" })
        #expect(earl.firstName.isEmpty && earl.surname.isEmpty, "a nameless child stays nameless, not the father's surname")
        let anne = try #require(again.persons.first { $0.firstName == "Anne" })
        #expect(anne.surname == "'t Hooft")
        #expect(anne.relatedParents.map(\.kind) == [.adoption])
    }

    @Test("names gwc would misread: colons (its declension syntax), dots and digits, sex letters, backslashes")
    func awkwardNames() throws {
        var document = GedcomDocument()
        let colon = Person(firstName: "Shemaiah", surname: "Nehemiah 3:29", sex: .male)
        let dotted = Person(firstName: "Louis.14", surname: "Bourbon", sex: .male)
        let letter = Person(firstName: "f", surname: "Bourbon")
        let slash = Person(firstName: "A\\B", surname: "Under_score", sex: .female)
        document.persons = [colon, dotted, letter, slash]
        document.families = [Family(parents: [colon.id, slash.id], children: [dotted.id, letter.id])]
        let (text, _) = GenewebWriter.write(document)
        #expect(!text.contains("3:29"), "\(text)")
        #expect(text.contains("Louis.14.0"), "\(text)")
        let again = try GenewebReader.read(bytes: Array(text.utf8))
        let names = Set(again.persons.map { $0.firstName + "|" + $0.surname })
        #expect(names == ["Shemaiah|Nehemiah 3:29", "Louis.14|Bourbon", "f|Bourbon", "A\\B|Under_score"], "\(text)")
        #expect(again.persons.first { $0.firstName == "f" }?.sex == .unknown)
    }

    @Test("names gwc compares as one (case, accents, `?` and empty) get distinct numbers, a number already held is kept; nameless persons never 0")
    func distinctKeys() throws {
        var document = GedcomDocument()
        document.persons = [
            Person(firstName: "Jean", surname: "Dupont"), Person(firstName: "jean", surname: "DUPONT"),
            Person(firstName: "Jéan", surname: "Dupont", occurrence: 1), Person(firstName: "Mary", surname: "?"),
            Person(firstName: "Mary", surname: ""), Person(firstName: "", surname: ""), Person(firstName: "?", surname: "?"),
        ]
        let (text, _) = GenewebWriter.write(document)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { $0.dropFirst(2) }
        #expect(keys == ["Jean Dupont", "jean.2 DUPONT", "Jéan.1 Dupont", "Mary _", "Mary.1 _", "_.1 _", "_.2 _"], "\(text)")
        let again = try GenewebReader.read(bytes: Array(text.utf8))
        #expect(again.persons.count == document.persons.count)
    }

    @Test(
        "every corpus GEDCOM file: .gw and back gives the same persons and families", .enabled(if: Corpus.runsTests, "corpus not found"),
        arguments: ["gramps-sample.ged", "royal92.ged", "pres2020.ged", "Queen.ged", "TGC55C.ged", "irish-kings.ged", "maximal70.ged", "UHLBOMCL.GED"])
    func corpus(name: String) throws {
        let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes(name)))
        let (text, _) = GenewebWriter.write(document)
        let again = try GenewebReader.read(bytes: Array(text.utf8))
        #expect(again.persons.count == document.persons.count, "\(name)")
        #expect(again.families.count == document.families.count, "\(name)")
        #expect(!again.warnings.contains { $0.kind == .malformedLine }, "\(name): \(again.warnings.prefix(3))")
        func names(_ persons: [Person]) -> [String] {
            persons.map { ($0.firstName == "?" ? "" : $0.firstName) + "|" + ($0.surname == "?" ? "" : $0.surname) }.sorted()
        }
        #expect(names(again.persons) == names(document.persons), "\(name)")
    }

    /// GeneWeb's compiler, when built by ../shared/peers/geneweb-ocaml/build.sh.
    static var gwc: URL? {
        let folder = ProcessInfo.processInfo.environment["GENEWEB_OCAML_BIN"] ?? "/tmp/gw-ocaml/src/distribution/gw"
        let url = URL(fileURLWithPath: folder).appendingPathComponent("gwc")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    @Test(
        "GeneWeb's own gwc compiles the .gw of every corpus file without an error",
        .enabled(if: Corpus.runsTests && gwc != nil, "needs the corpus and GeneWeb built by ../shared/peers/geneweb-ocaml/build.sh"),
        arguments: [
            "gramps-sample.ged", "royal92.ged", "pres2020.ged", "Queen.ged", "TGC55C.ged", "irish-kings.ged", "maximal70.ged", "UHLBOMCL.GED", "galichet.gw",
        ])
    func gwcReadsOurFiles(name: String) async throws {
        let bytes = try Corpus.bytes(name)
        let document = name.hasSuffix(".gw") ? try GenewebReader.read(bytes: bytes) : GedcomReader.read(try GedcomFile(bytes: bytes))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gwc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("export.gw")
        try Data(GenewebWriter.write(document).text.utf8).write(to: file)
        let (status, log) = try await runProgram(
            try #require(Self.gwc), ["-nofail", "-f", "-o", folder.appendingPathComponent("base").path, file.path], currentDirectory: folder)
        #expect(status == 0, "\(name): \(log.suffix(800))")
        #expect(!log.contains("Error"), "\(name): \(log.split(separator: "\n").filter { $0.contains("Error") }.prefix(5))")
        #expect(!log.contains("undefined person"), "\(name): every person is defined")
    }
}
