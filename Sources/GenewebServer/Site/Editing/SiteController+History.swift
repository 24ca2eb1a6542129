import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// A person's or a family's history (editors and admins): the changes from the audit log (who,
/// when, what), newest first, and the earlier versions the store kept, each with a link to
/// compare it with the record as it is and restore it (`SiteController+Restore`).
extension SiteController {
    static let historyLength = 200

    @Sendable func personHistory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let person = try await editedPerson(page, context).value
        let here = page.people.href(person)
        let versions = try await personVersions.versions(of: person.id.uuid, base: page.base.id, as: Person.self)
        let earlier = versions.map { version in
            HistoryPageModel.EarlierVersion(
                number: String(version.version), when: Self.timestamp(iso: version.updatedAt),
                summary: Self.summary(of: version.value, people: page.people), href: here + "/history/\(version.version)")
        }
        let heading = page.messages.format("history_of", SitePeople.name(person))
        let model = HistoryPageModel(
            heading: heading, backHref: here, backLabel: page.messages["back_to_person"],
            changes: Listing(try await changes(of: person.id.uuid, page)), versions: Listing(earlier))
        return page.site.html(.history, model: model, frame: page.frame(heading))
    }

    @Sendable func familyHistory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let (stored, parents, _) = try await familyWithMembers(page, context)
        let here = SiteURL.family(page.base.name, id: stored.value.id.uuid.uuidString.lowercased())
        let versions = try await familyVersions.versions(of: stored.value.id.uuid, base: page.base.id, as: Family.self)
        let earlier = versions.map { version in
            HistoryPageModel.EarlierVersion(
                number: String(version.version), when: Self.timestamp(iso: version.updatedAt),
                summary: version.value.marriage.map { page.people.eventSummary($0) } ?? "", href: here + "/history/\(version.version)")
        }
        let heading = page.messages.format("history_of", parents.map { SitePeople.name($0.value) }.joined(separator: " & "))
        let model = HistoryPageModel(
            heading: heading, backHref: here, backLabel: page.messages["back_to_family"],
            changes: Listing(try await changes(of: stored.value.id.uuid, page)), versions: Listing(earlier))
        return page.site.html(.history, model: model, frame: page.frame(heading))
    }

    /// The audit log's lines about a record, in the page's words.
    private func changes(of id: UUID, _ page: SiteScope) async throws -> [HistoryPageModel.Change] {
        let (entries, _) = try await audit.entries(entityID: id.uuidString.lowercased(), offset: 0, limit: Self.historyLength)
        let messages = page.messages
        return entries.map { entry -> HistoryPageModel.Change in
            let action = entry.action.split(separator: ".").last.map(String.init) ?? entry.action
            let fields = entry.details["fields"].flatMap { $0.isEmpty ? nil : $0 }?.split(separator: ",")
                .map { name in
                    if PersonForm.vitalKinds.contains(String(name)) { return messages.event(String(name)) }
                    return messages["form.\(name)"].hasPrefix("⟦") ? String(name) : messages["form.\(name)"]
                }.joined(separator: ", ")
            let restored = entry.details["restored_version"].map { messages.format("history.restored_version", $0) }
            return HistoryPageModel.Change(
                when: Self.timestamp(entry.occurredAt), who: entry.actorName.isEmpty ? messages["history.someone"] : entry.actorName,
                what: messages["history.\(action)"].hasPrefix("⟦") ? entry.action : messages["history.\(action)"], fields: restored ?? fields)
        }
    }

    /// A version in a few words: its name and its birth and death.
    static func summary(of person: Person, people: SitePeople) -> String {
        let vitals = [EventKind.birth, .death].compactMap { person.event($0) }.map { people.eventSummary($0) }.filter { !$0.isEmpty }
        return ([SitePeople.name(person) + " (\(person.key))"] + vitals).joined(separator: " · ")
    }

    /// `2026-12-02 18:40 UTC`: the audit log's instant as everyone reads it, whatever the language.
    static func timestamp(_ seconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }

    /// The same for a stored time (`2026-12-02T18:40:12.345Z`).
    static func timestamp(iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }
}
