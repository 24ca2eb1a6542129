import Foundation
import HTTPTypes
import Hummingbird

/// The web site's cookies: the session (the API's own access and refresh tokens, so sign-in,
/// lock-out, revocation and password changes work as they do for API clients), the forms'
/// anti-forgery nonce and the language. Session cookies are `HttpOnly`, `SameSite=Lax`, and
/// `Secure` with the `__Host-` prefix except on loopback over plain HTTP (a laptop), where
/// browsers would refuse them.
struct SiteCookies {
    let secure: Bool

    init(_ request: Request) {
        let forwarded = (request.headers[HTTPField.Name("Fly-Forwarded-Proto")!] ?? request.headers[HTTPField.Name("X-Forwarded-Proto")!])?
            .split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased()
        let host = TrustedHostMiddleware.hostName(request.headers[HTTPField.Name("Host")!] ?? request.head.authority ?? "")
        let loopback = ["localhost", "127.0.0.1", "::1"].contains(host)
        secure = forwarded == "https" || !loopback
    }

    private var prefix: String { secure ? "__Host-" : "" }
    var access: String { prefix + "gw_access" }
    var refresh: String { prefix + "gw_refresh" }
    var nonce: String { prefix + "gw_form" }

    /// The value of cookie `name` in the request.
    static func value(_ name: String, in request: Request) -> String? {
        SiteRequest.cookie(name, in: request.headers[.cookie])
    }

    /// A `Set-Cookie` value; `maxAge` 0 deletes the cookie.
    func header(_ name: String, _ value: String, maxAge: Int, sameSite: String = "Lax") -> String {
        var text = "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=\(sameSite)"
        if secure { text += "; Secure" }
        return text
    }

    /// The cookies of a new session.
    func session(access token: String, accessSeconds: Int, refresh refreshToken: String, refreshSeconds: Int) -> [String] {
        [header(access, token, maxAge: accessSeconds), header(refresh, refreshToken, maxAge: refreshSeconds)]
    }

    /// The cookies that end the session in the browser.
    var cleared: [String] { [header(access, "", maxAge: 0), header(refresh, "", maxAge: 0)] }
}

/// Signs site requests in from the session cookies: a valid access token is the caller; an
/// expired one is renewed with the refresh token (new cookies on the answer); anything else
/// clears them. Only the site's own addresses read cookies: the JSON API takes bearer tokens
/// only, so no other site can make a browser call it with the user's session. It runs outside
/// `ErrorMiddleware`, so renewed cookies reach the browser even on an error page (a renewal
/// spends the old refresh token).
struct SiteSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    static func reads(_ path: String) -> Bool {
        SiteErrorPage.isSite(path)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity == nil, request.headers[.authorization] == nil, Self.reads(request.uri.path) else {
            return try await next(request, context)
        }
        let cookies = SiteCookies(request)
        let access = SiteCookies.value(cookies.access, in: request)
        let refresh = SiteCookies.value(cookies.refresh, in: request)
        guard access != nil || refresh != nil else { return try await next(request, context) }
        var context = context
        var setCookies: [String] = []
        if let access, let identity = try? await accounts.authenticate(accessToken: access) {
            context.identity = identity
        } else if let refresh {
            let events = SecurityEvents.Context(requestID: context.requestID, clientIP: context.clientIP, path: request.uri.path)
            if let session = try? await accounts.refresh(refresh, context: events),
                let identity = try? await accounts.authenticate(accessToken: session.accessToken)
            {
                context.identity = identity
                setCookies = cookies.session(
                    access: session.accessToken, accessSeconds: session.expiresIn, refresh: session.refreshToken,
                    refreshSeconds: Int(accounts.settings.refreshTokenLifetime.components.seconds))
            } else {
                setCookies = cookies.cleared
            }
        } else {
            setCookies = cookies.cleared
        }
        var response = try await next(request, context)
        for cookie in setCookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }
}
