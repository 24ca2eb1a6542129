import Foundation
import GenewebCharts
import GenewebCore
import GenewebSite
import GenewebStore

/// How pages name and link persons, after the privacy decision (`PersonSight`): a person the
/// caller may see is their name, years and link; a restricted one is "Private person" (or the
/// bare name when the base shows living persons' names), with no dates, no place and no link.
struct SitePeople {
    let base: String
    let messages: Messages
    let language: SiteLanguage

    /// "Victoria Hanover", the usual first name then the surname (GeneWeb's order). As in
    /// GeneWeb, an underscore in a name is a space ("Edward_VII"); an unknown part ("?") reads
    /// "…", a missing one is left out.
    static func name(_ person: Person) -> String {
        func part(_ text: String) -> String {
            // Most names have neither underscores nor spaces around them: no Foundation work then.
            let plain = !text.utf8.contains(UInt8(ascii: "_")) && text.first?.isWhitespace != true && text.last?.isWhitespace != true
            let shown = plain ? text : text.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
            return shown == "?" ? "…" : shown
        }
        let name = [part(person.firstName), part(person.surname)].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? "…" : name
    }

    /// "1819–1901", "° 1819", "† 1901", or nil when no year is known.
    static func years(_ person: Person) -> String? {
        let birth = (person.event(.birth) ?? person.event(.baptism))?.date.flatMap(DateWords.year)
        let death = (person.event(.death) ?? person.event(.burial) ?? person.event(.cremation))?.date.flatMap(DateWords.year)
        switch (birth, death) {
        case (let birth?, let death?): return "\(birth)–\(death)"
        case (let birth?, nil): return "° \(birth)"
        case (nil, let death?): return "† \(death)"
        case (nil, nil): return nil
        }
    }

    func href(_ person: Person) -> String { SiteURL.person(base, key: Self.pageKey(person)) }

    /// The person's part of page addresses: the GeneWeb key, or the id for a person whose key
    /// cannot be read back (an empty first name or surname).
    static func pageKey(_ person: Person) -> String {
        let key = person.key
        return NameNormalizer.parsePersonKey(key) != nil ? key : person.id.uuid.uuidString.lowercased()
    }

    /// The name a restricted person reads as.
    func restrictedName(_ person: Person, showingName: Bool) -> String {
        showingName ? Self.name(person) : messages["private_person"]
    }

    func link(_ sight: PersonSight) -> PersonLinkModel {
        switch sight {
        case .full(let stored, _):
            PersonLinkModel(name: Self.name(stored.value), detail: Self.years(stored.value), href: href(stored.value))
        case .restricted(let person, let showingName):
            PersonLinkModel(name: restrictedName(person, showingName: showingName), detail: nil, href: nil)
        }
    }

    /// The person as a chart box; `href` overrides the person page (charts link to themselves).
    func chartPerson(_ sight: PersonSight, href: String? = nil) -> ChartPerson {
        switch sight {
        case .full(let stored, _):
            let person = stored.value
            let style: ChartPerson.Style = person.sex == .male ? .male : person.sex == .female ? .female : .unknown
            return ChartPerson(name: Self.name(person), detail: Self.years(person), href: href ?? self.href(person), style: style)
        case .restricted(let person, let showingName):
            return ChartPerson(name: restrictedName(person, showingName: showingName), style: .restricted)
        }
    }

    /// A place as GEDCOM files often write it ("Kensington,London,England") read with a space after
    /// each comma.
    static func place(_ text: String?) -> String? {
        guard let text = text.nonEmpty else { return nil }
        return text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }

    func date(_ date: GenealogyDate?) -> String? {
        date.map { DateWords.text($0, language.dateLanguage) }
    }

    /// An event in a few words: its date and place (empty when it has neither).
    func eventSummary(_ event: Event) -> String {
        [date(event.date), Self.place(event.place)].compactMap { $0 }.joined(separator: ", ")
    }
}
