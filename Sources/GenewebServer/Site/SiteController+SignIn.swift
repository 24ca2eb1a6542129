import Foundation
import GenewebSite
import HTTPTypes
import Hummingbird

/// The sign-in form (template `signIn`).
struct SignInPageModel {
    let next: String
    let username: String
    let error: String?
}

/// The fields of the sign-in and sign-out forms.
struct SignInForm: Decodable {
    let username: String?
    let password: String?
    let csrf: String?
    let next: String?
}

extension SiteController {
    /// `GET /sign-in?next=/b/…`: the form.
    @Sendable func signInForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens, hasForms: true)
        let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
        return site.html(.signIn, model: SignInPageModel(next: next, username: "", error: nil), frame: site.frame(title: site.messages["sign_in"], base: nil))
    }

    /// `POST /sign-in`: checks the form's token, then the credentials (with the API's lock-out),
    /// and on success sets the session cookies and goes on to `next`.
    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await RequestBody.form(SignInForm.self, from: request, context: context)
        let site = SiteRequest(request, context: context, forms: accounts.formTokens, hasForms: true)
        try requireFormToken(form.csrf, site)
        let next = Self.safeNext(form.next)
        let username = String((form.username ?? "").prefix(100))
        let messages = site.messages
        func again(_ error: String, _ status: HTTPResponse.Status) -> Response {
            site.html(
                .signIn, model: SignInPageModel(next: next, username: username, error: error), frame: site.frame(title: messages["sign_in"], base: nil),
                status: status)
        }
        let events = SecurityEvents.Context(requestID: context.requestID, clientIP: context.clientIP, path: request.uri.path)
        do {
            let session = try await accounts.login(username: username, password: String((form.password ?? "").prefix(1000)), context: events)
            var headers = HTTPFields()
            headers[.location] = next
            headers[.cacheControl] = "no-store"
            var response = Response(status: .seeOther, headers: headers)
            for cookie in site.cookies.session(
                access: session.accessToken, accessSeconds: session.expiresIn, refresh: session.refreshToken,
                refreshSeconds: Int(accounts.settings.refreshTokenLifetime.components.seconds))
            {
                response.headers.append(HTTPField(name: .setCookie, value: cookie))
            }
            return response
        } catch let failure as AuthFailure {
            switch failure {
            case .locked(let seconds):
                var response = again(messages.format("sign_in_locked", String(seconds)), .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            default:
                // One message for a wrong name, a wrong password and a disabled account.
                return again(messages["sign_in_failed"], .unauthorized)
            }
        }
    }

    /// `POST /sign-out`: ends the session (its tokens are revoked, as the API's logout does) and
    /// clears the cookies.
    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await RequestBody.form(SignInForm.self, from: request, context: context)
        let site = SiteRequest(request, context: context, forms: accounts.formTokens, hasForms: true)
        try requireFormToken(form.csrf, site)
        if let identity = context.identity { try await accounts.logout(identity) }
        var headers = HTTPFields()
        headers[.location] = Self.safeNext(form.next)
        var response = Response(status: .seeOther, headers: headers)
        for cookie in site.cookies.cleared { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }

    /// Where to go after signing in or out: one of the site's own pages, never another site
    /// (`//evil.example` and `/\\evil` included).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.utf8.count <= 500, next == "/b" || next.hasPrefix("/b/"),
            !next.contains("//"), !next.contains("\\"), !next.contains(where: { $0.isNewline })
        else { return "/b" }
        return next
    }
}
