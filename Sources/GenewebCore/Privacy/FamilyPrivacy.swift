/// What a couple's record may show, GeneWeb's rule: a family's events (marriage, divorce,
/// separation and every other, with their witnesses), its notes, comment and sources are as
/// private as its most private parent. When a caller may not see one of the parents, the family
/// keeps its shape (its id, relation, parents and children, so that the links between
/// generations hold) and loses everything else.
///
/// The JSON routes and the exports both go through this rule, so that no path shows a living
/// couple's wedding that another hides.
public enum FamilyPrivacy {
    /// Whether the family's details may be shown, given whether the caller may see each parent.
    /// A family without parents has nobody to protect.
    public static func showsDetails(of family: Family, hidden isHidden: (PersonID) -> Bool) -> Bool {
        !family.parents.contains(where: isHidden)
    }

    /// The family as shown when a parent is hidden: identity, relation, parents and children in
    /// order, and the GEDCOM cross-reference (so an export's links still resolve); no event,
    /// date, place, note, source, citation, comment, media or extension.
    public static func structure(of family: Family) -> Family {
        var shape = Family(id: family.id, parents: family.parents, children: family.children, relation: family.relation)
        shape.gedcomXref = family.gedcomXref
        return shape
    }

    /// The family as the caller may see it: whole, or its structure when a parent is hidden.
    public static func visible(_ family: Family, hidden isHidden: (PersonID) -> Bool) -> Family {
        showsDetails(of: family, hidden: isHidden) ? family : structure(of: family)
    }
}
