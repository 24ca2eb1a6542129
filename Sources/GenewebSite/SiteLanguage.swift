import Foundation
import GenewebCore

/// The languages the site speaks. Adding one is adding its catalog (`Messages/`), a case here
/// and its date words in the core; `MessagesTests` fails until every key is translated.
public enum SiteLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case french = "fr"

    /// The language's own name, for the switch in the page header.
    public var ownName: String {
        switch self {
        case .english: "English"
        case .french: "Français"
        }
    }

    public var messages: Messages {
        switch self {
        case .english: .english
        case .french: .french
        }
    }

    public var dateLanguage: DateWords.Language {
        switch self {
        case .english: .english
        case .french: .french
        }
    }

    /// The page's language: `?lang=` first, then the `lang` cookie, then the browser's
    /// `Accept-Language` preferences in order of their weights, then English.
    public static func negotiate(query: String?, cookie: String?, acceptLanguage: String?) -> SiteLanguage {
        if let query, let language = SiteLanguage(code: query) { return language }
        if let cookie, let language = SiteLanguage(code: cookie) { return language }
        if let acceptLanguage {
            for code in preferences(acceptLanguage) {
                if let language = SiteLanguage(code: code) { return language }
            }
        }
        return .english
    }

    /// `fr`, `fr-CA`, `FR` all name French.
    public init?(code: String) {
        let primary = code.split(separator: "-").first.map { $0.lowercased() } ?? ""
        guard let language = SiteLanguage(rawValue: primary) else { return nil }
        self = language
    }

    /// The language tags of an `Accept-Language` header, best first (ties keep their order).
    /// At most 20 entries are read: the header is the client's, and reading stays bounded.
    static func preferences(_ header: String) -> [String] {
        var weighted: [(tag: String, weight: Double, position: Int)] = []
        for (position, part) in header.split(separator: ",").prefix(20).enumerated() {
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingCharacters(in: .whitespaces), !tag.isEmpty, tag.count <= 35 else { continue }
            var weight = 1.0
            for parameter in pieces.dropFirst() {
                let trimmed = parameter.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("q="), let value = Double(trimmed.dropFirst(2)), value.isFinite { weight = min(max(value, 0), 1) }
            }
            if weight > 0 { weighted.append((tag, weight, position)) }
        }
        return weighted.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.position < $1.position }.map(\.tag)
    }
}
