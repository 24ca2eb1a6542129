import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// A person's changes from the audit log (editors and admins): who, when, what, newest first.
extension SiteController {
    static let historyLength = 200

    @Sendable func personHistory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let stored = try await editedPerson(page, context)
        let person = stored.value
        let (entries, _) = try await audit.entries(entityID: person.id.uuid.uuidString.lowercased(), offset: 0, limit: Self.historyLength)
        let messages = page.messages
        let changes = entries.map { entry -> HistoryPageModel.Change in
            let action = entry.action.split(separator: ".").last.map(String.init) ?? entry.action
            let fields = entry.details["fields"].flatMap { $0.isEmpty ? nil : $0 }?.split(separator: ",")
                .map { name in
                    if PersonForm.vitalKinds.contains(String(name)) { return messages.event(String(name)) }
                    return messages["form.\(name)"].hasPrefix("⟦") ? String(name) : messages["form.\(name)"]
                }.joined(separator: ", ")
            return HistoryPageModel.Change(
                when: Self.timestamp(entry.occurredAt), who: entry.actorName.isEmpty ? messages["history.someone"] : entry.actorName,
                what: messages["history.\(action)"].hasPrefix("⟦") ? entry.action : messages["history.\(action)"], fields: fields)
        }
        let heading = messages.format("history_of", SitePeople.name(person))
        let model = HistoryPageModel(heading: heading, personHref: page.people.href(person), changes: Listing(changes))
        return page.site.html(.history, model: model, frame: page.frame(heading))
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
}
