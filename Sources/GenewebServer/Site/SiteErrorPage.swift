import Foundation
import GenewebSite
import HTTPTypes
import Hummingbird

/// The error page (template `error`).
struct SiteErrorModel {
    let heading: String
    let message: String
}

/// Errors on the site's addresses are pages in the site's look and the reader's language, not
/// the API's JSON; `ErrorMiddleware` asks here first.
enum SiteErrorPage {
    /// Whether `path` is one of the site's pages (its bases, the administration pages and the
    /// sign-in and sign-out forms).
    static func isSite(_ path: String) -> Bool {
        path == "/b" || path.hasPrefix("/b/") || path == "/admin" || path.hasPrefix("/admin/") || path == "/sign-in" || path == "/sign-out"
    }

    static func response(
        status: HTTPResponse.Status, detail: String, headers: HTTPFields, request: Request, context: AppRequestContext, forms: FormTokens
    ) -> Response {
        let site = SiteRequest(request, context: context, forms: forms)
        let messages = site.messages
        let code: String
        switch status.code {
        case 400, 422: code = "400"
        case 401, 403, 404, 500, 503: code = String(status.code)
        default: code = "other"
        }
        // Only our own words, never the details of a 500 (they are logged with the request id).
        let text = code == "400" ? messages.format("error.400.text", detail) : messages["error.\(code).text"]
        let base = request.uri.path.split(separator: "/").dropFirst().first.map(String.init)
        let frame = site.frame(title: messages["error.\(code)"], base: base.flatMap { $0.count <= 64 ? $0 : nil })
        var response = site.html(.error, model: SiteErrorModel(heading: messages["error.\(code)"], message: text), frame: frame, status: status)
        for field in headers where field.name != .contentType && field.name != .contentSecurityPolicy {
            response.headers.append(field)
        }
        // RFC 9110: a 401 names how to authenticate; the site's sign-in form is on the page.
        if status == .unauthorized, response.headers[.wwwAuthenticate] == nil {
            response.headers[.wwwAuthenticate] = "Bearer"
        }
        return response
    }
}
