import Foundation
import GenewebStore
import Hummingbird

/// The HTTP answer to a write the store refused, given once for every route (`ErrorMiddleware`)
/// rather than in each handler: a stale `If-Match` is 412 with the current `ETag`, a taken key
/// or a person still in families is 409, a record gone meanwhile is 404.
extension WriteConflict {
    func apiError(entity: String) -> APIError {
        switch self {
        case .staleVersion(let current):
            var headers = HTTPFields()
            headers[.eTag] = "\"\(current)\""
            return APIError(.preconditionFailed, detail: "The \(entity) changed since you read it (now version \(current)); read it again", headers: headers)
        case .duplicateKey(let key):
            return .conflict("Another person of this base has the key \(key); choose another occurrence number")
        case .stillLinked(let families):
            return .conflict("The person is still in \(families.count) families; remove them first or use ?cascade=unlink")
        case .notFound:
            return .notFound("\(entity.capitalized) not found")
        }
    }

    /// The record a route writes, named after the last collection in its path
    /// (`/persons/{person_id}/anonymize` writes a person).
    static func entity(ofRoute path: String?) -> String {
        let segments = (path ?? "").split(separator: "/").reversed()
        return segments.lazy.compactMap { entities[String($0)] }.first ?? "record"
    }

    private static let entities = [
        "persons": "person", "families": "family", "sources": "source", "notes": "note", "places": "place", "media": "media",
    ]
}
