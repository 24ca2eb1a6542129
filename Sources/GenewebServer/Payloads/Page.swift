import Hummingbird

/// `?offset=&limit=` of list routes (`skip` is accepted for `offset`, as in the Python API):
/// limit 50 by default, at most 1000.
struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maximumLimit = 1000

    let offset: Int
    let limit: Int

    init(offset: Int = 0, limit: Int = PageRequest.defaultLimit) {
        self.offset = offset
        self.limit = limit
    }

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        func integer(_ name: String) -> Int? {
            guard let raw = query[name[...]] else { return nil }
            guard let value = Int(String(raw)) else {
                errors.append(FieldError(field: name, message: "must be an integer"))
                return nil
            }
            return value
        }
        // The Python API pages with `page` (from 1) and `page_size`.
        let pageSize = integer("page_size")
        let pageNumber = integer("page")
        if let pageNumber, pageNumber < 1 { errors.append(FieldError(field: "page", message: "must be 1 or more")) }
        let limit = integer("limit") ?? pageSize ?? Self.defaultLimit
        let offset = integer("offset") ?? integer("skip") ?? pageNumber.map { max($0 - 1, 0) * limit } ?? 0
        if offset < 0 { errors.append(FieldError(field: "offset", message: "must be 0 or more")) }
        if !(1...Self.maximumLimit).contains(limit) {
            errors.append(FieldError(field: "limit", message: "must be between 1 and \(Self.maximumLimit)"))
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        self.offset = offset
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
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(total, forKey: .total)
        try container.encode(offset, forKey: .offset)
        try container.encode(limit, forKey: .limit)
        try container.encode(offset / max(limit, 1) + 1, forKey: .page)
        try container.encode(limit, forKey: .pageSize)
        try container.encode((total + limit - 1) / max(limit, 1), forKey: .totalPages)
        try container.encode(offset + items.count < total, forKey: .hasNext)
        try container.encode(offset > 0, forKey: .hasPrevious)
    }
}
