import Foundation
import GenewebCore
import Testing

@testable import GenewebServer

/// A person's and a family's bodies are described once (`BodyField`): every documented name is
/// read by the parser, nothing else is, and the OpenAPI document lists exactly those names.
@Suite("Request bodies described once")
struct BodyFieldTests {
    /// A value of the documented type: not always valid for the field (a date text may not read),
    /// but never a reason to say the field does not exist.
    static func sample(_ schema: [String: Any]) -> Any {
        if let choices = schema["enum"] as? [String] { return choices[0] }
        if schema["anyOf"] != nil || schema["$ref"] != nil { return NSNull() }
        let type = (schema["type"] as? String) ?? (schema["type"] as? [String])?.first ?? "string"
        switch type {
        case "integer": return 1
        case "boolean": return false
        case "array": return [Any]()
        case "object": return NSNull()
        default: return "1850"
        }
    }

    @Test("every documented field of a person's body is read, an undocumented one is refused")
    func personFields() {
        for field in PersonInput.fields {
            for name in field.names {
                var input = PersonInput()
                var person = Person(firstName: "A", surname: "B")
                input.apply([name: Self.sample(field.schema)], to: &person, complete: false)
                #expect(!input.errors.contains { $0.field == name && $0.message.contains("is not a field") }, "\(name)")
            }
        }
        var input = PersonInput()
        var person = Person(firstName: "A", surname: "B")
        input.apply(["first_nme": "typo", "version": 3], to: &person, complete: false)
        #expect(input.errors.map(\.field) == ["first_nme"], "a typo is refused, a read-only field is ignored")
        let properties = PersonInput.schema["properties"] as? [String: Any] ?? [:]
        #expect(Set(properties.keys) == PersonInput.fieldNames && properties.keys.contains("sources"))
    }

    @Test("every documented field of a family's body is read, an undocumented one is refused")
    func familyFields() {
        for field in FamilyInput.fields {
            for name in field.names {
                var input = FamilyInput()
                var family = Family(parents: [], children: [])
                input.apply([name: Self.sample(field.schema)], to: &family)
                #expect(!input.errors.contains { $0.field == name && $0.message.contains("is not a field") }, "\(name)")
            }
        }
        var input = FamilyInput()
        var family = Family(parents: [], children: [])
        input.apply(["marriage_dat": "1850"], to: &family)
        #expect(input.errors.map(\.field) == ["marriage_dat"])
        let properties = FamilyInput.schema["properties"] as? [String: Any] ?? [:]
        #expect(Set(properties.keys) == FamilyInput.fieldNames && properties.keys.contains("marriage_note"))
    }

    @Test("the OpenAPI document's PersonInput and FamilyInput are those descriptions")
    func inTheDocument() {
        let schemas = OpenAPISchemas.all
        #expect(NSDictionary(dictionary: schemas["PersonInput"] as? [String: Any] ?? [:]).isEqual(to: PersonInput.schema))
        #expect(NSDictionary(dictionary: schemas["FamilyInput"] as? [String: Any] ?? [:]).isEqual(to: FamilyInput.schema))
    }
}
