import GenewebCore
import GenewebStore

/// The parameters of `/search/persons` and of the surname and first-name indexes, read by
/// `SearchController` and documented from the same descriptions.
enum SearchQuery {
    /// The Python API's bounds: 20 results by default, at most 100.
    static let paging = PagingQuery(defaultLimit: 20, maximumLimit: 100)

    static let query = QueryParameter(
        "query", "q", kind: .text(maxLength: 200),
        description: "Words of a name in any order: each must begin a word of the names or sound like one")
    static let firstName = QueryParameter("first_name", kind: .text(maxLength: 100), description: "Words of the first names")
    static let surname = QueryParameter("surname", "last_name", kind: .text(maxLength: 100), description: "Words of the surname")
    static let birthPlace = QueryParameter("birth_place", kind: .text(maxLength: 200), description: "Words of the place of birth")
    static let sex = QueryParameter("sex", kind: .choice(Sex.allCases.map(\.rawValue)), description: "Sex")
    static let birthYearFrom = QueryParameter("birth_year_from", kind: .integer(-5000...3000), description: "Earliest birth year")
    static let birthYearTo = QueryParameter("birth_year_to", kind: .integer(-5000...3000), description: "Latest birth year")
    static let includeLiving = QueryParameter(
        "include_living", kind: .boolean, description: "Include living persons (editors and admins only; ignored for others)")

    static let persons = [query, firstName, surname, birthPlace, sex, birthYearFrom, birthYearTo, includeLiving]

    /// The criteria of a person search; problems are collected in `parameters`.
    static func criteria(_ parameters: inout QueryParameters) -> PersonSearch {
        PersonSearch(
            query: parameters.text(query),
            firstName: parameters.text(firstName),
            surname: parameters.text(surname),
            birthPlace: parameters.text(birthPlace),
            sex: parameters.choice(sex).flatMap(Sex.init(rawValue:)),
            birthYearFrom: parameters.integer(birthYearFrom),
            birthYearTo: parameters.integer(birthYearTo)
        )
    }

    static let prefix = QueryParameter("prefix", kind: .text(maxLength: 100), description: "Beginning of the name, accents and case ignored")
    static let order = QueryParameter(
        "order", kind: .choice(NameIndexRepository.Order.allCases.map(\.rawValue)), description: "Alphabetical, or most frequent first")

    static let nameIndex = [prefix, order]
}
