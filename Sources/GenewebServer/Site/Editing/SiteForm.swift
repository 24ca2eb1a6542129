import Foundation
import Hummingbird

/// A posted HTML form (`application/x-www-form-urlencoded`): its fields in the order the
/// browser sent them. Bounded like every body (`maxUploadSize`), and at most `maximumFields`
/// fields, each name at most 100 characters; a NUL in a name or value is refused as the API
/// refuses it.
struct SiteForm {
    static let maximumFields = 2_000
    let fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// The first value of `name`, nil when the form does not hold it.
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The value of `name`, trimmed, nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func read(_ request: Request, context: AppRequestContext) async throws -> SiteForm {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw APIError(.unsupportedMediaType, detail: "A form is sent as application/x-www-form-urlencoded")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let body = String(buffer: buffer)
        try RequestText.refuse(RequestText.nulFields(inForm: body))
        return try SiteForm(parsing: body)
    }

    init(parsing body: String) throws {
        var fields: [(String, String)] = []
        for pair in body.split(separator: "&") {
            guard fields.count < Self.maximumFields else { throw APIError.badRequest("The form has more than \(Self.maximumFields) fields") }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring?) -> String {
                guard let text else { return "" }
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decoded(parts.first)
            guard name.count <= 100 else { throw APIError.badRequest("A field name of the form is longer than 100 characters") }
            // Browsers send CR LF in text areas; the records keep plain line feeds.
            fields.append((name, decoded(parts.dropFirst().first).replacingOccurrences(of: "\r\n", with: "\n")))
        }
        self.fields = fields
    }
}
