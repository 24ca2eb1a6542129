import Foundation
import GenewebCore
import SQLKit

/// The acts a genealogist records in one go — a spouse and the union, two parents and their
/// family, a child in a union — written in one transaction: all of it or nothing, one new
/// version of the base, every audit line with the records. Each step is the one the single
/// writes use (`PersonRepository.insertRow`, `FamilyRepository.insertRow`/`replaceRow`), so the
/// occurrence numbers, the ancestry-loop check and the versions follow the same rules.
public struct FamilyActs: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What an act wrote.
    public struct Written: Sendable {
        /// The new persons, as stored (with the occurrence numbers they were given), in order.
        public let persons: [Stored<Person>]
        public let family: Stored<Family>
    }

    /// Inserts `newPersons` (each with the smallest number free for its name), replaces
    /// `changedPersons` if each is still at its version (a renamed one takes the smallest number
    /// free for its new name, as `PersonRepository.update` with `.smallestFree`), then the family:
    /// inserted when `familyVersion` is nil, otherwise replaced if its version is still
    /// `familyVersion` (`WriteConflict.staleVersion` if not). `AncestryLoop` when the links
    /// would make someone their own ancestor. `audit` lines are recorded with the records; a
    /// line's `key` detail, for a new person, is filled with the key the person was given.
    public func record(
        newPersons: [Person], changedPersons: [(Person, Int)] = [], family: Family, familyVersion: Int?, base: Int, audit: [AuditEntry]
    ) async throws -> Written {
        let persons = PersonRepository(database: database)
        let families = FamilyRepository(database: database)
        return try await persons.retryingNamesakes(.smallestFree) {
            try await database.withRecordedWrite { sql in
                var stored: [Stored<Person>] = []
                for person in newPersons {
                    stored.append(try await persons.insertRow(person, base: base, occurrence: .smallestFree, on: sql))
                }
                for (person, version) in changedPersons {
                    _ = try await persons.replaceRow(person, base: base, expectedVersion: version, occurrence: .smallestFree, on: sql)
                }
                let written =
                    if let familyVersion {
                        try await families.replaceRow(family, base: base, expectedVersion: familyVersion, on: sql)
                    } else {
                        try await families.insertRow(family, base: base, on: sql)
                    }
                try await BaseVersion.bump(base, on: sql)
                let keys = Dictionary(uniqueKeysWithValues: stored.map { ($0.value.id.uuid.uuidString.lowercased(), $0.value.key) })
                let auditLog = AuditRepository(database: database)
                for var entry in audit {
                    if entry.details["key"] != nil, let id = entry.entityID, let key = keys[id] { entry.details["key"] = key }
                    try await auditLog.record(entry, on: sql)
                }
                return Written(persons: stored, family: written)
            }
        }
    }
}
