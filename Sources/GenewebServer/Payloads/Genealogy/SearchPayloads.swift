import Foundation
import GenewebCore
import GenewebStore

/// A search result: the Python API's `PersonSearchResult` fields plus our key and score, read
/// from the person's payload (so `anonymized` says here what `/persons/{id}` says: a person
/// anonymised on request is `true` in both).
struct PersonSearchResult: Encodable {
    let personID: String
    let key: String
    let firstName: String
    let surname: String
    let lastName: String
    let sex: String?
    let birthDate: String?
    let birthPlace: String?
    let deathDate: String?
    let deathPlace: String?
    let isLiving: Bool
    /// `public` for persons who are not living, `private` for living persons shown to an
    /// editor or admin (their details are theirs to protect).
    let privacyLevel: String
    let anonymized: Bool
    let occupation: String?
    let notes: String?
    let parentsIDs: [String]
    let childrenIDs: [String]
    let score: Int

    init(_ payload: PersonPayload, score: Int, parents: [UUID], children: [UUID]) {
        personID = payload.personID
        key = payload.key
        firstName = payload.firstName
        surname = payload.surname
        lastName = payload.surname
        sex = payload.sex
        birthDate = payload.birthDate
        birthPlace = payload.birthPlace
        deathDate = payload.deathDate
        deathPlace = payload.deathPlace
        isLiving = payload.isLiving
        privacyLevel = payload.isLiving ? "private" : "public"
        anonymized = payload.anonymized
        occupation = payload.occupation
        notes = payload.notes
        parentsIDs = parents.map { $0.uuidString.lowercased() }
        childrenIDs = children.map { $0.uuidString.lowercased() }
        self.score = score
    }

    /// A living person found by name on a base whose names are public: the name and nothing else.
    init(restricted hit: SearchHit) {
        let person = hit.person.value
        personID = person.id.uuid.uuidString.lowercased()
        key = person.key
        firstName = person.firstName
        surname = person.surname
        lastName = person.surname
        sex = nil
        birthDate = nil
        birthPlace = nil
        deathDate = nil
        deathPlace = nil
        isLiving = true
        privacyLevel = "restricted"
        anonymized = true
        occupation = nil
        notes = nil
        parentsIDs = []
        childrenIDs = []
        score = hit.score
    }

    enum CodingKeys: String, CodingKey {
        case key, sex, occupation, notes, anonymized, score
        case personID = "person_id"
        case firstName = "first_name"
        case surname
        case lastName = "last_name"
        case birthDate = "birth_date"
        case birthPlace = "birth_place"
        case deathDate = "death_date"
        case deathPlace = "death_place"
        case isLiving = "is_living"
        case privacyLevel = "privacy_level"
        case parentsIDs = "parents_ids"
        case childrenIDs = "children_ids"
    }
}

/// The Python API's `SearchResponse`, with what the search actually included.
struct SearchResponse: Encodable {
    let results: [PersonSearchResult]
    let total: Int
    let offset: Int
    let limit: Int
    let query: String
    /// Living persons shown by name only (bases whose names are public); otherwise 0: persons
    /// the caller may not see are left out, so a search cannot reveal that they exist.
    let anonymizedCount: Int
    /// Whether living persons could be results (only for editors and admins who asked).
    let includeLiving: Bool
}

/// One entry of the surname or first-name index.
struct NameCountPayload: Encodable {
    let name: String
    let key: String
    let count: Int

    init(_ entry: NameCount) {
        name = entry.name
        key = entry.key
        count = entry.count
    }
}
