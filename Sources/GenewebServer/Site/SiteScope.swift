import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// What every base page starts from: the request's language, the base, the caller's privacy
/// policy, how persons are named and linked, and the base's graph.
struct SiteScope {
    let site: SiteRequest
    let base: ResolvedBase
    let policy: PrivacyPolicy
    let people: SitePeople
    /// The base's graph; empty on pages opened without it (`SiteController.open`).
    let graph: GenealogyGraph
    /// The caller is an editor or an admin: pages offer the editing forms.
    var canEdit = false

    var messages: Messages { site.messages }

    /// Who lists and counts may include: restricted persons are absent from the site's indexes,
    /// search results, statistics and anniversaries (even where the base shows their names).
    var visibility: Visibility { policy.seesEverything ? .everyone : .publicView(policy.rule) }

    /// The words in the header's search box.
    var query = ""

    func frame(_ title: String, current: PageFrame.MenuEntry? = nil) -> PageFrame {
        var frame = site.frame(title: title, base: base.name, current: current)
        frame.query = query
        return frame
    }

    func searching(_ words: String) -> SiteScope {
        var copy = self
        copy.query = words
        return copy
    }

    /// The persons as the caller may see them, by graph index, in one read.
    func sights(_ indexes: [GenealogyGraph.Index], persons: PersonRepository) async throws -> [GenealogyGraph.Index: PersonSight] {
        let found = try await policy.sight(ids: indexes.map { graph.ids[Int($0)] }, base: base.id, persons: persons)
        var byIndex: [GenealogyGraph.Index: PersonSight] = [:]
        for index in indexes { byIndex[index] = found[graph.ids[Int(index)]] }
        return byIndex
    }

    /// The person of a page address: a GeneWeb key (`victoria.0.hanover`), or an id for the
    /// persons whose key cannot be read back (`SitePeople.pageKey`). The page then reads
    /// everyone it shows, this person included, in one privacy read, and calls `requireFull`.
    func person(key: String, persons: PersonRepository) async throws -> (Stored<Person>, GenealogyGraph.Index) {
        guard key.utf8.count <= 300 else { throw APIError.notFound("Person not found") }
        let found: Stored<Person>?
        if let id = UUID(uuidString: key) {
            found = try await persons.find(id, base: base.id)
        } else {
            found = try await persons.find(key: key, base: base.id)
        }
        guard let stored = found, let index = graph.index(of: stored.value.id.uuid) else { throw APIError.notFound("Person not found") }
        return (stored, index)
    }

    /// The graph index of the person of a page address (as `person(key:)`), without reading
    /// the record: pages that read it with everyone else they show start from this.
    func index(key: String, persons: PersonRepository) async throws -> GenealogyGraph.Index {
        guard key.utf8.count <= 300 else { throw APIError.notFound("Person not found") }
        var id = UUID(uuidString: key)
        if id == nil { id = try await persons.id(key: key, base: base.id) }
        // The graph holds this base's persons only: an id from another base is not found.
        guard let id, let index = graph.index(of: id) else { throw APIError.notFound("Person not found") }
        return index
    }

    /// Unknown, or not shown in full to this caller, is the same 404: a page never confirms a
    /// hidden person, nor shows the lineage around them.
    func requireFull(_ index: GenealogyGraph.Index, in sights: [GenealogyGraph.Index: PersonSight]) throws -> Stored<Person> {
        guard case .full(let stored, _)? = sights[index] else { throw APIError.notFound("Person not found") }
        return stored
    }

    /// Whether the person with `id` is hidden from this caller, by the page's one privacy read
    /// (`sights`); a person the read did not reach counts as hidden. `FamilyPrivacy` asks this.
    func isHidden(_ id: PersonID, in sights: [GenealogyGraph.Index: PersonSight]) -> Bool {
        guard let index = graph.index(of: id.uuid), let sight = sights[index] else { return true }
        return !sight.isFull
    }

    /// The link of the person with `id`, by the page's privacy read; nil when the read did not reach them.
    func link(_ id: PersonID, in sights: [GenealogyGraph.Index: PersonSight]) -> PersonLinkModel? {
        graph.index(of: id.uuid).flatMap { sights[$0] }.map(people.link)
    }
}
