import Foundation
import GenewebCore
import GenewebStore

/// What a caller may see of persons (API.md, "Privacy"): editors and admins see everyone;
/// anonymous callers and viewers see living persons, and persons marked private, only as
/// `{"person_id", "privacy": "restricted"}`, with the first name and surname of living persons
/// when the base's policy makes names public. A person marked public is always shown.
struct PrivacyPolicy: Sendable {
    let role: UserRole?
    /// The base shows living persons' names (never those of persons marked private).
    var publicNames = false
    var rule = LivingRule()

    init(role: UserRole?, publicNames: Bool = false) {
        self.role = role
        self.publicNames = publicNames
    }

    init(role: UserRole?, base: ResolvedBase) {
        self.init(role: role, publicNames: base.publicNames)
    }

    var seesEverything: Bool { (role ?? .viewer) >= .editor }

    /// The persons as this caller may see them, in the same order.
    func present(_ items: [Stored<Person>], persons: PersonRepository) async throws -> [VisiblePerson] {
        let needing = items.filter { rule.needsEvidence($0.value) }.map(\.value.id.uuid)
        let evidence = try await persons.livingEvidence(for: needing)
        return items.map { stored in
            let person = stored.value
            let living = rule.isLiving(person, evidence: evidence[person.id.uuid] ?? LivingEvidence())
            if seesEverything || person.access == .public || (!living && person.access != .private) {
                return .full(PersonPayload(stored, isLiving: living))
            }
            return .restricted(RestrictedPersonPayload(person, showingName: publicNames && person.access != .private))
        }
    }
}

/// A family in responses, with its members' names as the caller may see them.
struct FamilyPayload: Encodable {
    let id: String
    let familyID: String
    let relation: String
    let parents: [MemberPayload]
    let children: [MemberPayload]
    let fatherIDs: [String]
    let motherIDs: [String]
    let childrenIDs: [String]
    let marriage: EventPayload?
    let events: [EventPayload]
    let comment: String?
    let version: Int

    struct MemberPayload: Encodable {
        let personID: String
        let name: String?
        let sex: String?
        let privacy: String

        enum CodingKeys: String, CodingKey {
            case personID = "person_id"
            case name, sex, privacy
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, relation, parents, children, marriage, events, comment, version
        case familyID = "family_id"
        case fatherIDs = "father_ids"
        case motherIDs = "mother_ids"
        case childrenIDs = "children_ids"
    }
}

/// Builds `FamilyPayload`s, loading the members once and applying the privacy policy to them.
struct FamilyPresenter {
    let persons: PersonRepository
    let privacy: PrivacyPolicy

    func payloads(_ families: [Stored<Family>], base: Int) async throws -> [FamilyPayload] {
        let ids = Array(Set(families.flatMap { $0.value.parents + $0.value.children }.map(\.uuid)))
        let stored = try await persons.find(ids, base: base)
        let orderedIDs = ids.filter { stored[$0] != nil }
        let visible = try await privacy.present(orderedIDs.compactMap { stored[$0] }, persons: persons)
        var members: [UUID: FamilyPayload.MemberPayload] = [:]
        for (id, view) in zip(orderedIDs, visible) {
            switch view {
            case .full(let person):
                members[id] = .init(personID: person.id, name: "\(person.firstName) \(person.surname)", sex: person.sex, privacy: "public")
            case .restricted(let person):
                let name = person.firstName.map { "\($0) \(person.surname ?? "")" }
                members[id] = .init(personID: person.id, name: name, sex: nil, privacy: "restricted")
            }
        }
        func member(_ id: PersonID) -> FamilyPayload.MemberPayload {
            members[id.uuid] ?? .init(personID: id.uuid.uuidString.lowercased(), name: nil, sex: nil, privacy: "missing")
        }
        return families.map { stored in
            let family = stored.value
            let parents = family.parents.map(member)
            return FamilyPayload(
                id: family.id.uuid.uuidString.lowercased(), familyID: family.id.uuid.uuidString.lowercased(),
                relation: family.relation.rawValue, parents: parents, children: family.children.map(member),
                fatherIDs: parents.filter { $0.sex == "male" }.map(\.personID),
                motherIDs: parents.filter { $0.sex == "female" }.map(\.personID),
                childrenIDs: family.children.map { $0.uuid.uuidString.lowercased() },
                marriage: family.marriage.map(EventPayload.init),
                events: family.events.map(EventPayload.init), comment: family.comment, version: stored.version
            )
        }
    }
}

extension PrivacyPolicy {
    /// The persons with these ids as this caller may see them (ids not in the base are left out).
    func present(ids: [UUID], base: Int, persons: PersonRepository) async throws -> [UUID: VisiblePerson] {
        let unique = Array(Set(ids))
        var stored: [UUID: Stored<Person>] = [:]
        for start in stride(from: 0, to: unique.count, by: 500) {
            stored.merge(try await persons.find(Array(unique[start..<min(start + 500, unique.count)]), base: base)) { first, _ in first }
        }
        let found = unique.filter { stored[$0] != nil }
        let views = try await present(found.map { stored[$0]! }, persons: persons)
        return Dictionary(uniqueKeysWithValues: zip(found, views))
    }
}
