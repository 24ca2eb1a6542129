/// `/genealogy/descendants/{id}`: the descendants as far as `max_generations`, each with their
/// d'Aboville label (`1.2.1`: the first child of the second child of the root).
struct DescendantsPayload: Encodable {
    struct Descendant: Encodable {
        let generation: Int
        let label: String
        let person: VisiblePerson
    }

    let personID: String
    let maxGenerations: Int
    let total: Int
    let descendants: [Descendant]
}
