/// Small hand-written files the fuzz tests mutate when the corpus is absent (and besides it): one
/// per reader path (GEDCOM 5.5.1 in UTF-8, ANSEL, Windows-1252 and UTF-16, GEDCOM 7, `.gw`).
enum FuzzFixtures {
    static var all: [FuzzSeedFile] {
        [
            FuzzSeedFile(name: "fixture-551.ged", bytes: Array(gedcom551.utf8)),
            FuzzSeedFile(name: "fixture-ansel.ged", bytes: ansel),
            FuzzSeedFile(name: "fixture-cp1252.ged", bytes: windows1252),
            FuzzSeedFile(name: "fixture-utf16.ged", bytes: utf16),
            FuzzSeedFile(name: "fixture-70.ged", bytes: Array(gedcom70.utf8)),
            FuzzSeedFile(name: "fixture.gw", bytes: Array(geneweb.utf8)),
        ]
    }

    static let gedcom551 = """
        0 HEAD
        1 SOUR FUZZ
        1 GEDC
        2 VERS 5.5.1
        2 FORM LINEAGE-LINKED
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jean /Dupont/
        2 GIVN Jean
        1 SEX M
        1 BIRT
        2 DATE 12 JAN 1850
        2 PLAC Reims
        1 CHR
        2 DATE @#DJULIAN@ 11 FEB 1731/32
        1 DEAT
        2 DATE BET @#DFRENCH R@ 3 VEND 12 AND 1810
        1 FAMS @F1@
        1 NOTE A note with an @@ sign
        2 CONC  continued
        2 CONT next line
        0 @I2@ INDI
        1 NAME Marie /Curie/
        1 SEX F
        1 BIRT
        2 DATE ABT @#DHEBREW@ 5 ADS 5600
        1 FAMS @F1@
        1 SOUR @S1@
        2 PAGE 12
        2 QUAY 3
        0 @I3@ INDI
        1 NAME Paul /Dupont/
        1 BIRT
        2 DATE INT 1875 (about)
        1 FAMC @F1@
        1 ASSO @I1@
        2 RELA Godfather
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I3@
        1 MARR
        2 DATE FROM 1870 TO 1871
        2 PLAC Paris
        0 @S1@ SOUR
        1 TITL Registres
        1 REPO @R1@
        0 @R1@ REPO
        1 NAME Archives
        0 @N1@ NOTE Shared note
        1 CONT second line
        0 @M1@ OBJE
        1 FILE photo.jpg
        2 FORM jpeg
        0 TRLR

        """

    static let gedcom70 = """
        0 HEAD
        1 GEDC
        2 VERS 7.0
        0 @I1@ INDI
        1 NAME Anne /Martin/
        1 BIRT
        2 DATE JULIAN 1 MAR 1700
        2 PLAC Lyon
        1 DEAT
        2 DATE BET JULIAN 12 OCT 1750 AND 1764
        2 PHRASE after the war
        1 FAMC @F1@
        0 @I2@ INDI
        1 NAME Pierre /Martin/
        1 BIRT
        2 DATE 500 BCE
        1 FAMS @F1@
        1 NOTE @@ leading at sign
        2 CONT and more
        0 @F1@ FAM
        1 HUSB @I2@
        1 CHIL @I1@
        1 MARR
        2 DATE
        3 PHRASE sometime
        0 @N1@ SNOTE A shared note
        0 TRLR

        """

    /// "Anne Hérault, née à Évreux" with ANSEL's accents written before their letters.
    static var ansel: [UInt8] {
        var bytes = Array("0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NAME Anne /H".utf8)
        bytes += [0xE2] + Array("erault/\n1 BIRT\n2 DATE 1 JAN 1800\n2 PLAC ".utf8) + [0xE2] + Array("Evreux ".utf8)
        bytes += [0xA1, 0xB2, 0xE8, 0xE2] + Array("u\n1 NOTE ".utf8) + [0xF0, 0xE2, 0xE3] + Array("c\n2 CONT ".utf8) + [0xE2, 0xE1]
        bytes += Array("\n1 FAMS @F1@\n0 @F1@ FAM\n1 WIFE @I1@\n0 TRLR\n".utf8)
        return bytes
    }

    static var windows1252: [UInt8] {
        var bytes = Array("0 HEAD\n1 CHAR ANSI\n0 @I1@ INDI\n1 NAME Jos".utf8)
        bytes += [0xE9] + Array("/Mu".utf8) + [0xF1, 0x6F, 0x7A] + Array("/\n1 BIRT\n2 DATE 2 FEB 1900\n2 PLAC Le".utf8) + [0xF3, 0x6E]
        bytes += Array("\n1 NOTE cost ".utf8) + [0xA3, 0x35, 0x80] + Array("\n0 TRLR\n".utf8)
        return bytes
    }

    /// A GEDCOM file in UTF-16 little-endian with its byte-order mark and CRLF line ends.
    static var utf16: [UInt8] {
        let text =
            "0 HEAD\r\n1 CHAR UNICODE\r\n0 @I1@ INDI\r\n1 NAME Łukasz /Żółw/\r\n1 BIRT\r\n2 DATE 3 MAR 1903\r\n1 FAMC @F1@\r\n0 @F1@ FAM\r\n1 CHIL @I1@\r\n0 TRLR\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return bytes
    }

    static let geneweb = """
        encoding: utf-8
        gwplus

        fam Dupont Jean.1 12/1/1850 #bp Reims 1920 +5/6/1875 #mp Paris #ms registre Curie Marie 1855 ~1930
        wit: Dupont Paul.2 #occu Notaire
        src Registre_paroissial
        comm A family comment
        fevt
        #marr 5/6/1875 #p Paris #s registre
        wit: Martin Luc
        note The marriage was
        note celebrated twice
        end fevt
        beg
        - h Pierre 1876 #occu Boulanger
        - f Anne.3 Curie ?1880 k1914
        - Louis [*:duc:Bourgogne:1400:1450:2] (Louis_le_Grand) {Loulou}
        end

        fam Martin Luc <1800J + #nm Dupont Anne.3 1802..1805 0
        beg
        - h Paul 30/13/1799F
        end

        notes Dupont Jean.1
        beg
        A note about Jean [[Jean/Dupont/1/Jean]] and [[[page/text]]].
        end notes

        pevt Dupont Jean.1
        #birt 12/1/1850 #p Reims
        #occu Notaire de village
        note born at night
        #deat 1920
        end pevt

        rel Dupont Pierre
        beg
        - godp: Martin Luc + Curie Marie
        - adop fath: Dupont Jean.1
        end

        notes-db
        A page of notes.
        end notes-db

        page-ext histoire
        Une page.
        end page-ext

        """
}
