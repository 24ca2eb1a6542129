extension Migration {
    /// The surname and first-name indexes and the anniversaries read an index, not the table.
    ///
    /// Each counts or lists persons under the living rule, which reads `access`, `deceased` and
    /// `birth_latest`. Without them in the index every person is one lookup into `persons`,
    /// whose rows carry their JSON documents: at a million persons the anonymous surname index
    /// took 6–12 s, almost all of it those lookups (Benchmarks/README.md). The list order's
    /// index and the two day indexes are replaced by wider ones, not doubled, so an import writes
    /// one index more than before (the first names'), not four.
    static let indexCoveringIndexes = Migration(version: 17, name: "index_covering_indexes") { _ in
        [
            "DROP INDEX persons_by_list_order",
            """
            CREATE INDEX persons_by_list_order ON persons (base_id, surname_key, first_name_key, occurrence, id,
                access, deceased, birth_latest, surname)
            """,
            "CREATE INDEX persons_by_first_name ON persons (base_id, first_name_key, access, deceased, birth_latest, first_name)",
            "DROP INDEX persons_by_birth_day",
            "CREATE INDEX persons_by_birth_day ON persons (base_id, birth_md, birth_sort, id, birth_year, access, deceased, birth_latest)",
            "DROP INDEX persons_by_death_day",
            "CREATE INDEX persons_by_death_day ON persons (base_id, death_md, death_sort, id, death_year, access, deceased, birth_latest)",
        ]
    }
}
