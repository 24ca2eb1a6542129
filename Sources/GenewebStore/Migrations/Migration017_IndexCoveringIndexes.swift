extension Migration {
    /// The surname and first-name indexes, the anniversaries and the statistics read an index,
    /// not the table.
    ///
    /// Each counts or lists persons under the living rule, which reads `access`, `deceased` and
    /// `birth_latest`. Without them in the index every person is one lookup into `persons`,
    /// whose rows carry their JSON documents: at a million persons the anonymous surname index
    /// took 6–12 s, almost all of it those lookups (Benchmarks/README.md).
    /// - The list order's index, the two day indexes and the graph's two are replaced by wider
    ///   ones, not doubled: an import writes one index more than before (the first names').
    /// - The statistics read every person's and family's dates through the graph's indexes
    ///   (`StatisticsRows`).
    /// - The indexes of names and days carry `id`: the rule's test of an undated person's
    ///   children and marriages names it, and an index without it sends SQLite to the table for
    ///   every row, tested or not.
    /// - On PostgreSQL the display names (`surname`, `first_name`) stay out: a B-tree entry
    ///   holds at most 2,704 bytes there, and a name of some 500 CJK characters beside its key
    ///   would make its person impossible to write (SQLite keeps long entries in overflow pages).
    ///   The index then finds the group's rows and PostgreSQL reads the names from the table.
    static let indexCoveringIndexes = Migration(version: 17, name: "index_covering_indexes") { engine in
        let (surname, firstName) = engine == .sqlite ? (", surname", ", first_name") : ("", "")
        return [
            "DROP INDEX persons_by_list_order",
            """
            CREATE INDEX persons_by_list_order ON persons (base_id, surname_key, first_name_key, occurrence, id,
                access, deceased, birth_latest\(surname))
            """,
            "CREATE INDEX persons_by_first_name ON persons (base_id, first_name_key, access, deceased, birth_latest\(firstName), id)",
            "DROP INDEX persons_by_birth_day",
            "CREATE INDEX persons_by_birth_day ON persons (base_id, birth_md, birth_sort, id, birth_year, access, deceased, birth_latest)",
            "DROP INDEX persons_for_graph",
            """
            CREATE INDEX persons_for_graph ON persons (base_id, id, sex, access, deceased, birth_latest, birth_sort, death_sort,
                birth_year, death_year, birth_md, death_md)
            """,
            "DROP INDEX families_for_graph",
            "CREATE INDEX families_for_graph ON families (base_id, id, file_position, created_at, marriage_sort)",
            "DROP INDEX persons_by_death_day",
            "CREATE INDEX persons_by_death_day ON persons (base_id, death_md, death_sort, id, death_year, access, deceased, birth_latest)",
        ]
    }
}
