import Foundation
import Testing

@testable import GenewebCore

@Suite("Name lookup keys")
struct NameKeyTests {
    @Test(
        "case, accents and separators fold to one key",
        arguments: [
            ("Éléonore", "eleonore"), ("ELEONORE", "eleonore"), ("Jean-Pierre", "jean pierre"),
            ("Jean  Pierre", "jean pierre"), ("Strauß", "strauss"), ("Ærø", "aero"), ("Œuvray", "oeuvray"),
            ("Søren", "soren"), ("Łukasz", "lukasz"), ("Müller", "muller"), ("Nuñez", "nunez"),
            ("François", "francois"), ("Żółkiewski", "zolkiewski"), ("Dvořák", "dvorak"), ("Þórður", "thordur"),
            ("d'Artagnan", "d artagnan"), ("O’Brien", "o brien"), ("Saint-Exupéry", "saint exupery"),
            ("  Ångström ", "angstrom"), ("Çelik", "celik"), ("Ðorđević", "dordevic"), ("İstanbul", "istanbul"),
            ("e\u{0301}le\u{0301}onore", "eleonore"),
        ])
    func folds(name: String, key: String) {
        #expect(NameNormalizer.key(name) == key)
    }

    @Test(
        "surname sort keys drop leading particles",
        arguments: [
            ("de La Fontaine", "fontaine"), ("van der Berg", "berg"), ("d'Artagnan", "artagnan"),
            ("von Bismarck", "bismarck"), ("Du Guesclin", "guesclin"), ("de Gaulle", "gaulle"),
            ("Le", "le"), ("Da", "da"), ("Dupont", "dupont"), ("van den Bosch", "bosch"), ("della Rovere", "rovere"),
            ("de los Santos", "santos"), ("Ten Boom", "boom"), ("L'Hermite", "hermite"), ("Delacroix", "delacroix"),
        ])
    func surnameSortKey(surname: String, key: String) {
        #expect(NameNormalizer.surnameSortKey(surname) == key)
    }

    @Test("person keys are GeneWeb's first.occurrence.surname and parse back")
    func personKeys() throws {
        #expect(NameNormalizer.personKey(firstName: "Jean Pierre", occurrence: 2, surname: "de La Fontaine") == "jean_pierre.2.de_la_fontaine")
        #expect(NameNormalizer.personKey(firstName: "Élise", occurrence: 0, surname: "Müller") == "elise.0.muller")
        let parsed = try #require(NameNormalizer.parsePersonKey("jean_pierre.2.de_la_fontaine"))
        #expect(parsed.firstName == "jean pierre" && parsed.occurrence == 2 && parsed.surname == "de la fontaine")
        #expect(NameNormalizer.parsePersonKey("Jean.x.Dupont") == nil)
        #expect(NameNormalizer.parsePersonKey("jean.dupont") == nil)
        #expect(NameNormalizer.parsePersonKey("jean.-1.dupont") == nil)
    }

    @Test(
        "an occurrence number past the bound is no person key (it would not fit the engines' columns)",
        arguments: [
            "jean.2147483648.dupont", "jean.9223372036854775807.dupont", "jean.99999999999999999999.dupont",
            "jean.\(String(repeating: "9", count: 10_000)).dupont",
        ])
    func occurrenceBound(key: String) {
        #expect(NameNormalizer.parsePersonKey(key) == nil)
    }

    @Test("the largest occurrence number still makes a key")
    func occurrenceAtBound() throws {
        let parsed = try #require(NameNormalizer.parsePersonKey("jean.\(Occurrence.maximum).dupont"))
        #expect(parsed.occurrence == Int(Int32.max))
    }

    @Test("occurrence numbers: 0, 1, 2 for the same name; freed numbers are reused")
    func occurrences() {
        let names = [("Jean", "Dupont"), ("Marie", "Dupont"), ("jean", "DUPONT"), ("Jéan", "Dupont"), ("Jean", "Dupond")]
        #expect(Occurrence.assign(names.map { (firstName: $0.0, surname: $0.1) }) == [0, 0, 1, 2, 0])
        #expect(Occurrence.next(taken: []) == 0)
        #expect(Occurrence.next(taken: [0, 1, 2]) == 3)
        #expect(Occurrence.next(taken: [0, 2]) == 1)
    }
}

@Suite("Phonetic keys")
struct PhoneticKeyTests {
    /// Spellings of one name as found in French, German and English registers.
    @Test(
        "variant spellings share a key",
        arguments: [
            ["Dupont", "Dupond", "Dupon", "DUPONT"],
            ["Meyer", "Mayer", "Maier", "Meier", "Mayr", "Meyr"],
            ["Schmidt", "Schmitt", "Schmid", "Schmit"],
            ["Lefebvre", "Lefèvre", "Lefeuvre", "Lefevre"],
            ["Renaud", "Renault", "Reynaud", "Renaut"],
            ["Dupuis", "Dupuy", "Dupuit"],
            ["Philippe", "Filipe", "Phillipe"],
            ["Catherine", "Katharine", "Catharine", "Kathrine"],
            ["Thompson", "Thomson", "Tomson"],
            ["Müller", "Mueller", "Muller", "Möller"],
            ["François", "Francois", "Fransois"],
            ["Rousseau", "Rousseaux", "Rouseau", "Roussot"],
            ["Chevalier", "Chevallier", "Schevalier"],
            ["Jean", "Jehan"],
            ["Gauthier", "Gautier", "Gaultier", "Gotier"],
            ["Bernard", "Bernhard", "Bernart"],
            ["Hoffmann", "Hofmann", "Offmann"],
            ["Wagner", "Vagner", "Wägner"],
            ["Fischer", "Fisher", "Fichier"],
            ["Martin", "Martins", "Marten"],
        ])
    func variants(names: [String]) {
        let keys = Set(names.map(PhoneticKey.key))
        #expect(keys.count == 1, "\(names) → \(keys)")
    }

    @Test(
        "different names keep different keys",
        arguments: [
            ("Dupont", "Durand"), ("Martin", "Moreau"), ("Meyer", "Müller"), ("Bernard", "Bertrand"),
            ("Lefebvre", "Leroy"), ("Petit", "Robert"), ("Richard", "Girard"), ("Schmidt", "Schneider"),
        ])
    func distinct(a: String, b: String) {
        #expect(PhoneticKey.key(a) != PhoneticKey.key(b))
    }

    @Test("multi-word names are keyed word by word; vowel-only names keep their lookup key")
    func words() {
        #expect(PhoneticKey.key("Jean-Pierre") == PhoneticKey.key("Jean Pierre"))
        #expect(PhoneticKey.key("Jean-Pierre").split(separator: " ").count == 2)
        #expect(PhoneticKey.key("Eau") == "eau")
        #expect(PhoneticKey.key("") == "")
    }

    @Test("the byte rules of ASCII words give what the character rules give")
    func asciiFastPath() {
        var words = [
            "schmitt", "gaultier", "francois", "rousseaux", "renaud", "champs", "philippe", "thomas",
            "hugh", "jacques", "bvx", "cecile", "george", "quentin", "kx", "z", "w", "h", "aaa", "x", "aul",
            "ckqu", "sch", "auld", "aulx", "mpsx", "", "d", "td", "tsdxz", "2nd", "o'neil", "mc-donald",
        ]
        // Every word of up to three letters over an alphabet that meets every rule.
        let letters = Array("acdeghklmopqstuvwxyz")
        for a in letters {
            words.append(String(a))
            for b in letters {
                words.append(String([a, b]))
                for c in letters { words.append(String([a, b, c])) }
            }
        }
        for word in words {
            #expect(String(decoding: PhoneticKey.crush(ascii: Array(word.utf8)), as: UTF8.self) == String(PhoneticKey.crush(letters: Array(word))), "\(word)")
        }
    }

    @Test("trimming spaces gives what Foundation's trimming of .whitespaces gives")
    func trimming() {
        let samples = ["", " ", "\t", "  1850 ", "\u{A0}ABT 1850\u{3000}", "\n1850\n", " \t x y \t ", "é", " é ", "\u{2009}\u{2009}", "1 JAN 1700"]
        for sample in samples {
            #expect(sample.trimmingSpaces() == sample.trimmingCharacters(in: .whitespaces), "\(sample.debugDescription)")
        }
    }
}
