import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// What the editing forms suggest as a place or a person is typed: `GET
/// /b/{base}/suggest?kind=place|person&q=…` (editors and admins, JSON), which the site's script
/// turns into the field's list of choices. Without script the forms do the same on Check: a
/// place the base does not know yet gets the known places that begin like it next to its field
/// (`placeHints`), and a person typed by words is a search step (`RelativeInput`, `WitnessInput`).
extension SiteController {
    static let suggestions = 10

    struct Suggestion: Encodable {
        let value: String
        let label: String
    }

    @Sendable func suggest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context, needsGraph: false)
        let query = request.uri.queryParameters
        let text = String((query.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        var found: [Suggestion] = []
        if !text.isEmpty {
            switch query.get("kind") {
            case "place":
                found = try await names.places(
                    base: page.base.id, visibility: .everyone, prefix: text, order: .count, offset: 0, limit: Self.suggestions
                ).names.map { Suggestion(value: $0.name, label: "\($0.name) (\($0.count))") }
            case "person":
                let (hits, _) = try await search.search(
                    PersonSearch(query: text), base: page.base.id, visibility: .everyone, offset: 0, limit: Self.suggestions)
                found = hits.map { hit in
                    let person = hit.person.value
                    return Suggestion(
                        value: SitePeople.pageKey(person), label: SitePeople.name(person) + (SitePeople.years(person).map { " (\($0))" } ?? ""))
                }
            default:
                throw APIError.validation([FieldError(field: "kind", message: "must be place or person")])
            }
        }
        var response = try JSONResponse.encode(found)
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    /// For each place field of `values` that names a place the base does not know, the known
    /// places that begin like it (its first word, or the start of it), most used first: the hint shown after Check.
    func placeHints(_ values: [String: String], page: SiteScope) async throws -> [String: String] {
        var hints: [String: String] = [:]
        for (field, value) in values where field.hasSuffix(".place") {
            let place = value.trimmingCharacters(in: .whitespaces)
            guard !place.isEmpty, hints.count < 50 else { continue }
            // The first word, shortened until some place begins like it (a misspelt ending, a
            // place not yet known beside a known one: "Quimperlé" finds "Quimper").
            var prefix = String(place.prefix { $0 != "," && $0 != " " }.prefix(100))
            var known: [NameCount] = []
            while prefix.count >= 3, known.isEmpty {
                known = try await names.places(base: page.base.id, visibility: .everyone, prefix: prefix, order: .count, offset: 0, limit: 5).names
                prefix = String(prefix.dropLast(max(1, prefix.count / 3)))
            }
            guard !known.isEmpty, !known.contains(where: { $0.key == NameNormalizer.key(place) }) else { continue }
            hints[field] = page.messages.format("form.known_places", known.map(\.name).joined(separator: "; "))
        }
        return hints
    }
}
