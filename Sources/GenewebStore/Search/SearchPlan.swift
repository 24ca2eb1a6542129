import Foundation
import GenewebCore
import SQLKit

/// The queries of one search, so that neither the total nor the page scores every match.
///
/// One searched word, the *driver* (the one with the fewest matches), supplies the candidates;
/// every other word is checked on each candidate's own few words through the primary key.
/// - The total counts the candidates that every word matches and the filters and privacy rule
///   let through: exact, and with no score computed and nothing sorted.
/// - The page is first ranked among the driver's exact matches in a name only. That page is
///   final when its last row scores more than any person left out could (the driver's next band
///   at best, every other word exact), since everyone scoring that much is then a candidate. A
///   common word thus ranks its exact matches and stops. Otherwise (a word matched only by prefix
///   or sound, a page deep in the results) every match is scored in one pass over the index rows
///   (`fullRankingQuery`), which also gives the total.
///   Ranking, scores and tie order are those of scoring every match (`SearchRankingTests`).
struct SearchPlan {
    let terms: [PersonSearch.Term]
    /// The index in `terms` of the word that supplies the candidates.
    let driver: Int
    let base: Int
    /// Base, privacy rule and filters, as a condition on `persons p`.
    let personCondition: SQLQueryString

    init(_ search: PersonSearch, terms: [PersonSearch.Term], driver: Int, base: Int, visibility: Visibility) {
        self.terms = terms
        self.driver = driver
        self.base = base
        var condition: SQLQueryString = "p.base_id = \(bind: base) AND " + visibility.condition
        if let sex = search.sex { condition += " AND p.sex = \(bind: sex.rawValue)" }
        if let year = search.birthYearFrom {
            condition += " AND p.birth_sort >= \(bind: DateCalendar.gregorian.julianDay(year: year, month: 1, day: 1))"
        }
        if let year = search.birthYearTo {
            condition += " AND p.birth_sort <= \(bind: DateCalendar.gregorian.julianDay(year: year, month: 12, day: 31))"
        }
        personCondition = condition
    }

    /// Counting a word's matches stops here (about 3 ms of index on SQLite at a million
    /// persons): two words more common than that are both slow drivers, and the first is taken.
    static let driverCountCap = 50_000

    /// One query measuring every term (capped), when there is a choice of driver.
    static func driverQuery(_ terms: [PersonSearch.Term], base: Int) -> SQLQueryString? {
        guard terms.count > 1 else { return nil }
        var select: SQLQueryString = "SELECT "
        for (index, term) in terms.enumerated() {
            if index > 0 { select += ", " }
            select += term.cappedMatchCount(base: base, cap: driverCountCap) + " AS c\(unsafeRaw: String(index))"
        }
        return select
    }

    /// The candidates of the driver (bands down to `band`) joined to their persons row.
    private func candidates(upTo band: PersonSearch.Term.Band) -> SQLQueryString {
        "(" + terms[driver].persons(base: base, upTo: band) + ") m CROSS JOIN persons p WHERE p.id = m.person_id AND " + personCondition
    }

    /// The exact number of persons found.
    var countQuery: SQLQueryString {
        if terms.isEmpty { return "SELECT count(*) AS n FROM persons p WHERE " + personCondition }
        // The CROSS JOIN keeps the candidates driving on SQLite, whose planner would otherwise
        // walk the whole base and look each person up among them.
        var query: SQLQueryString = "SELECT count(*) AS n FROM " + candidates(upTo: .sound)
        for (index, term) in terms.enumerated() where index != driver { query += " AND " + term.matches }
        return query
    }

    /// The bands of the driver the page widens through, best first.
    var steps: [PersonSearch.Term.Band] { terms.isEmpty ? [.sound] : terms[driver].bands }

    /// Rows `offset..<offset+limit` of the ranking of the candidates up to `band`: `id`, `score`.
    func pageQuery(upTo band: PersonSearch.Term.Band, offset: Int, limit: Int) -> SQLQueryString {
        let order: SQLQueryString = " ORDER BY score DESC, sk, fk, oc, id LIMIT \(bind: limit) OFFSET \(bind: offset)"
        if terms.isEmpty {
            return
                "SELECT p.id AS id, 0 AS score, p.surname_key AS sk, p.first_name_key AS fk, p.occurrence AS oc FROM persons p WHERE "
                + personCondition + order
        }
        var score: SQLQueryString = ""
        for (index, term) in terms.enumerated() {
            // The driver's exact word in a name scores 100: no need to read the person's words.
            let termScore = index == driver && band == .exactName ? "100" : term.bestScore
            score += (index == 0 ? "" : " + ") + termScore
        }
        // Materialised so that each score is computed once per candidate: a score is NULL when
        // a word matched none of the person's, and the outer WHERE drops those.
        return "WITH c AS MATERIALIZED (SELECT p.id AS id, p.surname_key AS sk, p.first_name_key AS fk, p.occurrence AS oc, "
            + score + " AS score FROM " + candidates(upTo: band) + ") SELECT id, score FROM c WHERE score IS NOT NULL" + order
    }

    /// Rows `offset..<offset+limit` of the ranking of every match, with the total (`id`,
    /// `score`, `total`): each word's matches scored from the index rows and summed per person.
    /// For a search whose best band does not fill the page (a word matched only by prefix or
    /// sound): then every match has to be scored anyway, and one pass over the index rows costs
    /// less than reading each candidate's words again, band after band.
    func fullRankingQuery(offset: Int, limit: Int) -> SQLQueryString {
        var union: SQLQueryString = ""
        for (index, term) in terms.enumerated() { union += (index == 0 ? "" : " UNION ALL ") + term.scoredMatches(base: base) }
        return "SELECT p.id AS id, m.score AS score, count(*) OVER () AS total FROM (SELECT person_id, SUM(score) AS score FROM (" + union
            + ") u GROUP BY person_id HAVING COUNT(*) = \(bind: terms.count)) m CROSS JOIN persons p WHERE p.id = m.person_id AND "
            + personCondition
            + " ORDER BY score DESC, p.surname_key, p.first_name_key, p.occurrence, p.id LIMIT \(bind: limit) OFFSET \(bind: offset)"
    }

    /// The highest score a person who is not a candidate up to `band` could have: the driver
    /// matched in a lower band at best (or not at all), every other word exact.
    func bestLeftOut(after band: PersonSearch.Term.Band) -> Int? {
        guard !terms.isEmpty, let next = steps.first(where: { $0 > band }) else { return nil }
        return next.best + 100 * (terms.count - 1)
    }

    /// True when a step's page is the final page: the page is full and its last row scores more
    /// than anyone left out, or nobody is left out.
    func isFinal(page scores: [Int], limit: Int, after band: PersonSearch.Term.Band) -> Bool {
        guard let bound = bestLeftOut(after: band) else { return true }
        guard scores.count == limit, let last = scores.last else { return false }
        return last > bound
    }
}
