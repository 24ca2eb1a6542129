/// The query parameters of the site's pages, each bounded before use (a wrong value is a 422,
/// shown as the site's error page).
enum SiteQuery {
    static let pedigreeGenerations = QueryParameter(
        "generations", kind: .integer(1...10, fallback: 5), description: "Generations of the pedigree chart")
    static let fanGenerations = QueryParameter("generations", kind: .integer(2...8, fallback: 6), description: "Generations of the fan chart")
    static let fanAngle = QueryParameter("angle", kind: .choice(["180", "270", "360"]), description: "Opening of the fan chart, in degrees")
    static let descendantGenerations = QueryParameter(
        "generations", kind: .integer(1...12, fallback: 4), description: "Generations of the descendant tree")
    static let other = QueryParameter("with", kind: .text(maxLength: 200), description: "The second person: a GeneWeb key or words of a name")
    static let query = QueryParameter("q", kind: .text(maxLength: 200), description: "Words of a name")
    static let prefix = QueryParameter("prefix", kind: .text(maxLength: 100), description: "Beginning of the name")
    static let order = QueryParameter("order", kind: .choice(["name", "count"]), description: "Alphabetical or most frequent first")
    static let page = QueryParameter("page", kind: .integer(1...100_000, fallback: 1), description: "Page number from 1")
    static let day = QueryParameter("day", kind: .integer(1...31), description: "Day of the month")
    static let month = QueryParameter("month", kind: .integer(1...12), description: "Month")
    static let auditAction = QueryParameter("action", kind: .text(maxLength: 100), description: "An action of the audit log (person.update)")
    static let auditEntity = QueryParameter("entity", kind: .text(maxLength: 100), description: "The id of a record or an account")
}
