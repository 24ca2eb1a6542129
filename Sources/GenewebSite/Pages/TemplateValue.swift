import Mustache

/// A page model as the templates read it: each struct's stored properties read once into a
/// dictionary, recursively. The template library would otherwise reflect (`Mirror`) an object
/// again for every name it looks up in it, and for every enclosing object it climbs through —
/// a third of a page's time in the benchmark. Optionals become absent names (so a template
/// climbs past them as before), arrays stay arrays, plain values stay themselves.
final class TemplateValue: MustacheParent {
    private let fields: [String: Any]

    private init(fields: [String: Any]) {
        self.fields = fields
    }

    func child(named name: String) -> Any? { fields[name] }

    /// The names a render starts from, already prepared.
    static func root(_ fields: [String: Any]) -> TemplateValue { TemplateValue(fields: fields) }

    /// `value` ready for the templates (nil for an empty optional).
    static func wrap(_ value: Any) -> Any? {
        switch value {
        case is String, is Int, is Bool, is Double, is UInt64, is MustacheParent:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { wrap($0.value) }
        case .collection:
            return mirror.children.compactMap { wrap($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let wrapped = wrap(child.value) else { continue }
                fields[label] = wrapped
            }
            return TemplateValue(fields: fields)
        default:
            return value
        }
    }
}
