/// `/genealogy/implex/{id}`: per generation, the places in the pedigree (2^g), the ancestors
/// known there, how many distinct persons they are, and the implex ratio (1 − distinct/known:
/// the share of known places held by an ancestor already counted).
struct ImplexPayload: Encodable {
    struct Generation: Encodable {
        let generation: Int
        let places: UInt64
        let known: Int
        let distinct: Int
        let implexRatio: Double
    }

    let personID: String
    let generations: [Generation]
}
