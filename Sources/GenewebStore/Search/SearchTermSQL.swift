import SQLKit

/// The SQL pieces of one searched word against `person_words`: where its matches are in the
/// covering indexes of migration 15, and how one person's words score against it.
///
/// Scores, per word of the search: exact 100, prefix 60, same sound 30, 10 less when the word
/// matched is in an alias or public name (field `a`). A person's score for the word is their
/// best matching word's; their search score is the sum over the words of the search.
extension PersonSearch.Term {
    /// How a word of a person can match, best first: each band is a set of index ranges, and
    /// the highest score of a person whose best match is in the band.
    enum Band: Int, CaseIterable, Comparable {
        /// The word itself, in a name (not an alias): 100.
        case exactName
        /// The word itself in an alias or public name only: 90.
        case exact
        /// A word it begins: 60 (50 in aliases).
        case prefix
        /// A word of the same sound: 30 (20 in aliases).
        case sound

        var best: Int {
            switch self {
            case .exactName: 100
            case .exact: 90
            case .prefix: 60
            case .sound: 30
            }
        }

        static func < (lhs: Band, rhs: Band) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// `[word, word~)` holds the word and every word it begins: `~` sorts above every letter
    /// and digit of a folded key.
    var upper: String { word + "~" }

    var fieldList: SQLQueryString { Self.list(fields) }

    /// The fields that are names, not aliases: an exact match there scores 100.
    var nameFields: [PersonIndexEntry.Field] { fields.filter { $0 != .otherName } }

    private static func list(_ fields: [PersonIndexEntry.Field]) -> SQLQueryString {
        "\(unsafeRaw: fields.map { "'\($0.rawValue)'" }.joined(separator: ", "))"
    }

    /// The distinct persons (`person_id`) of `base` having a word that matches this term in
    /// `band` or a better one. Each band is an index range of its own: an OR of ranges in one
    /// WHERE makes both databases scan every word of the base.
    func persons(base: Int, upTo band: Band) -> SQLQueryString {
        let spelled: SQLQueryString
        switch band {
        case .exactName: spelled = "word = \(bind: word) AND field IN (" + Self.list(nameFields) + ")"
        case .exact: spelled = "word = \(bind: word) AND field IN (" + fieldList + ")"
        case .prefix, .sound: spelled = "word >= \(bind: word) AND word < \(bind: upper) AND field IN (" + fieldList + ")"
        }
        var query: SQLQueryString = "SELECT person_id FROM person_words WHERE base_id = \(bind: base) AND " + spelled
        if band == .sound, let sound = phonetic {
            query +=
                " UNION SELECT person_id FROM person_words WHERE base_id = \(bind: base) AND phonetic = \(bind: sound) AND field IN ("
                + fieldList + ")"
        } else {
            query = "SELECT DISTINCT person_id FROM (" + query + ") s"
        }
        return query
    }

    /// The words of the person `p.id` that match this term, as a WHERE condition on `w`.
    /// The person's few words are read from the primary key (`person_id, field, word`).
    private var personWordsMatching: SQLQueryString {
        var match: SQLQueryString = "(w.word >= \(bind: word) AND w.word < \(bind: upper))"
        if let sound = phonetic { match = "(" + match + " OR w.phonetic = \(bind: sound))" }
        return "w.person_id = p.id AND w.field IN (" + fieldList + ") AND " + match
    }

    /// Every person of `base` matching this term with their score for it (`person_id`, `score`),
    /// from the index rows alone: what the full ranking groups when no early page will do.
    func scoredMatches(base: Int) -> SQLQueryString {
        var words: SQLQueryString =
            "SELECT person_id, field, word FROM person_words WHERE base_id = \(bind: base) AND word >= \(bind: word) AND word < \(bind: upper)"
            + " AND field IN (" + fieldList + ")"
        if let sound = phonetic {
            words +=
                " UNION ALL SELECT person_id, field, word FROM person_words WHERE base_id = \(bind: base) AND phonetic = \(bind: sound)"
                + " AND field IN (" + fieldList + ")"
        }
        return
            "SELECT person_id, MAX(CASE WHEN word = \(bind: word) THEN 100 WHEN word >= \(bind: word) AND word < \(bind: upper) THEN 60 ELSE 30 END"
            + " - CASE WHEN field = 'a' THEN 10 ELSE 0 END) AS score FROM (" + words + ") w GROUP BY person_id"
    }

    /// The person's score for this term, NULL when no word of theirs matches it.
    var bestScore: SQLQueryString {
        "(SELECT MAX(CASE WHEN w.word = \(bind: word) THEN 100 WHEN w.word >= \(bind: word) AND w.word < \(bind: upper) THEN 60 ELSE 30 END"
            + " - CASE WHEN w.field = 'a' THEN 10 ELSE 0 END) FROM person_words w WHERE " + personWordsMatching + ")"
    }

    /// True when a word of the person matches this term.
    var matches: SQLQueryString {
        "EXISTS (SELECT 1 FROM person_words w WHERE " + personWordsMatching + ")"
    }

    /// The bands a match of this term can have: no alias band when aliases are not searched,
    /// no sound band without a phonetic key.
    var bands: [Band] {
        Band.allCases.filter { band in
            switch band {
            case .exactName, .prefix: true
            case .exact: fields.contains(.otherName)
            case .sound: phonetic != nil
            }
        }
    }

    /// The number of words of `base` this term's spelling matches (itself and the words it
    /// begins), counting up to `cap`: the measure that picks the rarest term to drive a search.
    /// Sounds are left out: they mostly repeat the spelled matches, and would double the cost.
    func cappedMatchCount(base: Int, cap: Int) -> SQLQueryString {
        "(SELECT count(*) FROM (SELECT 1 FROM person_words WHERE base_id = \(bind: base) AND word >= \(bind: word) AND word < \(bind: upper)"
            + " AND field IN (" + fieldList + ") LIMIT \(bind: cap)) c)"
    }
}
