extension Migration {
    /// Search keys and sort dates on persons, the other record types (sources, repositories,
    /// notes, media) and, per base, the file-level records an export gives back (the original
    /// header, submitters, custom level-0 records).
    static let records = Migration(version: 3, name: "records") { engine in
        let types = ColumnTypes(engine)
        let (id, baseID, json, timestamp) = (types.id, types.baseID, types.json, types.timestamp)
        func recordTable(_ name: String, label: String) -> String {
            """
            CREATE TABLE \(name) (
                id \(id) PRIMARY KEY,
                base_id \(baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                \(label) TEXT NOT NULL DEFAULT '',
                gedcom_xref TEXT,
                file_position INTEGER NOT NULL DEFAULT 0,
                document \(json),
                created_at \(timestamp),
                updated_at \(timestamp)
            )
            """
        }
        return [
            "ALTER TABLE persons ADD COLUMN first_name_phonetic TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE persons ADD COLUMN surname_phonetic TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE persons ADD COLUMN birth_sort INTEGER",
            "ALTER TABLE persons ADD COLUMN death_sort INTEGER",
            "ALTER TABLE persons ADD COLUMN gedcom_xref TEXT",
            "ALTER TABLE families ADD COLUMN gedcom_xref TEXT",
            // Order of the records in the file they came from, so exports follow it.
            "ALTER TABLE persons ADD COLUMN file_position INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE families ADD COLUMN file_position INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX persons_by_phonetic ON persons (base_id, surname_phonetic, first_name_phonetic)",
            recordTable("sources", label: "title"),
            recordTable("repositories", label: "name"),
            recordTable("notes", label: "title"),
            recordTable("media", label: "file"),
            "CREATE INDEX sources_by_base ON sources (base_id)",
            "CREATE INDEX repositories_by_base ON repositories (base_id)",
            "CREATE INDEX notes_by_base ON notes (base_id)",
            "CREATE INDEX media_by_base ON media (base_id)",
            """
            CREATE TABLE base_records (
                base_id \(baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('header', 'record')),
                document \(json),
                PRIMARY KEY (base_id, position)
            )
            """,
        ]
    }
}
