import Foundation
import GenewebCore
import GenewebSite
import GenewebStore

/// The witnesses of an event on the person form (`birth.witnesses`, `events.2.witnesses`): one
/// per line, a person's key (`jean.0.martin`) or words of a name. Words that find one person are
/// replaced by that person's key; words that find several leave a problem next to the field that
/// lists them with their keys — the search step, which needs no script.
enum WitnessInput {
    static let maximumLines = 50
    static let maximumCandidates = 6

    /// Each line of every witnesses field resolved to a person of the base, the values with words
    /// replaced by keys, and the problems of the lines that name nobody or several persons.
    static func resolve(_ values: [String: String], page: SiteScope, persons: PersonRepository, search: SearchRepository) async throws -> (
        ids: [String: UUID], values: [String: String], errors: [FieldError]
    ) {
        var values = values
        var ids: [String: UUID] = [:]
        var errors: [FieldError] = []
        for (field, text) in values.sorted(by: { $0.key < $1.key }) where field.hasSuffix(".witnesses") {
            var written: [String] = []
            for line in Self.lines(of: text) {
                if ids[line] != nil {
                    written.append(line)
                } else if NameNormalizer.parsePersonKey(line) != nil {
                    if let found = try await RelativeInput.find(line, page: page, persons: persons) {
                        ids[line] = found.value.id.uuid
                    } else {
                        errors.append(FieldError(field: field, message: problem("witness.unknown", line)))
                    }
                    written.append(line)
                } else {
                    let (hits, _) = try await search.search(
                        PersonSearch(query: String(line.prefix(200))), base: page.base.id, visibility: .everyone, offset: 0, limit: maximumCandidates)
                    if hits.count == 1, let hit = hits.first {
                        let key = SitePeople.pageKey(hit.person.value)
                        ids[key] = hit.person.value.id.uuid
                        written.append(key)
                    } else {
                        let found = hits.map { hit in
                            let person = hit.person.value
                            return SitePeople.pageKey(person) + " (" + SitePeople.name(person) + (SitePeople.years(person).map { ", \($0)" } ?? "") + ")"
                        }
                        errors.append(
                            FieldError(
                                field: field,
                                message: hits.isEmpty ? problem("witness.no_match", line) : problem("witness.choose", line, found.joined(separator: "; "))))
                        written.append(line)
                    }
                }
            }
            values[field] = written.joined(separator: "\n")
        }
        return (ids, values, errors)
    }

    /// The lines of a witnesses field, trimmed, blank ones left out, at most `maximumLines`.
    static func lines(of text: String) -> [String] {
        Array(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(maximumLines))
    }

    /// The witnesses a field's lines name, in their order: a person already a witness of the
    /// event keeps their kind (godparent, civil officer…), a new one is a witness.
    static func witnesses(_ text: String, ids: [String: UUID], before: [Witness]) -> [Witness] {
        var seen = Set<UUID>()
        return lines(of: text).compactMap { line in
            guard let id = ids[line], seen.insert(id).inserted else { return nil }
            return before.first { $0.personID.uuid == id } ?? Witness(personID: PersonID(id))
        }
    }

    /// The keys of the witnesses of `person`'s events, for showing the form.
    static func keys(of person: Person, persons: PersonRepository, base: Int) async throws -> [UUID: String] {
        let ids = Set(person.events.flatMap { $0.witnesses.map(\.personID.uuid) })
        guard !ids.isEmpty else { return [:] }
        return try await persons.find(Array(ids), base: base).mapValues { SitePeople.pageKey($0.value) }
    }

    /// A problem whose words the form translates (`FormFieldMaker.problem`): a message key and
    /// its arguments, separated by a unit separator.
    private static func problem(_ key: String, _ arguments: String...) -> String {
        ([key] + arguments).joined(separator: "\u{1F}")
    }
}
