/// The query parameters of the `/genealogy/*` routes, read by `GenealogyController` and
/// documented from the same descriptions.
enum GenealogyQuery {
    static let defaultGenerations = 5
    static let maximumGenerations = 50

    /// Ancestors, descendants, tree.
    static let generations = QueryParameter(
        "max_generations", kind: .integer(1...maximumGenerations, fallback: defaultGenerations), description: "Generations to follow")
    /// Implex looks further back by default: pedigree collapse shows after a few generations.
    static let implexGenerations = QueryParameter(
        "max_generations", kind: .integer(1...maximumGenerations, fallback: 10), description: "Generations to follow")
    static let treeType = QueryParameter(
        "tree_type", "direction", kind: .choice(["full", "both", "ancestors", "descendants"]), description: "Direction of the tree")
    static let rootPerson = QueryParameter(
        "root_person_id", kind: .text(maxLength: 100, format: "uuid"), description: "The person numbered 1", required: true)
    static let top = QueryParameter("top", kind: .integer(1...100, fallback: 10), description: "Length of the name and lifespan lists")
    static let month = QueryParameter("month", kind: .integer(1...12), description: "Month (today's by default, UTC)")
    static let day = QueryParameter("day", kind: .integer(1...31), description: "Day of the month (today's by default, UTC)")
    static let anniversaryLimit = QueryParameter("limit", kind: .integer(1...1000, fallback: 100), description: "Most events of each kind")
    static let inbredLimit = QueryParameter("limit", kind: .integer(1...100, fallback: 20), description: "Length of the most-inbred list")

    /// By route pattern, without the `/api/v1/bases/:base` prefix.
    static func parameters(for pattern: String) -> [QueryParameter]? {
        switch pattern {
        case "/api/v1/genealogy/ancestors/:person_id", "/api/v1/genealogy/descendants/:person_id": [generations]
        case "/api/v1/genealogy/implex/:person_id": [implexGenerations]
        case "/api/v1/genealogy/tree/:person_id": [generations, treeType]
        case "/api/v1/genealogy/sosa/:sosa_number": [rootPerson]
        case "/api/v1/genealogy/stats": [top]
        case "/api/v1/genealogy/anniversaries": [month, day, anniversaryLimit]
        case "/api/v1/genealogy/consanguinity": [inbredLimit]
        default: nil
        }
    }
}
