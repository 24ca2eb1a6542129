extension Migration {
    /// Two indexes of `persons` that no query needs any more, and that every import and person
    /// write paid for: `persons_by_key` has the columns of the table's own UNIQUE constraint, in the
    /// same order (its index answers the same lookups), and `persons_by_phonetic` served the name
    /// search before `person_words` (migration 10) took over sounds-like matching.
    static let leanerPersonIndexes = Migration(version: 11, name: "leaner_person_indexes") { _ in
        [
            "DROP INDEX persons_by_key",
            "DROP INDEX persons_by_phonetic",
        ]
    }
}
