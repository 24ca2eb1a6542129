import GenewebCore
import SQLKit

/// Which persons a query may return, as a SQL condition on `persons p`: the living rule of
/// `LivingRule` (and API.md) evaluated by the database on the indexed columns of migration 10,
/// so that totals, pages and counts never include someone the caller may not see.
public enum Visibility: Sendable {
    /// Everyone (editors and admins asking for living persons too).
    case everyone
    /// Persons who are not living, whatever their access (editors and admins, the default of search).
    case notLiving(LivingRule)
    /// What anonymous callers and viewers may see: persons marked public, and persons neither
    /// private nor living.
    case publicView(LivingRule)
    /// Everyone not marked private: for name lookups on a base whose policy makes living
    /// persons' names public (the caller then sees those persons' names only).
    case namesPublic

    var condition: SQLQueryString { condition(on: "p") }

    /// The condition on the persons row named `alias` in the query.
    func condition(on alias: String) -> SQLQueryString {
        switch self {
        case .everyone: "1 = 1"
        case .namesPublic: "\(unsafeRaw: alias).access <> 'private'"
        case .notLiving(let rule): Self.notLiving(rule, alias)
        case .publicView(let rule):
            "(\(unsafeRaw: alias).access = 'public' OR (\(unsafeRaw: alias).access <> 'private' AND " + Self.notLiving(rule, alias) + "))"
        }
    }

    /// Dead, born more than a lifespan ago, or undated with a child born more than a lifespan
    /// ago or a marriage older than `LivingRule.marriageYears`: `LivingRule.isLiving` negated.
    ///
    /// True or false, never NULL: `birth_latest <= cutoff` alone is NULL for an undated person,
    /// which a WHERE drops like false but `NOT (...)` keeps NULL too. The families' "no parent
    /// hidden" tests (`NOT EXISTS (... AND NOT visible)`) then let an undated living parent
    /// through: the anniversaries listed such a couple's recent marriage, and the statistics
    /// counted it.
    static func notLiving(_ rule: LivingRule, _ alias: String = "p") -> SQLQueryString {
        let p = alias
        return """
            (\(unsafeRaw: p).deceased = 1 OR (\(unsafeRaw: p).birth_latest IS NOT NULL AND \(unsafeRaw: p).birth_latest <= \(bind: rule.lifespanCutoff)) OR (\(unsafeRaw: p).birth_latest IS NULL AND EXISTS (
                SELECT 1 FROM family_members lv_pm JOIN families lv_f ON lv_f.id = lv_pm.family_id
                WHERE lv_pm.person_id = \(unsafeRaw: p).id AND lv_pm.role = 'parent' AND (lv_f.marriage_sort < \(bind: rule.marriageCutoff) OR EXISTS (
                    SELECT 1 FROM family_members lv_cm JOIN persons lv_c ON lv_c.id = lv_cm.person_id
                    WHERE lv_cm.family_id = lv_f.id AND lv_cm.role = 'child' AND lv_c.birth_sort < \(bind: rule.lifespanCutoff))))))
            """
    }
}
