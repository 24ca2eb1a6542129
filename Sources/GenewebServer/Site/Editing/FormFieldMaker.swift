import Foundation
import GenewebCore
import GenewebSite

/// Makes the fields of an editing form from the posted (or stored) values and the problems
/// found in them: labels from the catalog, problems in the page's language, and each date read
/// back in words.
struct FormFieldMaker {
    let values: [String: String]
    let messages: Messages
    let language: DateWords.Language
    private(set) var problems: [String: String] = [:]

    init(values: [String: String], errors: [FieldError], messages: Messages, language: DateWords.Language) {
        self.values = values
        self.messages = messages
        self.language = language
        for error in errors where problems[error.field] == nil {
            problems[error.field] = Self.problem(error, value: values[error.field], messages: messages)
        }
    }

    /// The field `name`, labelled by its last part (`birth.date` → "Date") unless `label` says.
    func field(_ name: String, label: String? = nil, textarea: Bool = false, hint: String? = nil, inputType: String = "text") -> FormFieldModel {
        let value = values[name] ?? ""
        let last = name.split(separator: ".").last.map(String.init) ?? name
        var words: String?
        if ["date", "start", "end"].contains(last), problems[name] == nil, !value.trimmingCharacters(in: .whitespaces).isEmpty,
            case .success(let date) = DateInput.parse(value)
        {
            words = DateWords.text(date, language)
        }
        return FormFieldModel(
            name: name, label: label ?? messages["form.\(last)"], value: value, error: problems[name], words: words, hint: hint, textarea: textarea,
            inputType: inputType, suggest: textarea ? nil : last == "place" ? "place" : last == "existing" ? "person" : nil)
    }

    /// The date of an event, with the syntax hint.
    func date(_ name: String, label: String? = nil) -> FormFieldModel {
        field(name, label: label, hint: messages["form.date_hint"])
    }

    func select(_ name: String, label: String, choices: [(String, String)], default fallback: String) -> FormSelectModel {
        FormSelectModel(name: name, label: label, choices: choices, selected: values[name] ?? fallback, error: problems[name])
    }

    /// A field's problem in the page's language. The parser's own words (English) follow the
    /// translated sentence for the rarer problems, so nothing it says is lost.
    static func problem(_ error: FieldError, value: String?, messages: Messages) -> String {
        switch error.message {
        case "required", "is required": return messages["form.required"]
        case "taken": return messages["form.taken"]
        case "unknown key": return messages["form.unknown_key"]
        case "no match": return messages["form.no_match"]
        case "choose": return messages["form.choose_one"]
        case "is the person of this page": return messages["form.self"]
        case "already has parents": return messages["form.has_parents"]
        case "is already in this family": return messages["form.in_family"]
        case let message where message.hasPrefix("witness."):
            let parts = message.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            return messages.format(parts[0], parts.dropFirst().first ?? "", parts.dropFirst(2).first ?? "")
        default:
            let name = error.field.split(separator: ".").last.map(String.init) ?? error.field
            if ["date", "start", "end"].contains(name) { return messages.format("form.bad_date", value ?? "", error.message) }
            return messages.format("form.invalid", error.message)
        }
    }
}
