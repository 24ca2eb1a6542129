extension Migration {
    /// Optimistic concurrency and privacy evidence.
    ///
    /// `version` grows by one on each write of a person or family: the API's `ETag`, and the
    /// `WHERE version = ?` of an update that must not overwrite a change it has not seen.
    /// `marriage_sort` (Julian day) lets the living rule see "married more than 80 years ago"
    /// without decoding family documents.
    static let versions = Migration(version: 5, name: "versions") { _ in
        [
            "ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE families ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE families ADD COLUMN marriage_sort INTEGER",
            "CREATE INDEX persons_by_key ON persons (base_id, first_name_key, surname_key, occurrence)",
            "CREATE INDEX persons_by_birth ON persons (base_id, birth_sort)",
        ]
    }
}
