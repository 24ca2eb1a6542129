/// One query parameter a route reads, described once: its names (ours first, then the synonyms
/// we also read, such as the Python API's), what it holds and what it means. Handlers read it
/// through `QueryParameters` and the OpenAPI document lists it (`openAPI`) from the same value,
/// so the document cannot promise a range or a choice the handler does not check.
struct QueryParameter: Sendable {
    enum Kind: Sendable {
        /// A trimmed text of at most `maxLength` characters; `format` for the document only.
        case text(maxLength: Int, format: String? = nil)
        /// A whole number within the range; `fallback` when absent.
        case integer(ClosedRange<Int>, fallback: Int? = nil)
        /// true/false, 1/0, yes/no, on/off.
        case boolean
        /// One of the choices, compared without case.
        case choice([String])
    }

    let names: [String]
    let kind: Kind
    let description: String
    /// Required parameters are checked by the handler (its 422 names the parameter).
    var required = false

    init(_ names: String..., kind: Kind, description: String, required: Bool = false) {
        self.names = names
        self.kind = kind
        self.description = description
        self.required = required
    }

    var name: String { names[0] }

    /// The parameter's entries in the OpenAPI document: one per name, synonyms saying so.
    var openAPI: [[String: Any]] {
        let synonyms = names.dropFirst()
        let primary = synonyms.isEmpty ? description : "\(description) (also \(synonyms.joined(separator: ", ")))"
        return [entry(name, primary)] + synonyms.map { entry($0, "Synonym of \(name)") }
    }

    private func entry(_ name: String, _ text: String) -> [String: Any] {
        var schema: [String: Any]
        switch kind {
        case .text(let maxLength, let format):
            schema = ["type": "string", "maxLength": maxLength]
            if let format { schema["format"] = format }
        case .integer(let range, let fallback):
            schema = ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
            if let fallback { schema["default"] = fallback }
        case .boolean:
            schema = ["type": "boolean", "default": false]
        case .choice(let choices):
            schema = ["type": "string", "enum": choices]
        }
        return ["name": name, "in": "query", "required": required, "description": text, "schema": schema]
    }
}
