/// `/genealogy/ancestors/{id}`: the ancestors as far as `max_generations`, each with every Sosa
/// number they carry (an ancestor reached by several lines, implex, has several).
struct AncestorsPayload: Encodable {
    struct Ancestor: Encodable {
        let generation: Int
        let sosaNumbers: [UInt64]
        let person: VisiblePerson
    }

    let personID: String
    let maxGenerations: Int
    /// Whether the walk stopped at `max_generations` while older ancestors are known.
    let truncated: Bool
    let total: Int
    let ancestors: [Ancestor]
}
