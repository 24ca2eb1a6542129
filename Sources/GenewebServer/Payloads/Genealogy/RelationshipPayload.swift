/// `/genealogy/relationship/{id}/{other}`: how two persons are related, named in English and
/// French, with each line through common ancestors (`links`) or the spouse it goes through.
struct RelationshipPayload: Encodable {
    struct Link: Encodable {
        let generationsFromFirst: Int
        let generationsFromSecond: Int
        let english: String
        let french: String
        let commonAncestors: [VisiblePerson]
    }

    let personID: String
    let otherID: String
    let kind: String
    let english: String
    let french: String
    let links: [Link]
    let through: VisiblePerson?
}
