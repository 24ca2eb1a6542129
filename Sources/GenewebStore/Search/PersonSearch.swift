import Foundation
import GenewebCore
import SQLKit

/// What a search asks for; every part is optional but a search needs at least one.
public struct PersonSearch: Sendable {
    /// Words of a name in any order: each must begin a word of the person's first names,
    /// surnames, public name, aliases or qualifiers, or sound like one.
    public var query: String?
    /// Words that must begin (or sound like) words of the first names.
    public var firstName: String?
    /// Words that must begin (or sound like) words of the surnames.
    public var surname: String?
    /// Words that must begin words of the place of birth (or baptism).
    public var birthPlace: String?
    public var sex: Sex?
    public var birthYearFrom: Int?
    public var birthYearTo: Int?

    public init(
        query: String? = nil, firstName: String? = nil, surname: String? = nil, birthPlace: String? = nil,
        sex: Sex? = nil, birthYearFrom: Int? = nil, birthYearTo: Int? = nil
    ) {
        self.query = query
        self.firstName = firstName
        self.surname = surname
        self.birthPlace = birthPlace
        self.sex = sex
        self.birthYearFrom = birthYearFrom
        self.birthYearTo = birthYearTo
    }

    /// One word to find among the words of some fields.
    struct Term: Hashable {
        let word: String
        let fields: [PersonIndexEntry.Field]
        /// Sound matching for names; places match by spelling only. A key of one consonant
        /// ("eleo" → `l`) would match half the base, so sounds need two.
        var phonetic: String? {
            guard fields != [.birthPlace], word.count >= 3 else { return nil }
            let key = PhoneticKey.key(word)
            return key.count >= 2 ? key : nil
        }
    }

    var terms: [Term] {
        var terms: [Term] = []
        func add(_ text: String?, _ fields: [PersonIndexEntry.Field]) {
            guard let text else { return }
            for word in NameNormalizer.key(text).split(separator: " ").map(PersonIndexEntry.indexed) {
                let term = Term(word: word, fields: fields)
                if !terms.contains(term) { terms.append(term) }
            }
        }
        add(query, [.firstName, .surname, .otherName])
        add(firstName, [.firstName])
        add(surname, [.surname])
        add(birthPlace, [.birthPlace])
        return terms
    }

    /// True when only names are asked for (no sex, dates or places), which a base with public
    /// names may answer with living persons too.
    public var asksNamesOnly: Bool {
        sex == nil && birthYearFrom == nil && birthYearTo == nil && birthPlace == nil
    }

    /// True when nothing would narrow the search down.
    public var isEmpty: Bool {
        terms.isEmpty && sex == nil && birthYearFrom == nil && birthYearTo == nil
    }
}

/// A person found, with how well they matched (higher first).
public struct SearchHit: Sendable {
    public let person: Stored<Person>
    public let score: Int
}
