import GenewebCore
import GenewebStore

/// The filters of `GET /persons`, with the Python API's names as synonyms; read by
/// `PersonsController.list` and documented from the same descriptions.
enum PersonListQuery {
    static let surname = QueryParameter(
        "surname", "last_name", kind: .text(maxLength: 100), description: "Surname prefix, accents and case ignored")
    static let firstName = QueryParameter("first_name", kind: .text(maxLength: 100), description: "First-name prefix, accents and case ignored")
    static let sex = QueryParameter("sex", kind: .choice(Sex.allCases.map(\.rawValue)), description: "Sex")
    static let birthYearFrom = QueryParameter(
        "birth_year_from", "birth_year_min", kind: .integer(-5000...3000), description: "Earliest birth year")
    static let birthYearTo = QueryParameter("birth_year_to", "birth_year_max", kind: .integer(-5000...3000), description: "Latest birth year")

    static let all = [surname, firstName, sex, birthYearFrom, birthYearTo]

    /// The filter the query asks for; problems are collected in `query`.
    static func filter(_ query: inout QueryParameters) -> PersonFilter {
        var filter = PersonFilter(
            surname: query.text(surname), firstName: query.text(firstName),
            birthYearFrom: query.integer(birthYearFrom), birthYearTo: query.integer(birthYearTo))
        if let sex = query.choice(sex).flatMap(Sex.init(rawValue:)) { filter.sex = sex }
        return filter
    }
}
