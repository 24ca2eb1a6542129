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
        let offset = integer("offset") ?? integer("skip") ?? 0
        let limit = integer("limit") ?? Self.defaultLimit
        if offset < 0 { errors.append(FieldError(field: "offset", message: "must be 0 or more")) }
        if !(1...Self.maximumLimit).contains(limit) {
            errors.append(FieldError(field: "limit", message: "must be between 1 and \(Self.maximumLimit)"))
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        self.offset = offset
        self.limit = limit
    }
}

/// `{"items": [...], "total": N, "offset": o, "limit": l}`.
struct PageResponse<Item: Encodable>: Encodable {
    let items: [Item]
    let total: Int
    let offset: Int
    let limit: Int
}
