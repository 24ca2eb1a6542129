extension Migration {
    /// The relational skeleton of a tree: persons, families and the ordered parent/child links
    /// between them. Searched and joined values are columns; the rest of a record lives in the
    /// `document` JSON column (see ARCHITECTURE.md, storage model). Every row carries `base_id`.
    static let genealogySkeleton = Migration(version: 2, name: "genealogy_skeleton") { engine in
        let types = ColumnTypes(engine)
        let (id, baseID, json, timestamp) = (types.id, types.baseID, types.json, types.timestamp)
        return [
            """
            CREATE TABLE persons (
                id \(id) PRIMARY KEY,
                base_id \(baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                first_name TEXT NOT NULL,
                surname TEXT NOT NULL,
                occurrence INTEGER NOT NULL DEFAULT 0,
                first_name_key TEXT NOT NULL,
                surname_key TEXT NOT NULL,
                sex TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('male', 'female', 'unknown')),
                document \(json),
                created_at \(timestamp),
                updated_at \(timestamp),
                UNIQUE (base_id, first_name_key, surname_key, occurrence)
            )
            """,
            "CREATE INDEX persons_by_name ON persons (base_id, surname_key, first_name_key, id)",
            """
            CREATE TABLE families (
                id \(id) PRIMARY KEY,
                base_id \(baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                relation TEXT NOT NULL DEFAULT 'married',
                document \(json),
                created_at \(timestamp),
                updated_at \(timestamp)
            )
            """,
            "CREATE INDEX families_by_base ON families (base_id)",
            """
            CREATE TABLE family_members (
                family_id \(id) NOT NULL REFERENCES families(id) ON DELETE CASCADE,
                person_id \(id) NOT NULL REFERENCES persons(id),
                role TEXT NOT NULL CHECK (role IN ('parent', 'child')),
                position INTEGER NOT NULL,
                PRIMARY KEY (family_id, role, position)
            )
            """,
            "CREATE INDEX family_members_by_person ON family_members (person_id)",
        ]
    }
}
