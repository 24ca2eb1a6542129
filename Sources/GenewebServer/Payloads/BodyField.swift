/// One field of a JSON request body, described once: the names it is read under (ours first,
/// then synonyms such as the Python API's) and the JSON schema of its value. An input type lists
/// its fields; its parser refuses any other name (422) and the OpenAPI document is built from
/// the same list (`BodyField.schema`), so a field cannot be read without being documented, nor
/// documented without being read (each input's tests apply every documented name).
struct BodyField {
    let names: [String]
    let schema: [String: Any]

    init(_ names: String..., schema: [String: Any]) {
        self.names = names
        self.schema = schema
    }

    /// Every name of `fields`.
    static func names(of fields: [BodyField]) -> Set<String> {
        Set(fields.flatMap(\.names))
    }

    /// The object schema of a body made of `fields` (each name a property, synonyms included).
    static func schema(of fields: [BodyField], description: String) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in fields {
            for name in field.names { properties[name] = field.schema }
        }
        // Open: the read-only fields of our answers (`id`, `version`…) may be sent back and are ignored.
        return ["type": "object", "description": description, "properties": properties]
    }

    // The schemas fields are made of.
    static func text(nullable: Bool = false, maxLength: Int? = nil, format: String? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": nullable ? ["string", "null"] : "string"]
        if let maxLength { schema["maxLength"] = maxLength }
        if let format { schema["format"] = format }
        return schema
    }
    static func choice(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var boolean: [String: Any] { ["type": "boolean"] }
    static func list(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func nullable(_ name: String) -> [String: Any] { ["anyOf": [ref(name), ["type": "null"]]] }
    static func object(_ properties: [String: Any]) -> [String: Any] { ["type": "object", "properties": properties] }
}
