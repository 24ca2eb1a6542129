import Foundation
import GenewebCore
import GenewebSite
import GenewebStore

/// One relative of a family act's form (the spouse, the father, the mother, the child): an
/// existing person, named by key or chosen after a search by words of the name — the search
/// step that works without JavaScript — or a new person typed in the same fields as the person
/// form's (`{prefix}.first_name`, `{prefix}.birth.date`, …, read by `PersonForm`).
struct RelativeInput {
    enum Choice {
        case existing(Stored<Person>)
        case new(Person)
        case none
    }

    /// Fields of a new relative shown on the act's forms (the person form has the others).
    static let newFields = ["first_name", "surname", "birth.date", "birth.place", "death.date", "death.place"]
    static let maximumCandidates = 10

    let prefix: String
    var choice: Choice = .none
    var errors: [FieldError] = []
    /// Persons matching the words typed in `{prefix}.existing`, to choose from.
    var candidates: [(key: String, label: String)] = []

    /// Reads the relative at `prefix` of `values`; `sex` is given to a new relative when the
    /// role says it (father, mother).
    static func read(_ prefix: String, values: [String: String], sex: Sex?, page: SiteScope, persons: PersonRepository, search: SearchRepository)
        async throws -> RelativeInput
    {
        var input = RelativeInput(prefix: prefix)
        func text(_ name: String) -> String? {
            guard let value = values["\(prefix).\(name)"]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        if let chosen = text("choice") ?? text("existing").flatMap({ NameNormalizer.parsePersonKey($0) != nil || UUID(uuidString: $0) != nil ? $0 : nil }) {
            if let found = try await Self.find(chosen, page: page, persons: persons) {
                input.choice = .existing(found)
            } else {
                input.errors.append(FieldError(field: "\(prefix).existing", message: "unknown key"))
            }
            return input
        }
        if let words = text("existing") {
            let (hits, _) = try await search.search(
                PersonSearch(query: String(words.prefix(200))), base: page.base.id, visibility: .everyone, offset: 0, limit: maximumCandidates)
            input.candidates = hits.map { hit in
                let person = hit.person.value
                let years = SitePeople.years(person).map { " (\($0))" } ?? ""
                return (SitePeople.pageKey(person), SitePeople.name(person) + years + " · " + SitePeople.pageKey(person))
            }
            input.errors.append(FieldError(field: "\(prefix).existing", message: hits.isEmpty ? "no match" : "choose"))
            return input
        }
        guard newFields.contains(where: { text($0) != nil }) else { return input }
        var own: [String: String] = [:]
        for (name, value) in values where name.hasPrefix(prefix + ".") { own[String(name.dropFirst(prefix.count + 1))] = value }
        let (person, errors) = PersonForm.apply(own, to: nil)
        input.errors = errors.map { FieldError(field: "\(prefix).\($0.field)", message: $0.message) }
        var new = person
        if let sex { new.sex = sex }
        input.choice = .new(new)
        return input
    }

    /// The person with this key (or id) in the page's base.
    static func find(_ key: String, page: SiteScope, persons: PersonRepository) async throws -> Stored<Person>? {
        guard key.utf8.count <= 300 else { return nil }
        if let id = UUID(uuidString: key) { return try await persons.find(id, base: page.base.id) }
        return try await persons.find(key: key, base: page.base.id)
    }

    var person: Person? {
        switch choice {
        case .existing(let stored): stored.value
        case .new(let person): person
        case .none: nil
        }
    }

    var newPerson: Person? {
        if case .new(let person) = choice { return person }
        return nil
    }
}
