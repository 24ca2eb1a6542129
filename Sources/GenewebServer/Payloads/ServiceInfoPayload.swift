/// `GET /`: what this service is and where to go next (the Python API's root route).
struct ServiceInfoPayload: Encodable {
    let name: String
    let version: String
    let environment: String
    let health: String
    let api: String
}
