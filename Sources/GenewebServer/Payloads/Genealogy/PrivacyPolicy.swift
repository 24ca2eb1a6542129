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

    /// What this caller may see of each person, in the same order: the one decision behind the
    /// JSON payloads (`present`) and the site's pages.
    func sight(_ items: [Stored<Person>], persons: PersonRepository) async throws -> [PersonSight] {
        let needing = items.filter { rule.needsEvidence($0.value) }.map(\.value.id.uuid)
        let evidence = try await persons.livingEvidence(for: needing)
        return items.map { sight($0, evidence: evidence[$0.value.id.uuid] ?? LivingEvidence()) }
    }

    /// The rule itself, for one person and what their families say about their age.
    func sight(_ stored: Stored<Person>, evidence: LivingEvidence) -> PersonSight {
        let person = stored.value
        let living = rule.isLiving(person, evidence: evidence)
        if seesEverything || person.access == .public || (!living && person.access != .private) {
            return .full(stored, isLiving: living)
        }
        return .restricted(person, showingName: publicNames && person.access != .private)
    }

    /// The persons as this caller may see them, in the same order.
    func present(_ items: [Stored<Person>], persons: PersonRepository) async throws -> [VisiblePerson] {
        try await sight(items, persons: persons).map { sight in
            switch sight {
            case .full(let stored, let living): .full(PersonPayload(stored, isLiving: living))
            case .restricted(let person, let showingName): .restricted(RestrictedPersonPayload(person, showingName: showingName))
            }
        }
    }
}

/// What a caller may see of one person: everything, or that someone is there (with the name
/// only when the base shows living persons' names). Restricted persons' other data must not
/// leave the server; `PersonSight` carries the record only so a payload can take the name.
enum PersonSight: Sendable {
    case full(Stored<Person>, isLiving: Bool)
    case restricted(Person, showingName: Bool)

    var isFull: Bool {
        if case .full = self { return true }
        return false
    }
}

extension PrivacyPolicy {
    /// The persons with these ids as this caller may see them (ids not in the base are left out).
    func present(ids: [UUID], base: Int, persons: PersonRepository) async throws -> [UUID: VisiblePerson] {
        try await sight(ids: ids, base: base, persons: persons).mapValues { sight in
            switch sight {
            case .full(let stored, let living): .full(PersonPayload(stored, isLiving: living))
            case .restricted(let person, let showingName): .restricted(RestrictedPersonPayload(person, showingName: showingName))
            }
        }
    }

    /// What this caller may see of the persons with these ids (ids not in the base are left
    /// out): one query per 500 persons reads each record with its living evidence.
    func sight(ids: [UUID], base: Int, persons: PersonRepository) async throws -> [UUID: PersonSight] {
        let unique = Array(Set(ids))
        var sights: [UUID: PersonSight] = [:]
        for start in stride(from: 0, to: unique.count, by: 500) {
            for (id, found) in try await persons.findWithEvidence(Array(unique[start..<min(start + 500, unique.count)]), base: base) {
                sights[id] = sight(found.person, evidence: found.evidence)
            }
        }
        return sights
    }
}
