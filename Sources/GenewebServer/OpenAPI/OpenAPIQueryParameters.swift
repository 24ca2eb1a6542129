/// The query parameters routes read, for the OpenAPI document, taken from the same
/// `QueryParameter` descriptions the handlers read them with. Keyed by the route pattern without
/// its `/api/v1/bases/:base` prefix; a test calls each route with each parameter set to a wrong
/// value and expects a 422 where the schema restricts it.
enum OpenAPIQueryParameters {
    /// The parameters of the route `path`, in the order the document lists them.
    static func described(for path: String) -> [QueryParameter] {
        let pattern = path.replacingOccurrences(of: "/api/v1/bases/:base", with: "/api/v1")
        if let described = GenealogyQuery.parameters(for: pattern) { return described }
        switch pattern {
        case "/api/v1/persons":
            return PagingQuery.standard.all + PersonListQuery.all
        case "/api/v1/persons/:person_id":
            return [ListFilters.cascade]
        case "/api/v1/sources", "/api/v1/notes", "/api/v1/places":
            return PagingQuery.standard.all + [ListFilters.recordText]
        case "/api/v1/families", "/api/v1/users", "/api/v1/media":
            return PagingQuery.standard.all
        case "/api/v1/audit":
            return PagingQuery.standard.all + [ListFilters.auditAction, ListFilters.auditEntity]
        case "/api/v1/search/persons":
            return SearchQuery.paging.all + SearchQuery.persons
        case "/api/v1/search/surnames", "/api/v1/search/first_names":
            return PagingQuery.standard.all + SearchQuery.nameIndex
        case "/api/v1/export":
            return [TransferQuery.exportFormat]
        case "/api/v1/import":
            return TransferQuery.importParameters
        default:
            return []
        }
    }

    static func parameters(for path: String) -> [[String: Any]] {
        described(for: path).flatMap(\.openAPI)
    }
}
