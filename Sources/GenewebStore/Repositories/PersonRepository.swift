import Foundation
import GenewebCore
import SQLKit

/// Which persons a list returns; every filter is optional.
public struct PersonFilter: Sendable {
    /// Prefix of the surname, compared without case or accents.
    public var surname: String?
    /// Prefix of the first name, compared without case or accents.
    public var firstName: String?
    public var sex: Sex?
    /// Birth (or baptism) year range, inclusive.
    public var birthYearFrom: Int?
    public var birthYearTo: Int?
    /// The whole surname or first name (as GeneWeb's indexes group them: case and accents
    /// ignored), for the persons of one name.
    public var exactSurname: String?
    public var exactFirstName: String?
    /// A place of the person's events, as the place index groups them (folded).
    public var place: String?

    public init(
        surname: String? = nil, firstName: String? = nil, sex: Sex? = nil, birthYearFrom: Int? = nil, birthYearTo: Int? = nil,
        exactSurname: String? = nil, exactFirstName: String? = nil, place: String? = nil
    ) {
        self.place = place
        self.exactSurname = exactSurname
        self.exactFirstName = exactFirstName
        self.surname = surname
        self.firstName = firstName
        self.sex = sex
        self.birthYearFrom = birthYearFrom
        self.birthYearTo = birthYearTo
    }
}

/// Persons of one base: reads, writes with optimistic concurrency, and the links to families.
/// Every write records its audit entry in the same transaction.
public struct PersonRepository: Sendable {
    let database: Database
    var sqlHelpers: EngineSQL { EngineSQL(engine: database.engine) }

    public init(database: Database) {
        self.database = database
    }

    private var selectColumns: SQLQueryString { sqlHelpers.selectVersioned(from: "persons") }
    private var writes: VersionedWrite { VersionedWrite(database: database, table: "persons") }

    static func decode(_ row: any SQLRow) throws -> Stored<Person> { try Stored<Person>.decode(row) }

    public func find(_ id: UUID, base: Int) async throws -> Stored<Person>? {
        try await database.withConnection { sql in
            try await sql.raw(selectColumns + " WHERE base_id = \(bind: base) AND id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// The person with GeneWeb key `first_name.occurrence.surname` (accents and case ignored).
    public func find(key: String, base: Int) async throws -> Stored<Person>? {
        guard let parts = NameNormalizer.parsePersonKey(key) else { return nil }
        return try await database.withConnection { sql in
            try await sql.raw(
                selectColumns + """
                     WHERE base_id = \(bind: base) AND first_name_key = \(bind: NameNormalizer.key(parts.firstName))
                     AND surname_key = \(bind: NameNormalizer.key(parts.surname)) AND occurrence = \(bind: parts.occurrence)
                    """
            ).first().map(Self.decode)
        }
    }

    /// The id of the person with GeneWeb key `first_name.occurrence.surname`, without reading
    /// the record (pages read it afterwards with everyone else they show).
    public func id(key: String, base: Int) async throws -> UUID? {
        guard let parts = NameNormalizer.parsePersonKey(key) else { return nil }
        return try await database.withConnection { sql in
            try await sql.raw(
                """
                SELECT id FROM persons WHERE base_id = \(bind: base) AND first_name_key = \(bind: NameNormalizer.key(parts.firstName))
                AND surname_key = \(bind: NameNormalizer.key(parts.surname)) AND occurrence = \(bind: parts.occurrence)
                """
            ).first().map { try $0.decode(column: "id", as: UUID.self) }
        }
    }

    /// Several persons at once, in no particular order (missing ids are left out).
    public func find(_ ids: [UUID], base: Int) async throws -> [UUID: Stored<Person>] {
        guard !ids.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            // `base_id + 0`: compared after the id lookups, not used to pick an index (SQLite's
            // planner would otherwise walk the whole base through the base_id index).
            var query = selectColumns + " WHERE base_id + 0 = \(bind: base) AND id IN ("
            for (index, id) in ids.enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            let rows = try await sql.raw(query + ")").all()
            var found: [UUID: Stored<Person>] = [:]
            for row in rows {
                let stored = try Self.decode(row)
                found[stored.value.id.uuid] = stored
            }
            return found
        }
    }

    /// Several persons with what their families say about their age, in one query: the whole
    /// input of the privacy rule (`LivingRule.isLiving`). The families are looked at only for
    /// persons the rule needs them for (not dead, no birth day), the others cost nothing more.
    public func findWithEvidence(_ ids: [UUID], base: Int) async throws -> [UUID: (person: Stored<Person>, evidence: LivingEvidence)] {
        guard !ids.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            var query = sqlHelpers.selectVersioned(columns: Self.evidenceColumns, from: "persons") + " WHERE base_id + 0 = \(bind: base) AND id IN ("
            for (index, id) in ids.enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            let rows = try await sql.raw(query + ")").all()
            var found: [UUID: (Stored<Person>, LivingEvidence)] = [:]
            for row in rows {
                let stored = try Self.decode(row)
                let evidence = LivingEvidence(
                    earliestChildBirth: try row.decode(column: "child_birth", as: Int?.self),
                    earliestMarriage: try row.decode(column: "marriage", as: Int?.self))
                found[stored.value.id.uuid] = (stored, evidence)
            }
            return found
        }
    }

    /// `livingEvidence`'s two figures as columns of the persons row, computed only where needed.
    static let evidenceColumns: SQLQueryString = """
        CASE WHEN persons.deceased = 0 AND persons.birth_latest IS NULL THEN (
            SELECT MIN(c.birth_sort) FROM family_members p JOIN family_members ch ON ch.family_id = p.family_id AND ch.role = 'child'
            JOIN persons c ON c.id = ch.person_id WHERE p.person_id = persons.id AND p.role = 'parent') END AS child_birth,
        CASE WHEN persons.deceased = 0 AND persons.birth_latest IS NULL THEN (
            SELECT MIN(f.marriage_sort) FROM family_members p JOIN families f ON f.id = p.family_id
            WHERE p.person_id = persons.id AND p.role = 'parent') END AS marriage
        """

    /// A page of persons in the stable order of API.md (surname, first name, occurrence, id) and
    /// the total, among those `visibility` lets the caller see.
    public func list(base: Int, filter: PersonFilter, visibility: Visibility = .everyone, offset: Int, limit: Int) async throws -> (
        items: [Stored<Person>], total: Int
    ) {
        var conditions: SQLQueryString = " WHERE base_id = \(bind: base) AND " + visibility.condition(on: "persons")
        if let surname = filter.exactSurname.map(NameNormalizer.key) { conditions += " AND surname_key = \(bind: surname)" }
        if let first = filter.exactFirstName.map(NameNormalizer.key) { conditions += " AND first_name_key = \(bind: first)" }
        if let place = filter.place.map(NameNormalizer.key) {
            conditions += " AND id IN (SELECT person_id FROM person_places WHERE base_id = \(bind: base) AND place_key = \(bind: place))"
        }
        if let surname = filter.surname.map(NameNormalizer.key), !surname.isEmpty {
            conditions += " AND surname_key LIKE \(bind: Self.likePrefix(surname)) ESCAPE '\\'"
        }
        if let first = filter.firstName.map(NameNormalizer.key), !first.isEmpty {
            conditions += " AND first_name_key LIKE \(bind: Self.likePrefix(first)) ESCAPE '\\'"
        }
        if let sex = filter.sex { conditions += " AND sex = \(bind: sex.rawValue)" }
        if let from = filter.birthYearFrom {
            conditions += " AND birth_sort >= \(bind: DateCalendar.gregorian.julianDay(year: from, month: 1, day: 1))"
        }
        if let to = filter.birthYearTo {
            conditions += " AND birth_sort <= \(bind: DateCalendar.gregorian.julianDay(year: to, month: 12, day: 31))"
        }
        let condition = conditions
        return try await database.withConnection { sql in
            let total = try await sql.raw("SELECT count(*) AS n FROM persons" + condition).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(
                selectColumns + condition
                    + " ORDER BY surname_key, first_name_key, occurrence, id LIMIT \(bind: limit) OFFSET \(bind: offset)"
            ).all()
            return (try rows.map(Self.decode), total)
        }
    }

    static func likePrefix(_ key: String) -> String {
        key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// How a write settles the person's occurrence number.
    public enum OccurrenceChoice: Sendable {
        /// The number the person carries; a key already taken is `WriteConflict.duplicateKey`.
        case asGiven
        /// The smallest number free for the person's name (numbers freed by deletions are reused,
        /// as in GeneWeb), chosen inside the write under a lock on the name, so that namesakes
        /// created or renamed at the same time get distinct numbers. On update, only when the
        /// name changes: a person who keeps their name keeps their number.
        case smallestFree
    }

    /// Inserts a new person. `WriteConflict.duplicateKey` when the key is taken. The audit entry's
    /// `key` detail, when there is one, is the key written.
    public func insert(_ person: Person, base: Int, occurrence: OccurrenceChoice = .asGiven, audit: AuditEntry) async throws -> Stored<Person> {
        try await retryingNamesakes(occurrence) {
            try await writes.run(base: base, audit: audit) { sql, audit in
                let stored = try await insertRow(person, base: base, occurrence: occurrence, on: sql)
                if audit.details["key"] != nil { audit.details["key"] = stored.value.key }
                return stored
            }
        }
    }

    /// The insert's own steps, inside the caller's transaction (`FamilyActs` writes a person and
    /// a family together): the occurrence number settled under the name's lock, then the rows.
    func insertRow(_ person: Person, base: Int, occurrence: OccurrenceChoice, on sql: any SQLDatabase) async throws -> Stored<Person> {
        var person = person
        try await settleOccurrence(of: &person, renamed: true, choice: occurrence, base: base, on: sql)
        try await RowWriter(sink: SQLKitRowSink(sql: sql, engine: database.engine), baseID: base, batchSize: 1).insertPersons([person])
        WriteRecord.current?.edit(.person(id: person.id.uuid, sex: person.sex))
        return try await writes.stored(person.id.uuid, on: sql)
    }

    /// Replaces a person if its version is still `expectedVersion` (nil: whatever it is): one
    /// UPDATE of every column `PersonRow` derives, and the person's search words.
    /// `erasingHistory`: the person's earlier versions go too (GDPR anonymization: what they were
    /// must not stay restorable).
    public func update(
        _ person: Person, base: Int, expectedVersion: Int?, occurrence: OccurrenceChoice = .asGiven, erasingHistory: Bool = false,
        audit: AuditEntry
    ) async throws -> Stored<Person> {
        try await retryingNamesakes(occurrence) {
            try await writes.run(base: base, audit: audit) { sql, _ in
                let stored = try await replaceRow(person, base: base, expectedVersion: expectedVersion, occurrence: occurrence, on: sql)
                if erasingHistory { try await RecordHistory.erase(person.id.uuid, on: sql) }
                return stored
            }
        }
    }

    /// The update's own steps, inside the caller's transaction (`FamilyActs` writes a family
    /// and its parents together).
    func replaceRow(_ person: Person, base: Int, expectedVersion: Int?, occurrence: OccurrenceChoice, on sql: any SQLDatabase) async throws
        -> Stored<Person>
    {
        var person = person
        let current = try await writes.current(
            person.id.uuid, base: base, expected: expectedVersion, reading: ["first_name_key", "surname_key"], on: sql)
        let renamed =
            try current.row.decode(column: "first_name_key", as: String.self) != NameNormalizer.key(person.firstName)
            || current.row.decode(column: "surname_key", as: String.self) != NameNormalizer.key(person.surname)
        try await settleOccurrence(of: &person, renamed: renamed, choice: occurrence, base: base, on: sql)
        let row = try PersonRow(person, base: base, filePosition: 0, encoder: DocumentEncoder())
        try await writes.replace(
            person.id.uuid, current: current.version, setting: row.assignments(PersonRow.updatedColumns, engine: database.engine), on: sql)
        try await PersonIndexWriter(sql: sql, engine: database.engine).replaceWords(of: row)
        WriteRecord.current?.edit(.person(id: person.id.uuid, sex: person.sex))
        return try await writes.stored(person.id.uuid, on: sql)
    }

    /// Gives the person a free occurrence number when asked to (and their name is new to them),
    /// or checks that the one they carry is free. Takes the name's lock first: whoever assigns
    /// or claims a number for this name after us sees our row.
    private func settleOccurrence(of person: inout Person, renamed: Bool, choice: OccurrenceChoice, base: Int, on sql: any SQLDatabase) async throws {
        let firstKey = NameNormalizer.key(person.firstName)
        let surnameKey = NameNormalizer.key(person.surname)
        try await sqlHelpers.lock("person-name|\(base)|\(firstKey)|\(surnameKey)", on: sql)
        if choice == .smallestFree, renamed {
            let taken = try await sql.raw(
                """
                SELECT occurrence FROM persons WHERE base_id = \(bind: base) AND id <> \(bind: person.id.uuid)
                AND first_name_key = \(bind: firstKey) AND surname_key = \(bind: surnameKey)
                """
            ).all().map { try $0.decode(column: "occurrence", as: Int.self) }
            person.occurrence = Occurrence.next(taken: taken)
        } else if try await keyTaken(by: person, base: base, on: sql) {
            throw WriteConflict.duplicateKey(person.key)
        }
    }

    /// Runs a write again when the database refused its key while the number was ours to choose:
    /// a writer that does not take the name's lock (an import) got in first. Bounded: after a few
    /// tries the `UniqueViolation` goes up (409).
    func retryingNamesakes<T: Sendable>(_ choice: OccurrenceChoice, _ write: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await write()
            } catch {
                guard choice == .smallestFree, attempt < 5, UniqueViolation(engineError: error)?.table == "persons" else { throw error }
                attempt += 1
            }
        }
    }

    /// Deletes a person. While they are a parent or child in a family, refuses with
    /// `stillLinked` unless `unlink` is true, which first removes them from those families
    /// (later children move up, so child order stays gap-free).
    public func delete(_ id: UUID, base: Int, expectedVersion: Int?, unlink: Bool, audit: AuditEntry) async throws {
        try await writes.run(base: base, audit: audit) { sql, _ in
            _ = try await writes.current(id, base: base, expected: expectedVersion, on: sql)
            let families = try await sql.raw("SELECT DISTINCT family_id FROM family_members WHERE person_id = \(bind: id)")
                .all().map { try $0.decode(column: "family_id", as: UUID.self) }
            if !families.isEmpty {
                guard unlink else { throw WriteConflict.stillLinked(families: families) }
                let repository = FamilyRepository(database: database)
                for familyID in families {
                    try await repository.removeMember(id, from: familyID, on: sql)
                }
            }
            try await sql.raw("DELETE FROM person_words WHERE person_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM person_places WHERE person_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM persons WHERE id = \(bind: id)").run()
            WriteRecord.current?.edit(.personRemoved(id))
            try await RecordHistory.erase(id, on: sql)
            try await MediaLinkRows.forget(.person, record: id, on: sql)
        }
    }

    private func keyTaken(by person: Person, base: Int, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            """
            SELECT 1 AS one FROM persons WHERE base_id = \(bind: base) AND id <> \(bind: person.id.uuid)
            AND first_name_key = \(bind: NameNormalizer.key(person.firstName)) AND surname_key = \(bind: NameNormalizer.key(person.surname))
            AND occurrence = \(bind: person.occurrence)
            """
        ).first() != nil
    }

    /// What the families of these persons say about their age (children's births, marriages).
    public func livingEvidence(for ids: [UUID]) async throws -> [UUID: LivingEvidence] {
        guard !ids.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            var list: SQLQueryString = ""
            for (index, id) in ids.enumerated() { list += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            let rows = try await sql.raw(
                """
                SELECT p.person_id AS person_id, MIN(c.birth_sort) AS child_birth, MIN(f.marriage_sort) AS marriage
                FROM family_members p
                JOIN families f ON f.id = p.family_id
                LEFT JOIN family_members ch ON ch.family_id = p.family_id AND ch.role = 'child'
                LEFT JOIN persons c ON c.id = ch.person_id
                WHERE p.role = 'parent' AND p.person_id IN (
                """ + list + ") GROUP BY p.person_id"
            ).all()
            var evidence: [UUID: LivingEvidence] = [:]
            for row in rows {
                evidence[try row.decode(column: "person_id", as: UUID.self)] = LivingEvidence(
                    earliestChildBirth: try row.decode(column: "child_birth", as: Int?.self),
                    earliestMarriage: try row.decode(column: "marriage", as: Int?.self)
                )
            }
            return evidence
        }
    }
}
