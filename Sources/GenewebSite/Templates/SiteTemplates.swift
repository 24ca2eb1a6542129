import Mustache

/// The site's templates, compiled into the binary (no files to ship beside it). Each page
/// template extends `layout`; `personLink` and `pager` are partials.
public enum SiteTemplates {
    static let all: [String: String] = [
        "layout": layout, "personLink": personLink, "pager": pager, "generationsChoice": generationsChoice, "error": error, "bases": bases, "home": home,
        "person": person, "family": family, "ancestors": ancestors, "fan": fan, "descendants": descendants,
        "relationship": relationship, "nameIndex": nameIndex, "personList": personList, "statistics": statistics,
        "anniversaries": anniversaries, "signIn": signIn, "formField": formField, "formSelect": formSelect, "formGroup": formGroup,
        "personForm": personForm, "deletePerson": deletePerson, "history": history, "familyAct": familyAct,
        "familyForm": familyForm, "mergePerson": mergePerson, "restoreVersion": restoreVersion, "mediaForm": mediaForm, "adminMenu": adminMenu,
        "adminOverview": adminOverview,
        "adminUsers": adminUsers,
        "adminAudit": adminAudit, "adminBases": adminBases, "adminDeleteBase": adminDeleteBase, "adminImport": adminImport,
        "adminImportJob": adminImportJob,
    ]

    /// Every template parsed once; a template that does not parse is a programming error the
    /// site tests catch before anything ships.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()
}

/// The pages the site renders, by template.
public enum SitePage: String, Sendable, CaseIterable {
    case error, signIn, bases, home, person, family, ancestors, fan, descendants, relationship, nameIndex, personList, statistics, anniversaries
    case personForm, deletePerson, history, familyAct, familyForm, mergePerson, restoreVersion, mediaForm
    case adminOverview, adminUsers, adminAudit, adminBases, adminDeleteBase, adminImport, adminImportJob
}

/// Renders a page: its model under `page`, the frame under `frame`, the labels under `t`.
public enum SiteRenderer {
    public static func render(_ template: SitePage, page: Any, frame: PageFrame) -> String {
        // Read once (`TemplateValue`), not reflected again at every lookup. The root is a
        // `TemplateValue` too: a `[String: Any]` there would be cast to the library's protocol
        // (a conditional conformance, found again at run time) each time a name climbs to it.
        let context = TemplateValue.root([
            "page": TemplateValue.wrap(page) ?? "", "frame": TemplateValue.wrap(frame) ?? "", "t": frame.messages,
        ])
        return SiteTemplates.library.render(context, withTemplate: template.rawValue) ?? ""
    }
}
