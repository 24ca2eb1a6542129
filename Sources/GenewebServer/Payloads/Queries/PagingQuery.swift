/// The paging parameters every list reads (`PageRequest`), described once for the handlers and
/// the OpenAPI document: `offset` (or the Python API's `skip`), `limit` (or `page_size`), and
/// `page` from 1. A route may set its own default and maximum page size.
struct PagingQuery: Sendable {
    let offset: QueryParameter
    let limit: QueryParameter
    let page: QueryParameter

    init(defaultLimit: Int = PageRequest.defaultLimit, maximumLimit: Int = PageRequest.maximumLimit) {
        let maximumOffset = PageRequest.maximumOffset
        offset = QueryParameter("offset", "skip", kind: .integer(0...maximumOffset, fallback: 0), description: "Items to skip")
        limit = QueryParameter("limit", "page_size", kind: .integer(1...maximumLimit, fallback: defaultLimit), description: "Items per page")
        page = QueryParameter(
            "page", kind: .integer(1...(maximumOffset + 1)),
            description: "Page number from 1, of limit items each, when no offset is given; (page - 1) × limit must not pass \(maximumOffset)")
    }

    static let standard = PagingQuery()

    var all: [QueryParameter] { [offset, limit, page] }
}
