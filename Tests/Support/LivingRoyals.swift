import Foundation
import GenewebCore
import GenewebFormats

/// royal92 (3,010 persons, many undated: their living evidence comes from their families) with
/// living families added: a couple married 2018 at a named place with a child, their living
/// parents married 1990 (the mother undated, judged by her child and marriage), and an undated
/// man judged dead by his child born 1850. For export and privacy tests.
public enum LivingRoyals {
    /// Persons in the file.
    public static let personCount = 3017

    /// Words that only the living records hold: none may reach a non-admin.
    public static let secrets = ["Vivant", "Presente", "Sansdate", "Chapelle Saint-Martin", "Mairie de Nantes", "14 JUL 2018", "petit comite"]

    /// The GEDCOM text.
    public static func text() throws -> String {
        let text = String(decoding: try Corpus.bytes("royal92.ged"), as: UTF8.self)
        // The corpus file says ANSEL and is plain ASCII: the living records are ASCII too.
        guard let end = text.range(of: "0 TRLR") else { throw CocoaError(.fileReadCorruptFile) }
        return text[..<end.lowerBound] + livingRecords
    }

    public static func document() throws -> GedcomDocument {
        GedcomReader.read(try GedcomFile(bytes: Array(try text().utf8)))
    }

    static let livingRecords = """
        0 @L1@ INDI
        1 NAME Louis /Vivant/
        1 SEX M
        1 BIRT
        2 DATE 3 MAR 1990
        2 PLAC Nantes
        1 FAMS @LF1@
        1 FAMC @LF2@
        0 @L2@ INDI
        1 NAME Claire /Presente/
        1 SEX F
        1 BIRT
        2 DATE 1992
        1 FAMS @LF1@
        0 @L3@ INDI
        1 NAME Lea /Vivant/
        1 SEX F
        1 BIRT
        2 DATE 2020
        1 FAMC @LF1@
        0 @L4@ INDI
        1 NAME Paul /Vivant/
        1 SEX M
        1 BIRT
        2 DATE 1962
        1 FAMS @LF2@
        0 @L5@ INDI
        1 NAME Anne /Sansdate/
        1 SEX F
        1 FAMS @LF2@
        0 @L6@ INDI
        1 NAME Victor /Ancien/
        1 SEX M
        1 FAMS @LF3@
        0 @L7@ INDI
        1 NAME Hugo /Ancien/
        1 SEX M
        1 BIRT
        2 DATE 1850
        1 FAMC @LF3@
        0 @LF1@ FAM
        1 HUSB @L1@
        1 WIFE @L2@
        1 CHIL @L3@
        1 MARR
        2 DATE 14 JUL 2018
        2 PLAC Chapelle Saint-Martin, Angers
        1 NOTE Mariage en petit comite
        0 @LF2@ FAM
        1 HUSB @L4@
        1 WIFE @L5@
        1 CHIL @L1@
        1 MARR
        2 DATE 1990
        2 PLAC Mairie de Nantes
        0 @LF3@ FAM
        1 HUSB @L6@
        1 CHIL @L7@
        0 TRLR

        """

    /// The file the whole-base redaction gives for `document` (what exports for non-admins
    /// were before they were paged), and how many persons it hides.
    public static func wholeRedaction(_ document: GedcomDocument, version: GedcomDateVersion, rule: LivingRule = LivingRule()) -> (text: String, redacted: Int)
    {
        var redacted = document
        let tree = PublicTree.redact(persons: document.persons, families: document.families, rule: rule)
        redacted.persons = tree.persons
        redacted.families = tree.families
        redacted.notes = PublicTree.publicNotes(document.notes)
        return (GedcomWriter(document: redacted, version: version).pieces().joined(), tree.redacted)
    }
}
