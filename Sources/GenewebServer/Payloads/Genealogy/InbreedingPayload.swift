/// `/genealogy/consanguinity/{id}`: one person's inbreeding coefficient (the probability that
/// the two copies of a gene come from the same ancestor), also as a percentage.
struct InbreedingPayload: Encodable {
    let personID: String
    let coefficient: Double
    let percent: Double
}
