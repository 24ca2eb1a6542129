import Foundation
import SQLKit

/// One GDPR consent record of a person.
public struct ConsentRecord: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending, granted, withdrawn
        case notRequired = "not_required"
    }

    public var status: Status
    public var purposes: [String]
    public var notes: String?
    /// When the person gave or withdrew consent, as the caller said (ISO-8601 text).
    public var consentDate: String?
    public var recordedBy: String
    /// Unix seconds.
    public var recordedAt: Int64

    public init(status: Status, purposes: [String], notes: String?, consentDate: String?, recordedBy: String, recordedAt: Int64) {
        self.status = status
        self.purposes = purposes
        self.notes = notes
        self.consentDate = consentDate
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// The `consents` table: an append-only history per person.
public struct ConsentRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Appends records and their audit line in one transaction.
    public func append(_ records: [ConsentRecord], person: UUID, base: Int, audit: AuditEntry) async throws {
        try await database.withTransaction { sql in
            for record in records {
                try await sql.raw(
                    """
                    INSERT INTO consents (base_id, person_id, status, purposes, notes, consent_date, recorded_by, recorded_at)
                    VALUES (\(bind: base), \(bind: person), \(bind: record.status.rawValue),
                            \(bind: try FieldCipher.seal(record.purposes.joined(separator: "\n"), with: database.cipher)),
                            \(bind: try record.notes.map { try FieldCipher.seal($0, with: database.cipher) }), \(bind: record.consentDate),
                            \(bind: record.recordedBy), \(bind: record.recordedAt))
                    """
                ).run()
            }
            try await AuditRepository(database: database).record(audit, on: sql)
        }
    }

    /// The person's records, oldest first.
    public func history(of person: UUID, base: Int) async throws -> [ConsentRecord] {
        try await database.withConnection { sql in
            try await sql.raw(
                """
                SELECT status, purposes, notes, consent_date, recorded_by, recorded_at FROM consents
                WHERE base_id = \(bind: base) AND person_id = \(bind: person) ORDER BY id
                """
            ).all().map { row in
                ConsentRecord(
                    status: ConsentRecord.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
                    purposes: try FieldCipher.open(try row.decode(column: "purposes", as: String.self), with: database.cipher)
                        .split(separator: "\n").map(String.init),
                    notes: try row.decode(column: "notes", as: String?.self).map { try FieldCipher.open($0, with: database.cipher) },
                    consentDate: try row.decode(column: "consent_date", as: String?.self),
                    recordedBy: try row.decode(column: "recorded_by", as: String.self),
                    recordedAt: try row.decode(column: "recorded_at", as: Int64.self)
                )
            }
        }
    }
}

extension ConsentRepository {
    /// Re-seals every consent's purposes and notes with the current key; returns how many rows changed.
    public func reseal() async throws -> Int {
        guard let cipher = database.cipher else { return 0 }
        return try await database.withTransaction { sql in
            var changed = 0
            for row in try await sql.raw("SELECT id, purposes, notes FROM consents").all() {
                let purposes = try row.decode(column: "purposes", as: String.self)
                let notes = try row.decode(column: "notes", as: String?.self)
                guard cipher.needsResealing(purposes) || notes.map(cipher.needsResealing) == true else { continue }
                try await sql.raw(
                    """
                    UPDATE consents SET purposes = \(bind: try cipher.seal(try cipher.open(purposes))),
                        notes = \(bind: try notes.map { try cipher.seal(try cipher.open($0)) })
                    WHERE id = \(bind: try row.decode(column: "id", as: Int.self))
                    """
                ).run()
                changed += 1
            }
            return changed
        }
    }
}
