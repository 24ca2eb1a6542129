/// What every page shows around its content: language, title, the base, the search box, the
/// language switch and the base's menu.
public struct PageFrame: Sendable {
    public struct LanguageLink: Sendable {
        public let code: String
        public let name: String
        public let href: String
        public let current: Bool
    }

    public struct MenuItem: Sendable {
        public let label: String
        public let href: String
        public let current: Bool
    }

    public let language: String
    public let messages: Messages
    public var title: String
    public var baseName: String?
    public var brand: String
    public var homeHref: String
    public var searchHref: String?
    public var query: String
    public var languages: [LanguageLink]
    public var menu: [MenuItem]
    /// Stored, not computed: templates see stored properties only.
    public let hasMenu: Bool
    /// The signed-in user's name (nil: anonymous, the header offers to sign in).
    public var user: String?
    /// The administration pages, for admins.
    public var adminHref: String?
    /// The anti-forgery token every form of the page carries.
    public var formToken = ""
    public var signInHref = "/sign-in"
    /// Seconds after which the browser reloads the page (a running import's page follows it
    /// without script); nil for every other page.
    public var refreshSeconds: String?

    /// The frame of a page of `base` (nil: the server's own pages), at `path` with `query`
    /// (the language links keep it, changing only `lang`).
    public init(language: SiteLanguage, title: String, base: String?, path: String, queryItems: [(String, String)], current: MenuEntry?) {
        self.language = language.rawValue
        messages = language.messages
        self.title = title
        baseName = base
        brand = base ?? language.messages["site_title"]
        let root = base.map { SiteURL.base($0) } ?? "/"
        homeHref = root
        searchHref = base.map { SiteURL.base($0) + "/search" }
        query = ""
        languages = SiteLanguage.allCases.map { other in
            let items = queryItems.filter { $0.0 != "lang" } + [("lang", other.rawValue)]
            return LanguageLink(code: other.rawValue, name: other.ownName, href: path + SiteURL.query(items), current: other == language)
        }
        if let base {
            let messages = language.messages
            let entries: [(MenuEntry, String, String)] = [
                (.home, messages["home"], SiteURL.base(base)), (.surnames, messages["surnames"], SiteURL.base(base) + "/surnames"),
                (.firstNames, messages["first_names"], SiteURL.base(base) + "/first-names"),
                (.places, messages["places"], SiteURL.base(base) + "/places"),
                (.anniversaries, messages["anniversaries"], SiteURL.base(base) + "/anniversaries"),
                (.statistics, messages["statistics"], SiteURL.base(base) + "/statistics"),
            ]
            menu = entries.map { MenuItem(label: $0.1, href: $0.2, current: $0.0 == current) }
        } else {
            menu = []
        }
        hasMenu = base != nil
    }

    public enum MenuEntry: Sendable {
        case home, surnames, firstNames, places, anniversaries, statistics
    }
}
