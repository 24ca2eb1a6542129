import Foundation
import GenewebCore
import SQLKit

/// Why two persons cannot be merged as they are.
public enum MergeRefusal: Error, Equatable, Sendable {
    /// Each is the child of a different family: merge those families' parents first (GeneWeb's rule).
    case twoFamiliesOfBirth
    /// They are the two spouses of one union.
    case spousesOfEachOther
    /// A person cannot be merged with themself.
    case samePerson
}

/// GeneWeb's merge of two records of one person: the kept person takes the editor's choices
/// (`merged`), every family that names the other names the kept one instead (as spouse or
/// child), every witness and related parent that points at the other points at the kept one,
/// and the other record is deleted — in one transaction, both versions checked, the base's
/// version raised once, the audit lines written with it.
public struct PersonMerge: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func merge(_ merged: Person, keptVersion: Int, removed: UUID, removedVersion: Int, base: Int, audit: [AuditEntry]) async throws -> Stored<Person> {
        let kept = merged.id.uuid
        guard kept != removed else { throw MergeRefusal.samePerson }
        let personWrites = VersionedWrite(database: database, table: "persons")
        let persons = PersonRepository(database: database)
        let families = FamilyRepository(database: database)
        return try await database.withRecordedWrite { sql in
            _ = try await personWrites.current(kept, base: base, expected: keptVersion, on: sql)
            _ = try await personWrites.current(removed, base: base, expected: removedVersion, on: sql)
            let links = try await sql.raw(
                "SELECT family_id, person_id, role FROM family_members WHERE person_id = \(bind: kept) OR person_id = \(bind: removed)"
            ).all().map { row in
                (
                    family: try row.decode(column: "family_id", as: UUID.self), person: try row.decode(column: "person_id", as: UUID.self),
                    role: try row.decode(column: "role", as: String.self)
                )
            }
            let keptBirth = links.first { $0.person == kept && $0.role == "child" }?.family
            let removedBirth = links.first { $0.person == removed && $0.role == "child" }?.family
            if let keptBirth, let removedBirth, keptBirth != removedBirth { throw MergeRefusal.twoFamiliesOfBirth }
            let keptUnions = Set(links.filter { $0.person == kept && $0.role == "parent" }.map(\.family))
            if links.contains(where: { $0.person == removed && $0.role == "parent" && keptUnions.contains($0.family) }) {
                throw MergeRefusal.spousesOfEachOther
            }

            // Every document that names the other person: its families, and the persons and
            // families whose witnesses or related parents point at them (found by the id in
            // the document's text; a merge is rare, the scan is linear in the base).
            let pattern = "%\(removed.uuidString.lowercased())%"
            let mentioningFamilies = try await sql.raw(
                "SELECT id FROM families WHERE base_id = \(bind: base) AND (LOWER(CAST(document AS TEXT)) LIKE \(bind: pattern))"
            ).all().map { try $0.decode(column: "id", as: UUID.self) }
            let familyIDs = Set(links.filter { $0.person == removed }.map(\.family)).union(mentioningFamilies)
            let mentioningPersons = try await sql.raw(
                """
                SELECT id FROM persons WHERE base_id = \(bind: base) AND id <> \(bind: kept) AND id <> \(bind: removed)
                AND LOWER(CAST(document AS TEXT)) LIKE \(bind: pattern)
                """
            ).all().map { try $0.decode(column: "id", as: UUID.self) }

            let from = PersonID(removed)
            let to = PersonID(kept)
            for id in familyIDs.sorted(by: { $0.uuidString < $1.uuidString }) {
                let stored: Stored<Family> = try await VersionedWrite(database: database, table: "families").stored(id, on: sql)
                var family = stored.value
                family.parents = family.parents.map { $0 == from ? to : $0 }
                var seen: Set<PersonID> = []
                family.children = family.children.map { $0 == from ? to : $0 }.filter { seen.insert($0).inserted }
                family.events = family.events.map { Self.repoint($0, from: from, to: to) }
                _ = try await families.replaceRow(family, base: base, expectedVersion: stored.version, on: sql)
            }
            for id in mentioningPersons {
                let stored: Stored<Person> = try await personWrites.stored(id, on: sql)
                var person = stored.value
                person.events = person.events.map { Self.repoint($0, from: from, to: to) }
                person.relatedParents = person.relatedParents.map { related in
                    var related = related
                    if related.fatherID == from { related.fatherID = to }
                    if related.motherID == from { related.motherID = to }
                    return related
                }
                _ = try await persons.replaceRow(person, base: base, expectedVersion: stored.version, occurrence: .asGiven, on: sql)
            }
            // The other record goes before the kept one takes its name or number, if chosen.
            try await sql.raw("DELETE FROM family_members WHERE person_id = \(bind: removed)").run()
            try await sql.raw("DELETE FROM person_words WHERE person_id = \(bind: removed)").run()
            try await sql.raw("DELETE FROM person_places WHERE person_id = \(bind: removed)").run()
            try await sql.raw("DELETE FROM persons WHERE id = \(bind: removed)").run()
            WriteRecord.current?.edit(.personRemoved(removed))
            try await RecordHistory.erase(removed, on: sql)
            // The other's pictures now show the kept person: their privacy follows the kept one.
            try await MediaLinkRows.move(person: removed, to: kept, base: base, on: sql)
            var person = merged
            person.events = person.events.map { Self.repoint($0, from: from, to: to) }
            let stored = try await persons.replaceRow(person, base: base, expectedVersion: keptVersion, occurrence: .asGiven, on: sql)
            try await BaseVersion.bump(base, on: sql)
            let auditLog = AuditRepository(database: database)
            for entry in audit { try await auditLog.record(entry, on: sql) }
            return stored
        }
    }

    static func repoint(_ event: Event, from: PersonID, to: PersonID) -> Event {
        var event = event
        event.witnesses = event.witnesses.map { witness in
            var witness = witness
            if witness.personID == from { witness.personID = to }
            return witness
        }
        return event
    }
}
