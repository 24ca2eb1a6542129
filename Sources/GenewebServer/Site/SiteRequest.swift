import Foundation
import GenewebSite
import HTTPTypes
import Hummingbird

/// One page request as the site sees it: the language (`?lang=`, the `lang` cookie, then
/// `Accept-Language`), the path and query (for the language links), and how to answer in HTML.
struct SiteRequest {
    let language: SiteLanguage
    let path: String
    let queryItems: [(String, String)]
    /// `?lang=` was given: the answer remembers it in a cookie.
    let choseLanguage: Bool
    /// The signed-in user's name, for the header.
    let user: String?
    /// The header links to the administration pages.
    let isAdmin: Bool
    let cookies: SiteCookies
    /// The browser's anti-forgery nonce, or a new one the answer sets (`FormTokens`); empty
    /// on a page without forms (see `init`).
    let formNonce: String
    let newNonce: Bool
    /// The token the page's forms carry.
    let formToken: String

    var messages: Messages { language.messages }

    /// A page has forms that post (and need the anti-forgery token) when someone is signed in
    /// (the header's sign-out form, and the editing forms) or when `hasForms` says so (the
    /// sign-in form, sign-in and sign-out themselves). Anonymous reading pages neither make a
    /// nonce nor set its cookie: a token on every page would cost a random draw and an HMAC.
    init(_ request: Request, context: AppRequestContext, forms: FormTokens, hasForms: Bool = false) {
        user = context.identity?.username
        isAdmin = context.role == .admin
        cookies = SiteCookies(request)
        let nonce = SiteCookies.value(cookies.nonce, in: request).flatMap { $0.utf8.count <= 100 && !$0.isEmpty ? $0 : nil }
        if hasForms || user != nil {
            formNonce = nonce ?? FormTokens.newNonce()
            newNonce = nonce == nil
            formToken = forms.token(for: formNonce)
        } else {
            formNonce = nonce ?? ""
            newNonce = false
            formToken = ""
        }
        let query = request.uri.queryParameters
        let chosen = query["lang"].map(String.init)
        language = SiteLanguage.negotiate(
            query: chosen, cookie: Self.cookie("lang", in: request.headers[.cookie]), acceptLanguage: request.headers[.acceptLanguage])
        choseLanguage = chosen.flatMap(SiteLanguage.init(code:)) != nil
        path = request.uri.path
        // At most 20 items, each at most 200 characters, are carried into the language links.
        queryItems = query.prefix(20).map { (String($0.key.prefix(50)), String($0.value.prefix(200))) }
    }

    /// Refuses (400) a post without this browser's token: a forged form, or one from a page
    /// older than the browser's nonce.
    func requireFormToken(_ token: String?, forms: FormTokens) throws {
        guard let token, !newNonce, !formNonce.isEmpty, forms.verify(token, nonce: formNonce) else {
            throw APIError.badRequest("The form has expired or did not come from this site; reload the page and try again")
        }
    }

    /// The value of one cookie of a `Cookie` header.
    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";").prefix(50) {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name { return pair[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    func frame(title: String, base: String?, current: PageFrame.MenuEntry? = nil) -> PageFrame {
        var frame = PageFrame(language: language, title: title, base: base, path: path, queryItems: queryItems, current: current)
        frame.user = user
        frame.adminHref = isAdmin ? "/admin" : nil
        frame.formToken = formToken
        frame.signInHref = "/sign-in" + SiteURL.query([("next", path)])
        return frame
    }

    /// The HTML answer: its own CSP (scripts and styles from this server only, no inline code),
    /// the language it is in, and the language cookie when `?lang=` chose it.
    func html(_ page: SitePage, model: Any, frame: PageFrame, status: HTTPResponse.Status = .ok, timing: ServerTiming? = nil) -> Response {
        html(body: render(page, model: model, frame: frame), status: status, timing: timing)
    }

    /// The page's HTML, to answer with `html(body:)` (and keep, for anonymous readers).
    func render(_ page: SitePage, model: Any, frame: PageFrame) -> ByteBuffer {
        ByteBuffer(string: SiteRenderer.render(page, page: model, frame: frame))
    }

    /// The HTML answer of a page already rendered.
    func html(body: ByteBuffer, status: HTTPResponse.Status = .ok, timing: ServerTiming? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = Self.htmlPolicy
        headers[.contentLanguage] = language.rawValue
        headers[.vary] = "Accept-Language, Cookie"
        headers[.cacheControl] = "private, no-cache"
        if let timing { headers[HTTPField.Name("Server-Timing")!] = timing.value("page") }
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: body))
        if choseLanguage {
            response.headers.append(HTTPField(name: .setCookie, value: "lang=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax"))
        }
        if newNonce {
            // Strict: the nonce never travels with a request started on another site.
            response.headers.append(HTTPField(name: .setCookie, value: cookies.header(cookies.nonce, formNonce, maxAge: 31_536_000, sameSite: "Strict")))
        }
        return response
    }

    /// Pages load their stylesheet and script from this server; nothing inline, no other origin.
    /// The script's only requests are the editing forms' suggestions, to this server.
    static let htmlPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}
