extension Migration {
    /// The person list's order (surname, first name, occurrence, id) straight from an index, so
    /// a page deep in a large base is read, not sorted: 100,000 persons took 1.3 s a page on
    /// SQLite and over 2 s on PostgreSQL without it (Benchmarks/README.md).
    static let listIndex = Migration(version: 9, name: "list_index") { _ in
        [
            "CREATE INDEX persons_by_list_order ON persons (base_id, surname_key, first_name_key, occurrence, id)",
            "DROP INDEX persons_by_name",
        ]
    }
}
