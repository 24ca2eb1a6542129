import GenewebCore

/// The key under which each person is written in a `.gw` file: `Surname First[.N]`.
///
/// `gwc` finds a person again by first name, surname and occurrence number compared without
/// case, accents or punctuation, so two persons whose names differ only in those must not share
/// a number: the second gets the first number free. A name part that is unknown (empty, or
/// GeneWeb's `?`) is written `_`, GeneWeb's own spelling of an empty name: `gwc` makes a new
/// person of every mention of a `?` name, so a person without surname who is a spouse in two
/// families would become two persons. A person whose names are both empty never gets number 0,
/// which `gwc` gives to the `? ?` placeholders of unknown parents.
struct GwKeys {
    private var tokens: [PersonID: String] = [:]

    init(_ persons: [Person]) {
        var used: [String: Set<Int>] = [:]
        var clashes: [Int] = []
        for (index, person) in persons.enumerated() {
            let name = Self.compared(person)
            let wanted = person.occurrence == 0 && name == "\u{0}" ? 1 : person.occurrence
            if used[name, default: []].insert(wanted).inserted {
                tokens[person.id] = Self.token(person, occurrence: wanted)
            } else {
                clashes.append(index)
            }
        }
        // The search for a free number resumes where the last one for the name stopped, so
        // many namesakes cost one pass, not one per person.
        var searchFrom: [String: Int] = [:]
        for index in clashes {
            let person = persons[index]
            let name = Self.compared(person)
            var number = searchFrom[name] ?? (name == "\u{0}" ? 1 : 0)
            while used[name, default: []].contains(number) { number += 1 }
            used[name, default: []].insert(number)
            searchFrom[name] = number + 1
            tokens[person.id] = Self.token(person, occurrence: number)
        }
    }

    /// The key text of a person of the document.
    subscript(id: PersonID) -> String? { tokens[id] }

    /// First name and surname as `gwc` compares them.
    private static func compared(_ person: Person) -> String {
        NameNormalizer.key(known(person.firstName)) + "\u{0}" + NameNormalizer.key(known(person.surname))
    }

    private static func known(_ name: String) -> String { name == "?" ? "" : name }

    private static func token(_ person: Person, occurrence: Int) -> String {
        GwText.name(known(person.surname)) + " " + firstNameToken(known(person.firstName), occurrence: occurrence)
    }

    /// `Jean`, `Jean.2`; a first name that itself ends in `.digits` keeps an explicit `.0` so
    /// the digits are not read as its number.
    static func firstNameToken(_ firstName: String, occurrence: Int) -> String {
        let token = GwText.name(firstName)
        if occurrence != 0 { return token + ".\(occurrence)" }
        if let dot = token.lastIndex(of: "."), token.index(after: dot) < token.endIndex,
            token[token.index(after: dot)...].allSatisfy(\.isASCIIDigit)
        {
            return token + ".0"
        }
        return token
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
