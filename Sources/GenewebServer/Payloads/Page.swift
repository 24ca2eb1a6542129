import Hummingbird

/// The paging of list routes: `offset` (or `skip`, as in the Python API) and `limit`, or the
/// Python API's `page` (from 1) and `page_size`. Limit 50 by default, at most 1000 (routes may
/// set their own); offsets at most `maximumOffset`, however they are given.
struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maximumLimit = 1000
    /// The furthest a list pages. No base holds ten million of anything, and the bound keeps
    /// `page × page_size` and `offset + count` far from overflow whatever a client sends.
    static let maximumOffset = 10_000_000

    let offset: Int
    let limit: Int

    init(offset: Int = 0, limit: Int = PageRequest.defaultLimit) {
        self.offset = offset
        self.limit = limit
    }

    /// The paging of `request`, or the 422 naming each wrong parameter.
    init(_ request: Request) throws {
        var query = QueryParameters(request)
        self.init(&query)
        try query.validate()
    }

    /// Reads the paging parameters, adding any problem to `query`'s errors. An `offset` (or
    /// `skip`) wins over `page`.
    init(_ query: inout QueryParameters, paging: PagingQuery = .standard) {
        let limit = query.integerOrFallback(paging.limit)
        var offset = query.integer(paging.offset)
        let page = query.integer(paging.page)
        if offset == nil, let page {
            let (skipped, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
            if overflow || skipped > Self.maximumOffset {
                query.fail("page", "must be at most \(Self.maximumOffset / limit + 1) with page_size \(limit)")
            } else {
                offset = skipped
            }
        }
        self.offset = offset ?? 0
        self.limit = limit
    }
}

/// `{"items": [...], "total": N, "offset": o, "limit": l}`, plus the Python API's page fields
/// (`page`, `page_size`, `total_pages`, `has_next`, `has_previous`) so its clients page too.
struct PageResponse<Item: Encodable>: Encodable {
    let items: [Item]
    let total: Int
    let offset: Int
    let limit: Int

    enum CodingKeys: String, CodingKey {
        case items, total, offset, limit, page
        case pageSize = "page_size"
        case totalPages = "total_pages"
        case hasNext = "has_next"
        case hasPrevious = "has_previous"
    }

    func encode(to encoder: any Encoder) throws {
        let perPage = max(limit, 1)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(total, forKey: .total)
        try container.encode(offset, forKey: .offset)
        try container.encode(limit, forKey: .limit)
        try container.encode(offset / perPage + 1, forKey: .page)
        try container.encode(limit, forKey: .pageSize)
        // Written so that no sum can overflow, whatever the counts.
        try container.encode(total <= 0 ? 0 : (total - 1) / perPage + 1, forKey: .totalPages)
        try container.encode(items.count < total - min(offset, total), forKey: .hasNext)
        try container.encode(offset > 0, forKey: .hasPrevious)
    }
}
