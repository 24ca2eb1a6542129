import Foundation
import GenewebCharts
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

extension SiteController {
    /// `/b/{base}/p/{key}`: the person page.
    @Sendable func person(_ request: Request, context: AppRequestContext) async throws -> Response {
        let timer = ServerTiming()
        let (page, kept) = try await openKeeping(request, context)
        if let answer = kept?.answer { return page.site.html(body: answer.body, timing: timer) }
        let root = try await page.index(key: try Self.key(context), persons: persons)
        let graph = page.graph
        let unions = try await families.families(of: graph.ids[Int(root)], base: page.base.id)

        // Everyone the page names, read once with the person: parents and grandparents (the
        // mini chart), siblings, spouses, children; then the witnesses of the person's and the
        // unions' events that this read did not reach (none, for most persons).
        let (father, mother) = graph.parents(of: root)
        let parents = [father, mother].compactMap { $0 }
        let grandparents = parents.flatMap { parent -> [GenealogyGraph.Index] in
            let (father, mother) = graph.parents(of: parent)
            return [father, mother].compactMap { $0 }
        }
        let siblings = Array(Set(parents.flatMap { graph.children[Int($0)] })).filter { $0 != root }
        let ids = [root] + parents + grandparents + siblings + graph.spouses[Int(root)] + graph.children[Int(root)]
        var sights = try await page.sights(ids, persons: persons)
        let person = try page.requireFull(root, in: sights).value
        let witnesses = (person.events + unions.flatMap(\.value.events)).flatMap(\.witnesses).compactMap { graph.index(of: $0.personID.uuid) }
        let unread = Array(Set(witnesses.filter { sights[$0] == nil }))
        if !unread.isEmpty { sights.merge(try await page.sights(unread, persons: persons)) { first, _ in first } }
        let people = page.people
        let messages = page.messages
        func link(_ index: GenealogyGraph.Index) -> PersonLinkModel? { sights[index].map(people.link) }
        func link(_ id: PersonID) -> PersonLinkModel? { page.link(id, in: sights) }
        let hidden: (PersonID) -> Bool = { page.isHidden($0, in: sights) }

        let parentRows = [(father, "father"), (mother, "mother")].compactMap { index, role -> PersonPageModel.Relative? in
            guard let index, let person = link(index) else { return nil }
            return PersonPageModel.Relative(role: messages[role], person: person)
        }

        // Full siblings in their family's order, then half-siblings.
        let parentFamily = unions.first { $0.value.children.contains(person.id) }?.value
        var siblingRows: [PersonPageModel.Sibling] = []
        var listed: Set<GenealogyGraph.Index> = [root]
        for child in parentFamily?.children ?? [] {
            guard let index = graph.index(of: child.uuid), !listed.contains(index), let person = link(index) else { continue }
            listed.insert(index)
            siblingRows.append(PersonPageModel.Sibling(person: person, half: nil))
        }
        for index in siblings where !listed.contains(index) {
            guard let person = link(index) else { continue }
            listed.insert(index)
            siblingRows.append(PersonPageModel.Sibling(person: person, half: messages["half_sibling"]))
        }

        let unionRows = unions.filter { $0.value.parents.contains(person.id) }.map { stored -> PersonPageModel.Union in
            let family = FamilyPrivacy.visible(stored.value, hidden: hidden)
            let spouse = family.parents.first { $0 != person.id }.flatMap(link)
            let familyHref = SiteURL.family(page.base.name, id: family.id.uuid.uuidString.lowercased())
            return PersonPageModel.Union(
                spouse: spouse, events: Listing(family.events.map { eventRow($0, people: people, link: link) }),
                children: Listing(family.children.compactMap(link)), familyHref: familyHref,
                addChildHref: page.canEdit ? familyHref + "/add-child" : nil)
        }

        let name = SitePeople.name(person)
        let key = SitePeople.pageKey(person)
        let base = page.base.name
        let chartLinks = [
            LinkModel(messages["ancestors"], SiteURL.person(base, key: key) + "/ancestors"),
            LinkModel(messages["fan_chart"], SiteURL.person(base, key: key) + "/fan"),
            LinkModel(messages["descendants"], SiteURL.person(base, key: key) + "/descendants"),
            LinkModel(messages["relationship"], SiteURL.person(base, key: key) + "/relationship"),
        ]
        let here = SiteURL.person(base, key: key)
        var editLinks: [LinkModel] = []
        if page.canEdit {
            editLinks = [LinkModel(messages["edit"], here + "/edit"), LinkModel(messages["add_spouse"], here + "/add-spouse")]
            if parents.isEmpty { editLinks.append(LinkModel(messages["add_parents"], here + "/add-parents")) }
            editLinks += [
                LinkModel(messages["merge"], here + "/merge"), LinkModel(messages["history"], here + "/history"),
                LinkModel(messages["delete"], here + "/delete"),
            ]
        }
        let gallery = try await self.gallery(of: person, page: page)
        let model = PersonPageModel(
            name: name, years: SitePeople.years(person), sex: person.sex.rawValue, facts: Listing(facts(of: person, messages: messages, people: people)),
            chartLinks: chartLinks, editLinks: Listing(editLinks), parents: Listing(parentRows),
            events: Listing(Self.inDateOrder(person.events).map { eventRow($0, people: people, link: link) }),
            unions: Listing(unionRows), siblings: Listing(siblingRows), notes: person.notes.nonEmpty, sources: person.sources.nonEmpty,
            miniChart: miniChart(root, sights: sights, page: page, title: messages.format("ancestors_of", name)),
            portrait: gallery.portrait, gallery: Listing(gallery.items), addMediaHref: page.canEdit ? here + "/media" : nil)
        let body = page.site.render(.person, model: model, frame: page.frame(name))
        kept?.keep(body)
        return page.site.html(body: body, timing: timer)
    }

    /// `/b/{base}/f/{id}`: a family, when both parents (or the one there is) may be seen.
    @Sendable func family(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        guard let id = UUID(uuidString: try context.parameters.require("family_id")),
            let stored = try await families.find(id, base: page.base.id)
        else { throw APIError.notFound("Family not found") }
        let graph = page.graph
        let family = stored.value
        let members = (family.parents + family.children + family.events.flatMap(\.witnesses).map(\.personID)).compactMap { graph.index(of: $0.uuid) }
        let sights = try await page.sights(members, persons: persons)
        let hidden: (PersonID) -> Bool = { page.isHidden($0, in: sights) }
        // A family page exists to show a couple: with a hidden parent it is not shown at all.
        guard FamilyPrivacy.showsDetails(of: family, hidden: hidden) else { throw APIError.notFound("Family not found") }
        let people = page.people
        func link(_ id: PersonID) -> PersonLinkModel? { page.link(id, in: sights) }
        let parents = family.parents.enumerated().compactMap { position, id -> PersonPageModel.Relative? in
            guard let person = link(id) else { return nil }
            let sex = graph.index(of: id.uuid).map { graph.sexes[Int($0)] }
            let role = sex == .male ? "father" : sex == .female ? "mother" : "parent"
            return PersonPageModel.Relative(role: page.messages[role], person: person)
        }
        let names = parents.map(\.person.name)
        let title = names.count == 2 ? page.messages.format("union_of", names[0], names[1]) : page.messages.format("family_of", names.first ?? "?")
        let here = SiteURL.family(page.base.name, id: family.id.uuid.uuidString.lowercased())
        let editLinks =
            page.canEdit
            ? [
                LinkModel(page.messages["edit_family_link"], here + "/edit"), LinkModel(page.messages["add_child"], here + "/add-child"),
                LinkModel(page.messages["history"], here + "/history"),
            ] : []
        let model = FamilyPageModel(
            title: title, editLinks: Listing(editLinks), parents: Listing(parents),
            events: Listing(family.events.map { eventRow($0, people: people, link: link) }),
            children: Listing(family.children.compactMap(link)), notes: family.notes.nonEmpty)
        return page.site.html(.family, model: model, frame: page.frame(title))
    }

    // MARK: Parts

    func eventRow(_ event: Event, people: SitePeople, link: (PersonID) -> PersonLinkModel?) -> PersonPageModel.EventRow {
        let messages = people.messages
        var kind = messages.event(event.kind.name)
        if let value = event.value.nonEmpty { kind += " (\(value))" }
        let witnesses = event.witnesses.compactMap { witness -> PersonPageModel.Witness? in
            guard let person = link(witness.personID) else { return nil }
            return PersonPageModel.Witness(person: person, role: witness.kind == .witness ? nil : messages["witness.\(witness.kind.rawValue)"])
        }
        let place = SitePeople.place(event.place)
        return PersonPageModel.EventRow(
            kind: kind, date: people.date(event.date), place: place,
            placeHref: place.map { SiteURL.base(people.base) + "/places/" + SiteURL.component($0) }, note: event.note.nonEmpty,
            source: event.source.nonEmpty, witnesses: Listing(witnesses))
    }

    func facts(of person: Person, messages: Messages, people: SitePeople) -> [LabelledValue] {
        var facts: [LabelledValue] = []
        if let publicName = person.publicName.nonEmpty { facts.append(LabelledValue(messages["public_name"], publicName)) }
        let lists: [(String, [String])] = [
            ("qualifiers", person.qualifiers), ("aliases", person.aliases), ("first_name_aliases", person.firstNameAliases),
            ("surname_aliases", person.surnameAliases),
        ]
        for (key, values) in lists where !values.isEmpty {
            facts.append(LabelledValue(messages[key], values.joined(separator: ", ")))
        }
        if !person.titles.isEmpty {
            let titles = person.titles.map { title -> String in
                var text = [title.title, title.place].filter { !$0.isEmpty }.joined(separator: " ")
                let span = [title.start, title.end].map { $0.flatMap { people.date($0) } ?? "" }
                if span.contains(where: { !$0.isEmpty }) { text += " (\(span.joined(separator: "–")))" }
                return text
            }
            facts.append(LabelledValue(messages["titles"], titles.joined(separator: "; ")))
        }
        if let occupation = person.occupation.nonEmpty { facts.append(LabelledValue(messages["occupation"], occupation)) }
        facts.append(LabelledValue(messages["sex"], messages["sex.\(person.sex.rawValue)"]))
        return facts
    }

    /// Events by date; an undated event stays after the event it followed in the record.
    static func inDateOrder(_ events: [Event]) -> [Event] {
        var key = Int.min
        let keyed = events.enumerated().map { position, event -> (Int, Int, Event) in
            if let sortKey = event.date?.sortKey { key = sortKey }
            return (key, position, event)
        }
        return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// Three generations: the person, parents and grandparents, by Sosa number.
    func miniChart(_ root: GenealogyGraph.Index, sights: [GenealogyGraph.Index: PersonSight], page: SiteScope, title: String) -> String {
        var entries: [PedigreeChart.Entry] = []
        var queue: [(UInt64, GenealogyGraph.Index)] = [(1, root)]
        while let (sosa, index) = queue.first {
            queue.removeFirst()
            guard let sight = sights[index] else { continue }
            entries.append(PedigreeChart.Entry(sosa: sosa, person: page.people.chartPerson(sight)))
            // No ancestors through a restricted person, and three generations only.
            guard sight.isFull, sosa < 4 else { continue }
            let (father, mother) = page.graph.parents(of: index)
            if let father { queue.append((2 * sosa, father)) }
            if let mother { queue.append((2 * sosa + 1, mother)) }
        }
        let labels = PedigreeChart.Labels(sosa: page.messages["sosa"], moreAncestors: page.messages["more_ancestors"])
        return PedigreeChart.make(entries, labels: labels).svg(title: title, id: "mini-tree-chart", cssClass: "pedigree")
    }
}

extension Optional where Wrapped == String {
    /// The text, or nil when absent or only spaces.
    var nonEmpty: String? {
        guard let self, !self.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return self
    }
}
