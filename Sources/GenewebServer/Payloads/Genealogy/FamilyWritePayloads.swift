// The Python API's envelopes around families (`FamiliesController`).

/// Our list shape plus the Python API's `families` key.
struct FamilyListPayload: Encodable {
    let items: [FamilyPayload]
    let families: [FamilyPayload]
    let total: Int
    let offset: Int
    let limit: Int
}

/// The stored family, plus the Python API's `success`/`message`/`family` envelope fields.
struct FamilyWritePayload: Encodable {
    let family: FamilyPayload
    let success = true
    let message: String

    func encode(to encoder: any Encoder) throws {
        try family.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(success, forKey: .success)
        try container.encode(message, forKey: .message)
        try container.encode(family, forKey: .family)
    }

    enum Keys: String, CodingKey { case success, message, family }
}

/// DELETE answers 200 with the Python API's `{success, message, family_id}` (its clients expect a body).
struct FamilyDeletedPayload: Encodable {
    let success = true
    let message = "Family deleted"
    let familyID: String
}
