import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// The web site: GeneWeb's pages rendered in the server, read only. Addresses are
/// `/b/{base}/…` with GeneWeb person keys; every page reads its persons through the same
/// privacy policy as the JSON routes (`PrivacyPolicy.sight`), once, after computing on the
/// base's graph. Each page's building is in `SiteController+<Page>.swift`.
struct SiteController {
    let graphs: GraphCache
    let persons: PersonRepository
    let families: FamilyRepository
    let search: SearchRepository
    let names: NameIndexRepository
    let statistics: StatisticsRepository
    let anniversaries: AnniversaryRepository
    let scope: BaseScope
    /// Whole-base figures (statistics), kept until the base changes, as the JSON route does.
    let figures: ResponseCache
    /// Sign-in and sign-out, and the forms' anti-forgery tokens.
    let accounts: AccountService
    /// Several records written as one act (add spouse, parents, child).
    let acts: FamilyActs
    /// Two records of one person made one.
    let merges: PersonMerge
    /// The earlier versions of persons and of families the store keeps, for the history pages.
    let personVersions: RecordHistory
    let familyVersions: RecordHistory
    /// Pictures and documents: the API's media routes, whose rules the site's gallery follows.
    let media: MediaController
    /// Anonymous readers' pages, kept while the base and the day stay the same.
    let anonymousPages: AnonymousPageCache
    /// Who changed what: the history pages read it.
    var audit: AuditRepository { accounts.audit }

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/static/site.css", access: .open, in: catalog, documented: false) { _, _ in
            StaticAsset.response(SiteStylesheet.css, type: "text/css; charset=utf-8")
        }
        router.route(.get, "/static/site.js", access: .open, in: catalog, documented: false) { _, _ in
            StaticAsset.response(SiteScript.javascript, type: "text/javascript; charset=utf-8")
        }
        router.route(.get, "/sign-in", access: .open, in: catalog, documented: false, use: signInForm)
        router.route(.post, "/sign-in", access: .open, in: catalog, documented: false, use: signIn)
        router.route(.post, "/sign-out", access: .open, in: catalog, documented: false, use: signOut)
        router.route(.get, "/b", access: .publicRead, in: catalog, documented: false, use: bases)
        router.route(.get, "/b/:base", access: .publicRead, in: catalog, documented: false, use: home)
        router.route(.get, "/b/:base/p/:key", access: .publicRead, in: catalog, documented: false, use: person)
        router.route(.get, "/b/:base/p/:key/ancestors", access: .publicRead, in: catalog, documented: false, use: ancestors)
        router.route(.get, "/b/:base/p/:key/fan", access: .publicRead, in: catalog, documented: false, use: fan)
        router.route(.get, "/b/:base/p/:key/descendants", access: .publicRead, in: catalog, documented: false, use: descendants)
        router.route(.get, "/b/:base/p/:key/relationship", access: .publicRead, in: catalog, documented: false, use: relationship)
        router.route(.get, "/b/:base/p/:key/edit", access: .editor, in: catalog, documented: false, use: editPersonForm)
        router.route(.post, "/b/:base/p/:key/edit", access: .editor, in: catalog, documented: false, use: editPerson)
        router.route(.get, "/b/:base/p/:key/delete", access: .editor, in: catalog, documented: false, use: deletePersonForm)
        router.route(.post, "/b/:base/p/:key/delete", access: .editor, in: catalog, documented: false, use: deletePerson)
        router.route(.get, "/b/:base/p/:key/history", access: .editor, in: catalog, documented: false, use: personHistory)
        router.route(.get, "/b/:base/p/:key/media", access: .editor, in: catalog, documented: false, use: mediaForm)
        router.route(.post, "/b/:base/p/:key/media", access: .editor, in: catalog, documented: false, use: addMedia)
        router.route(.get, "/b/:base/m/:media_id", access: .publicRead, in: catalog, documented: false, use: media.file)
        router.route(.get, "/b/:base/suggest", access: .editor, in: catalog, documented: false, use: suggest)
        router.route(.get, "/b/:base/p/:key/history/:version", access: .editor, in: catalog, documented: false, use: personVersion)
        router.route(.post, "/b/:base/p/:key/history/:version", access: .editor, in: catalog, documented: false, use: restorePerson)
        router.route(.get, "/b/:base/p/:key/merge", access: .editor, in: catalog, documented: false, use: mergeForm)
        router.route(.post, "/b/:base/p/:key/merge", access: .editor, in: catalog, documented: false, use: merge)
        router.route(.get, "/b/:base/p/:key/add-spouse", access: .editor, in: catalog, documented: false, use: addSpouseForm)
        router.route(.post, "/b/:base/p/:key/add-spouse", access: .editor, in: catalog, documented: false, use: addSpouse)
        router.route(.get, "/b/:base/p/:key/add-parents", access: .editor, in: catalog, documented: false, use: addParentsForm)
        router.route(.post, "/b/:base/p/:key/add-parents", access: .editor, in: catalog, documented: false, use: addParents)
        router.route(.get, "/b/:base/f/:family_id/edit", access: .editor, in: catalog, documented: false, use: editFamilyForm)
        router.route(.post, "/b/:base/f/:family_id/edit", access: .editor, in: catalog, documented: false, use: editFamily)
        router.route(.get, "/b/:base/f/:family_id/history", access: .editor, in: catalog, documented: false, use: familyHistory)
        router.route(.get, "/b/:base/f/:family_id/history/:version", access: .editor, in: catalog, documented: false, use: familyVersion)
        router.route(.post, "/b/:base/f/:family_id/history/:version", access: .editor, in: catalog, documented: false, use: restoreFamily)
        router.route(.get, "/b/:base/f/:family_id/add-child", access: .editor, in: catalog, documented: false, use: addChildForm)
        router.route(.post, "/b/:base/f/:family_id/add-child", access: .editor, in: catalog, documented: false, use: addChild)
        router.route(.get, "/b/:base/new-person", access: .editor, in: catalog, documented: false, use: newPersonForm)
        router.route(.post, "/b/:base/new-person", access: .editor, in: catalog, documented: false, use: newPerson)
        router.route(.get, "/b/:base/f/:family_id", access: .publicRead, in: catalog, documented: false, use: family)
        router.route(.get, "/b/:base/surnames", access: .publicRead, in: catalog, documented: false, use: surnames)
        router.route(.get, "/b/:base/surnames/:name", access: .publicRead, in: catalog, documented: false, use: surname)
        router.route(.get, "/b/:base/first-names", access: .publicRead, in: catalog, documented: false, use: firstNames)
        router.route(.get, "/b/:base/first-names/:name", access: .publicRead, in: catalog, documented: false, use: firstName)
        router.route(.get, "/b/:base/places", access: .publicRead, in: catalog, documented: false, use: places)
        router.route(.get, "/b/:base/places/:name", access: .publicRead, in: catalog, documented: false, use: place)
        router.route(.get, "/b/:base/search", access: .publicRead, in: catalog, documented: false, use: searchPage)
        router.route(.get, "/b/:base/statistics", access: .publicRead, in: catalog, documented: false, use: statisticsPage)
        router.route(.get, "/b/:base/anniversaries", access: .publicRead, in: catalog, documented: false, use: anniversariesPage)
    }

    /// The base of the address, the caller's policy and the base's graph.
    /// Pages that neither draw nor walk the family (home, indexes, search, statistics,
    /// anniversaries) pass `needsGraph: false`: they get an empty graph and never wait for the
    /// base's graph to be built (seconds on a large base) or read its version. `base`: the base
    /// when the caller has resolved it already.
    func open(_ request: Request, _ context: AppRequestContext, needsGraph: Bool = true, base resolved: ResolvedBase? = nil) async throws -> SiteScope {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        let base = if let resolved { resolved } else { try await scope.resolve(request, context) }
        let graph = needsGraph ? try await graphs.graph(for: base.id) : GenealogyGraph(persons: [], families: [])
        var scope = SiteScope(
            site: site, base: base, policy: PrivacyPolicy(role: context.role, base: base),
            people: SitePeople(base: base.name, messages: site.messages, language: site.language), graph: graph)
        scope.canEdit = context.role.map { $0 >= .editor } ?? false
        return scope
    }

    /// `open`, and for an anonymous reader where the page is kept (`KeptPage`), with the kept
    /// page when it is current. The base's version is read before anything else is: a write
    /// committed while the page is built leaves it kept under the older version, unused.
    func openKeeping(_ request: Request, _ context: AppRequestContext) async throws -> (page: SiteScope, kept: KeptPage?) {
        guard context.identity == nil else { return (try await open(request, context), nil) }
        let base = try await scope.resolve(request, context)
        let version = try await graphs.repository.version(of: base.id)
        let page = try await open(request, context, base: base)
        let key = AnonymousPageKey(
            base: base.id, path: request.uri.path, query: request.uri.query ?? "", language: page.site.language.rawValue,
            publicNames: base.publicNames)
        let stamp = AnonymousPageCache.Stamp(version: version, day: page.policy.rule.today)
        return (page, KeptPage(key: key, stamp: stamp, answer: anonymousPages.answer(for: key, at: stamp), pages: anonymousPages))
    }

    /// The `:key` of the address.
    static func key(_ context: AppRequestContext) throws -> String {
        try context.parameters.require("key")
    }
}

/// The stylesheet and script, served from the binary; cached for a day (they change with
/// releases only).
enum StaticAsset {
    static func response(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Where an anonymous reader's page is kept (`SiteController.openKeeping`).
struct KeptPage {
    let key: AnonymousPageKey
    let stamp: AnonymousPageCache.Stamp
    /// The page as kept for this version and day, if it is.
    let answer: AnonymousPageCache.Answer?
    let pages: AnonymousPageCache

    func keep(_ body: ByteBuffer) {
        pages.keep(.init(stamp: stamp, body: body, entityVersion: nil), for: key)
    }
}
