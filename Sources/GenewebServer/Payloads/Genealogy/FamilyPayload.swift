import Foundation
import GenewebCore
import GenewebStore

/// A family in responses, with its members' names as the caller may see them. A family with a
/// parent the caller may not see shows only its shape (`FamilyPrivacy`): `privacy` is then
/// `restricted` and the events, divorce, notes, sources and comment are left out.
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
    let divorceInfo: DivorcePayload?
    let comment: String?
    let notes: String?
    let fsources: String?
    let privacy: String
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

    /// The Python API's `divorce_info`, present when the couple divorced or separated.
    struct DivorcePayload: Encodable {
        let divorceStatus: String
        let divorceDate: DatePayload?

        init?(_ status: DivorceStatus) {
            switch status {
            case .notDivorced: return nil
            case .divorced(let date): (divorceStatus, divorceDate) = ("divorced", date.map(DatePayload.init))
            case .separated(let date): (divorceStatus, divorceDate) = ("separated", date.map(DatePayload.init))
            }
        }

        enum CodingKeys: String, CodingKey {
            case divorceStatus = "divorce_status"
            case divorceDate = "divorce_date"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, relation, parents, children, marriage, events, comment, notes, fsources, privacy, version
        case familyID = "family_id"
        case fatherIDs = "father_ids"
        case motherIDs = "mother_ids"
        case childrenIDs = "children_ids"
        case divorceInfo = "divorce_info"
    }
}

/// Builds `FamilyPayload`s, loading the members once and applying the privacy policy to them
/// and, through `FamilyPrivacy`, to the families themselves.
struct FamilyPresenter {
    let persons: PersonRepository
    let privacy: PrivacyPolicy

    func payloads(_ families: [Stored<Family>], base: Int) async throws -> [FamilyPayload] {
        let ids = Array(Set(families.flatMap { $0.value.parents + $0.value.children }.map(\.uuid)))
        let visible = try await privacy.present(ids: ids, base: base, persons: persons)
        var members: [UUID: FamilyPayload.MemberPayload] = [:]
        for (id, view) in visible {
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
        func isHidden(_ id: PersonID) -> Bool { members[id.uuid]?.privacy == "restricted" }
        return families.map { stored in
            let family = FamilyPrivacy.visible(stored.value, hidden: isHidden)
            let parents = family.parents.map(member)
            return FamilyPayload(
                id: family.id.uuid.uuidString.lowercased(), familyID: family.id.uuid.uuidString.lowercased(),
                relation: family.relation.rawValue, parents: parents, children: family.children.map(member),
                fatherIDs: parents.filter { $0.sex == "male" }.map(\.personID),
                motherIDs: parents.filter { $0.sex == "female" }.map(\.personID),
                childrenIDs: family.children.map { $0.uuid.uuidString.lowercased() },
                marriage: family.marriage.map(EventPayload.init), events: family.events.map(EventPayload.init),
                divorceInfo: FamilyPayload.DivorcePayload(family.divorce), comment: family.comment,
                notes: family.notes, fsources: family.sources,
                privacy: FamilyPrivacy.showsDetails(of: stored.value, hidden: isHidden) ? "public" : "restricted",
                version: stored.version
            )
        }
    }
}
