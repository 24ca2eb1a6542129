/// The query parameters routes read, for the OpenAPI document. Keyed by the route pattern
/// without its `/api/v1/bases/:base` prefix; a test calls each route with each parameter set to
/// a wrong value and expects a 422 where the schema restricts it.
enum OpenAPIQueryParameters {
    private static func string(_ name: String, _ description: String, maxLength: Int? = nil, choices: [String]? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "string"]
        if let maxLength { schema["maxLength"] = maxLength }
        if let choices { schema["enum"] = choices }
        return ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }

    private static func integer(_ name: String, _ description: String, _ range: ClosedRange<Int>, default value: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
        if let value { schema["default"] = value }
        return ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }

    private static func boolean(_ name: String, _ description: String) -> [String: Any] {
        ["name": name, "in": "query", "required": false, "description": description, "schema": ["type": "boolean", "default": false]]
    }

    /// The paging every list reads (`PageRequest`): `offset` or its synonym `skip`, `limit` or
    /// its synonym `page_size`, and `page` (from 1). Offsets stop at `PageRequest.maximumOffset`.
    static func paging(defaultLimit: Int = PageRequest.defaultLimit, maximumLimit: Int = PageRequest.maximumLimit) -> [[String: Any]] {
        let maximumOffset = PageRequest.maximumOffset
        return [
            integer("offset", "Items to skip (also skip)", 0...maximumOffset, default: 0),
            integer("skip", "Synonym of offset (the Python API's name)", 0...maximumOffset),
            integer("limit", "Items per page (also page_size)", 1...maximumLimit, default: defaultLimit),
            integer("page_size", "Synonym of limit (the Python API's name)", 1...maximumLimit),
            integer(
                "page",
                "Page number from 1, of limit items each, when no offset is given; "
                    + "(page - 1) × limit must not pass \(maximumOffset)", 1...(maximumOffset + 1)),
        ]
    }

    private static let sexes = ["male", "female", "unknown"]

    static func parameters(for path: String) -> [[String: Any]] {
        let pattern = path.replacingOccurrences(of: "/api/v1/bases/:base", with: "/api/v1")
        if let described = GenealogyQuery.parameters(for: pattern) { return described.flatMap(\.openAPI) }
        switch pattern {
        case "/api/v1/persons":
            return paging() + PersonListQuery.all.flatMap(\.openAPI)
        case "/api/v1/persons/:person_id":
            return [string("cascade", "On DELETE, `unlink` removes the person from their families first", choices: ["unlink"])]
        case "/api/v1/sources", "/api/v1/notes", "/api/v1/places":
            return paging() + [string("q", "Text the title or name contains", maxLength: 200)]
        case "/api/v1/families", "/api/v1/users", "/api/v1/audit":
            let filters =
                pattern == "/api/v1/audit"
                ? [
                    string("action", "Only entries of this action, e.g. person.create", maxLength: 200),
                    string("entity_id", "Only entries about this record", maxLength: 200),
                ] : []
            return paging() + filters
        case "/api/v1/search/persons":
            return paging(defaultLimit: SearchController.defaultLimit, maximumLimit: SearchController.maximumLimit) + [
                string("query", "Words of a name in any order: each must begin a word of the names or sound like one (also q)", maxLength: 200),
                string("q", "Synonym of query", maxLength: 200),
                string("first_name", "Words of the first names", maxLength: 100),
                string("surname", "Words of the surname (also last_name)", maxLength: 100),
                string("last_name", "Synonym of surname (the Python API's name)", maxLength: 100),
                string("birth_place", "Words of the place of birth", maxLength: 200),
                string("sex", "Sex", choices: sexes),
                integer("birth_year_from", "Earliest birth year", -5000...3000),
                integer("birth_year_to", "Latest birth year", -5000...3000),
                boolean("include_living", "Include living persons (editors and admins only; ignored for others)"),
            ]
        case "/api/v1/search/surnames", "/api/v1/search/first_names":
            return paging() + [
                string("prefix", "Beginning of the name, accents and case ignored", maxLength: 100),
                string("order", "Alphabetical, or most frequent first", choices: ["name", "count"]),
            ]
        case "/api/v1/export":
            return [string("format", "File format", choices: ["gedcom551", "gedcom7", "gw"])]
        case "/api/v1/import":
            return [
                boolean("replace", "Replace the base's contents instead of refusing a non-empty base (true, 1 or yes; anything else is false)"),
                string("format", "The file's format; auto guesses from the file name and content", choices: ["auto", "gedcom", "gw"]),
                string("filename", "The file's name, when the body is the raw file (a multipart part carries its own)"),
            ]
        default:
            return []
        }
    }
}
