import Foundation
import GenewebCore
import SQLKit

/// Which media a caller who may not see living persons may not see either: a media attached to a
/// person hidden by the privacy rule (`PublicTree.isHidden`, the rule of the persons routes), or
/// to a family with such a parent (a family is as private as its most private parent), shows
/// that person. Sources are public, so a link to a source hides nothing.
public struct MediaVisibility: Sendable {
    let database: Database
    public var rule: LivingRule

    public init(database: Database, rule: LivingRule = LivingRule()) {
        self.database = database
        self.rule = rule
    }

    /// The media among `ids` (every media of the base when nil) that must stay hidden.
    public func hiddenMedia(among ids: [UUID]?, base: Int) async throws -> Set<UUID> {
        let (links, parents) = try await database.withConnection { sql in
            let links = try await MediaLinkRows.links(of: ids, base: base, on: sql).filter { $0.kind != .source }
            return (links, try await Self.parents(of: links.filter { $0.kind == .family }.map(\.recordID), on: sql))
        }
        guard !links.isEmpty else { return [] }
        let people = Set(links.filter { $0.kind == .person }.map(\.recordID)).union(parents.values.joined())
        let hiddenPersons = try await hiddenPersons(Array(people), base: base)
        var hidden = Set<UUID>()
        for link in links {
            let shown = link.kind == .person ? [link.recordID] : parents[link.recordID] ?? []
            if shown.contains(where: hiddenPersons.contains) { hidden.insert(link.mediaID) }
        }
        return hidden
    }

    /// The persons among `ids` the rule hides; a person deleted since it was linked hides nothing.
    private func hiddenPersons(_ ids: [UUID], base: Int) async throws -> Set<UUID> {
        let persons = PersonRepository(database: database)
        var hidden = Set<UUID>()
        for start in stride(from: 0, to: ids.count, by: 500) {
            for (id, found) in try await persons.findWithEvidence(Array(ids[start..<min(start + 500, ids.count)]), base: base)
            where PublicTree.isHidden(found.person.value, evidence: found.evidence, rule: rule) {
                hidden.insert(id)
            }
        }
        return hidden
    }

    /// The parents of each family, from the links of the genealogy graph.
    private static func parents(of families: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [UUID]] {
        var parents: [UUID: [UUID]] = [:]
        let unique = Array(Set(families))
        for start in stride(from: 0, to: unique.count, by: 500) {
            var query: SQLQueryString = "SELECT family_id, person_id FROM family_members WHERE role = 'parent' AND family_id IN ("
            for (index, id) in unique[start..<min(start + 500, unique.count)].enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            for row in try await sql.raw(query + ")").all() {
                parents[try row.decode(column: "family_id", as: UUID.self), default: []].append(try row.decode(column: "person_id", as: UUID.self))
            }
        }
        return parents
    }
}
