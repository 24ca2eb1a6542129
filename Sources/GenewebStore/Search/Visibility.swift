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

    var condition: SQLQueryString {
        switch self {
        case .everyone: "1 = 1"
        case .notLiving(let rule): Self.notLiving(rule)
        case .publicView(let rule): "(p.access = 'public' OR (p.access <> 'private' AND " + Self.notLiving(rule) + "))"
        }
    }

    /// Dead, born more than a lifespan ago, or undated with a child born more than a lifespan
    /// ago or a marriage older than `LivingRule.marriageYears`: `LivingRule.isLiving` negated.
    static func notLiving(_ rule: LivingRule) -> SQLQueryString {
        """
        (p.deceased = 1 OR p.birth_latest <= \(bind: rule.lifespanCutoff) OR (p.birth_latest IS NULL AND EXISTS (
            SELECT 1 FROM family_members pm JOIN families f ON f.id = pm.family_id
            WHERE pm.person_id = p.id AND pm.role = 'parent' AND (f.marriage_sort < \(bind: rule.marriageCutoff) OR EXISTS (
                SELECT 1 FROM family_members cm JOIN persons c ON c.id = cm.person_id
                WHERE cm.family_id = f.id AND cm.role = 'child' AND c.birth_sort < \(bind: rule.lifespanCutoff))))))
        """
    }
}
