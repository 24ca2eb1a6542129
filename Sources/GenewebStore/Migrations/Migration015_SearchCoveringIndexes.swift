extension Migration {
    /// The word and sound indexes of `person_words` carry what a search reads of each match
    /// (the field, the word for a sound match, the person), so that matching a common word reads
    /// one index range instead of one table row per match. Search counts and ranks without
    /// scoring every match (`SearchPlan`), which leans on these ranges being cheap to walk.
    static let searchCoveringIndexes = Migration(version: 15, name: "search_covering_indexes") { _ in
        [
            "CREATE INDEX person_words_by_word_field ON person_words (base_id, word, field, person_id)",
            "CREATE INDEX person_words_by_sound_field ON person_words (base_id, phonetic, field, word, person_id)",
            "DROP INDEX person_words_by_word",
            "DROP INDEX person_words_by_sound",
        ]
    }
}
