import Foundation

/// What this process keeps in memory about each base: the genealogy graph, consanguinity,
/// statistics, name-index pages, persons' and genealogy routes' JSON answers and anonymous
/// readers' pages. Each is checked against the base's version on every use
/// (`BaseVersions`, in memory): this process's writes are seen at the next request, another
/// instance's once its notification arrives; shared by the routes that compute
/// them and by `POST /database/reload`, which drops a base's entries.
struct BaseCaches: Sendable {
    let graphs: GraphCache
    let consanguinity = ConsanguinityCache()
    let statistics = ResponseCache()
    let namePages = ResponseCache()
    let persons = PersonAnswerCache(byteBudget: 32 << 20)
    let genealogy = GenealogyAnswerCache(byteBudget: 32 << 20)
    let anonymousPages = AnonymousPageCache(byteBudget: 64 << 20)

    /// Drops everything kept about the base: its memory goes back, and the next request computes
    /// again from the database.
    func forget(base: Int) {
        graphs.forget(base: base)
        consanguinity.forget(base: base)
        statistics.forget(base: base)
        namePages.forget(base: base)
        persons.forget(base: base)
        genealogy.forget(base: base)
        anonymousPages.forget(base: base)
    }
}
