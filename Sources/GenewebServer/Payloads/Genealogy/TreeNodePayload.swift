/// `/genealogy/tree/{id}`: a person with their parents (towards the ancestors) and their children
/// (towards the descendants), nested; a direction not asked for is left out.
final class TreeNodePayload: Encodable {
    let person: VisiblePerson
    let parents: [TreeNodePayload]?
    let children: [TreeNodePayload]?

    init(person: VisiblePerson, parents: [TreeNodePayload]?, children: [TreeNodePayload]?) {
        self.person = person
        self.parents = parents
        self.children = children
    }
}
