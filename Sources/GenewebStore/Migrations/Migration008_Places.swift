extension Migration {
    /// Place records (name, parent place, coordinates), like sources and notes. Events keep their
    /// place as text, as GeneWeb does; a record adds what text cannot hold.
    static let places = Migration(version: 8, name: "places") { engine in
        let types = ColumnTypes(engine)
        return [
            """
            CREATE TABLE places (
                id \(types.id) PRIMARY KEY,
                base_id \(types.baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                name TEXT NOT NULL DEFAULT '',
                gedcom_xref TEXT,
                file_position INTEGER NOT NULL DEFAULT 0,
                document \(types.json),
                created_at \(types.timestamp),
                updated_at \(types.timestamp)
            )
            """,
            "CREATE INDEX places_by_base ON places (base_id, name)",
        ]
    }
}
