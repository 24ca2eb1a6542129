import Foundation
import SQLKit

extension Migration {
    /// Earlier versions of persons and families, so that an editor can see and restore what a
    /// record was before a change. Each update keeps the row it replaces (document as stored,
    /// sealed fields included); deleting or anonymizing the record erases them.
    ///
    /// No foreign key on `record_id`: the table holds persons and families. The base's key
    /// cascades, and the repositories erase a record's versions with the record.
    static let recordVersions = Migration(version: 14, name: "record_versions") { engine in
        let types = ColumnTypes(engine)
        return [
            """
            CREATE TABLE record_versions (
                base_id \(types.baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                record_kind TEXT NOT NULL CHECK (record_kind IN ('persons', 'families')),
                record_id \(types.id) NOT NULL,
                version INTEGER NOT NULL,
                document \(types.json),
                written_at \(types.timestamp),
                replaced_at \(types.timestamp),
                PRIMARY KEY (record_id, version)
            )
            """,
            "CREATE INDEX record_versions_by_base ON record_versions (base_id)",
        ]
    }
}
