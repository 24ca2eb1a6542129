/// `/genealogy/sosa/{n}`: the ancestor carrying Sosa number n from the root (1 is the root, 2n
/// the father and 2n + 1 the mother of n), in generation ⌊log2 n⌋.
struct SosaPayload: Encodable {
    let sosaNumber: UInt64
    let generation: Int
    let rootPersonID: String
    let person: VisiblePerson
}
