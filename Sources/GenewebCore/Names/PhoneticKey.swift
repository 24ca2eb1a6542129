import Foundation

/// "Sounds like" keys for names in French, English and German.
///
/// The algorithm, in the spirit of GeneWeb's name crushing (`Name.crush`) with sound rules for the
/// three languages of most of our users:
/// 1. Start from the lookup key (`NameNormalizer.key`: lower case, no accents), after `ç` → `s`.
/// 2. Rewrite letter groups to one sound, longest first: `sch`/`ch`/`sh` → `X` (the "sh" sound),
///    `ph` → `f`, `th` → `t`, `gh` → `g`, `ck`/`qu`/`q`/`k` and hard `c` → `k`, soft `c`
///    (before e, i, y) → `s`, soft `g` (before e, i, y) → `j`, `x` → `ks`, `z` → `s`, `w` → `v`,
///    `bv` → `v`, `mps` → `ms`, `au` before a silent `l` (Gaultier) and a final `aud` → vowel,
///    final `cois` (François without cedilla) → `sois`, a final `x` is silent; other `h`s are silent.
/// 3. Drop vowels (`a e i o u y`): spelling varies most there (Meyer, Mayer, Maier, Meier).
/// 4. Collapse repeated sounds (Schmitt = Schmidt at this point: `Xmt`, `Xmdt` → step 5).
/// 5. Drop silent French endings: final `t`, `d`, `s`, `x`, `z` (Dupont = Dupond = `dpn`,
///    Dupuis = Dupuy = `dp`, Renaud = Renault = Reynaud = `rn`).
/// A name with no consonant keeps its lookup key. Each word of a multi-word name is keyed
/// separately and the keys joined by a space. Keys favour recall: the search ranks exact
/// matches first, so sharing a key with a few other names costs little.
public enum PhoneticKey {
    public static func key(_ name: String) -> String {
        // A scalar scan: `String.contains(String)` is Foundation's locale-aware search.
        let prepared =
            name.unicodeScalars.contains(where: { $0 == "ç" || $0 == "Ç" })
            ? name.replacingOccurrences(of: "ç", with: "s").replacingOccurrences(of: "Ç", with: "s")
            : name
        let words = NameNormalizer.key(prepared).split(separator: " ")
        return words.map { word in
            let crushed = crush(String(word))
            return crushed.isEmpty ? String(word) : crushed
        }.joined(separator: " ")
    }

    static func crush(_ word: String) -> String {
        // Lookup keys are ASCII for nearly every name of our users: the same rules on bytes are
        // ten times faster than on `Character`s, and an import computes several keys a person.
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: crush(ascii: Array(word.utf8)), as: UTF8.self)
        }
        return String(crush(letters: Array(word)))
    }

    static func crush(ascii letters: [UInt8]) -> [UInt8] {
        var sounds: [UInt8] = []
        sounds.reserveCapacity(letters.count + 2)
        var index = 0
        func at(_ offset: Int) -> UInt8? {
            let position = index + offset
            return position < letters.count ? letters[position] : nil
        }
        func matches(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= letters.count else { return false }
            let pattern = text.utf8Start
            for offset in 0..<count where letters[index + offset] != pattern[offset] { return false }
            return true
        }
        func isFrontVowel(_ letter: UInt8?) -> Bool { letter == 0x65 || letter == 0x69 || letter == 0x79 }
        func isVowel(_ letter: UInt8) -> Bool {
            letter == 0x61 || letter == 0x65 || letter == 0x69 || letter == 0x6F || letter == 0x75 || letter == 0x79
        }
        let shSound = UInt8(ascii: "X")
        let o = UInt8(ascii: "o")
        let s = UInt8(ascii: "s")
        let k = UInt8(ascii: "k")
        while index < letters.count {
            if matches("sch") {
                sounds.append(shSound)
                index += 3
                continue
            }
            if matches("aul"), let next = at(3), !isVowel(next) {
                sounds.append(o)
                index += 3
                continue
            }
            if matches("cois") && index + 4 == letters.count {
                sounds += [s, o]
                index += 4
                continue
            }
            if letters[index] == UInt8(ascii: "x") && index + 1 == letters.count {
                index += 1
                continue
            }
            if matches("aud") && index + 3 == letters.count {
                sounds.append(o)
                index += 3
                continue
            }
            if matches("mps") {
                sounds += [UInt8(ascii: "m"), s]
                index += 3
                continue
            }
            if matches("ch") || matches("sh") {
                sounds.append(shSound)
                index += 2
                continue
            }
            if matches("ph") {
                sounds.append(UInt8(ascii: "f"))
                index += 2
                continue
            }
            if matches("th") {
                sounds.append(UInt8(ascii: "t"))
                index += 2
                continue
            }
            if matches("gh") {
                sounds.append(UInt8(ascii: "g"))
                index += 2
                continue
            }
            if matches("ck") || matches("qu") {
                sounds.append(k)
                index += 2
                continue
            }
            if matches("bv") {
                sounds.append(UInt8(ascii: "v"))
                index += 2
                continue
            }
            let letter = letters[index]
            switch letter {
            case UInt8(ascii: "c"): sounds.append(isFrontVowel(at(1)) ? s : k)
            case UInt8(ascii: "g"): sounds.append(isFrontVowel(at(1)) ? UInt8(ascii: "j") : UInt8(ascii: "g"))
            case UInt8(ascii: "q"), k: sounds.append(k)
            case UInt8(ascii: "x"): sounds += [k, s]
            case UInt8(ascii: "z"): sounds.append(s)
            case UInt8(ascii: "w"): sounds.append(UInt8(ascii: "v"))
            case UInt8(ascii: "h"): break
            default: sounds.append(letter)
            }
            index += 1
        }
        var consonants: [UInt8] = []
        consonants.reserveCapacity(sounds.count)
        for sound in sounds where !isVowel(sound) {
            if consonants.last != sound { consonants.append(sound) }
        }
        while consonants.count > 1, let last = consonants.last,
            last == UInt8(ascii: "t") || last == UInt8(ascii: "d") || last == s || last == UInt8(ascii: "x") || last == UInt8(ascii: "z")
        {
            consonants.removeLast()
        }
        return consonants
    }

    /// The rules on `Character`s, for words with letters outside ASCII (other scripts).
    static func crush(letters: [Character]) -> [Character] {
        var sounds: [Character] = []
        var index = 0
        func at(_ offset: Int) -> Character? {
            let position = index + offset
            return position < letters.count ? letters[position] : nil
        }
        func matches(_ text: String) -> Bool {
            for (offset, character) in text.enumerated() where at(offset) != character { return false }
            return true
        }
        let frontVowels: Set<Character> = ["e", "i", "y"]
        let vowelLetters: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        while index < letters.count {
            if matches("sch") {
                sounds.append("X")
                index += 3
                continue
            }
            // French "au" before a silent l: Gaultier = Gautier, Renault = Renaut.
            if matches("aul"), let next = at(3), !vowelLetters.contains(next) {
                sounds.append("o")
                index += 3
                continue
            }
            // "Francois" without its cedilla still says "swa".
            if matches("cois") && index + 4 == letters.count {
                sounds += ["s", "o"]
                index += 4
                continue
            }
            // A final x is silent in French (Rousseaux = Rousseau).
            if letters[index] == "x" && index + 1 == letters.count {
                index += 1
                continue
            }
            if matches("aud") && index + 3 == letters.count {
                sounds.append("o")
                index += 3
                continue
            }
            if matches("mps") {
                sounds += ["m", "s"]
                index += 3
                continue
            }
            if matches("ch") || matches("sh") {
                sounds.append("X")
                index += 2
                continue
            }
            if matches("ph") {
                sounds.append("f")
                index += 2
                continue
            }
            if matches("th") {
                sounds.append("t")
                index += 2
                continue
            }
            if matches("gh") {
                sounds.append("g")
                index += 2
                continue
            }
            if matches("ck") || matches("qu") {
                sounds.append("k")
                index += 2
                continue
            }
            if matches("bv") {
                sounds.append("v")
                index += 2
                continue
            }
            let letter = letters[index]
            switch letter {
            case "c": sounds.append(at(1).map { frontVowels.contains($0) } == true ? "s" : "k")
            case "g": sounds.append(at(1).map { frontVowels.contains($0) } == true ? "j" : "g")
            case "q", "k": sounds.append("k")
            case "x": sounds += ["k", "s"]
            case "z": sounds.append("s")
            case "w": sounds.append("v")
            case "h": break
            default: sounds.append(letter)
            }
            index += 1
        }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var consonants: [Character] = []
        for sound in sounds where !vowels.contains(sound) {
            if consonants.last != sound { consonants.append(sound) }
        }
        let silentEndings: Set<Character> = ["t", "d", "s", "x", "z"]
        while consonants.count > 1, let last = consonants.last, silentEndings.contains(last) {
            consonants.removeLast()
        }
        return consonants
    }
}
