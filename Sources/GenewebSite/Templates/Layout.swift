/// The frame every page shares: language, title, header with the base's name, search box and
/// language switch, the base's menu, one `<main>`, and the footer. Pages fill `content`.
extension SiteTemplates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{frame.language}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{#frame.refreshSeconds}}<meta http-equiv="refresh" content="{{.}}">{{/frame.refreshSeconds}}
        <title>{{frame.title}}{{#frame.baseName}} · {{frame.baseName}}{{/frame.baseName}} · GeneWeb</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/static/site.css">
        <script src="/static/site.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">{{t.skip_to_content}}</a>
        <header class="site-header">
        <a class="brand" href="{{frame.homeHref}}">{{frame.brand}}</a>
        {{#frame.searchHref}}
        <form class="search" role="search" action="{{frame.searchHref}}" method="get">
        <label for="site-search">{{t.search_label}}</label>
        <input id="site-search" name="q" type="search" value="{{frame.query}}" maxlength="200" autocomplete="off">
        <button type="submit">{{t.search_button}}</button>
        </form>
        {{/frame.searchHref}}
        {{#frame.adminHref}}<a class="admin-link" href="{{.}}">{{t.admin_menu}}</a>{{/frame.adminHref}}
        {{#frame.user}}<form class="sign-out" method="post" action="/sign-out"><input type="hidden" name="csrf" value="{{frame.formToken}}"><span class="user">{{.}}</span> <button type="submit">{{t.sign_out}}</button></form>{{/frame.user}}
        {{^frame.user}}<a class="sign-in-link" href="{{frame.signInHref}}">{{t.sign_in}}</a>{{/frame.user}}
        <nav class="languages" aria-label="{{t.languages}}"><ul>
        {{#frame.languages}}<li>{{#current}}<span aria-current="true" lang="{{code}}">{{name}}</span>{{/current}}{{^current}}<a href="{{href}}" hreflang="{{code}}" lang="{{code}}">{{name}}</a>{{/current}}</li>{{/frame.languages}}
        </ul></nav>
        </header>
        {{#frame.hasMenu}}
        <nav class="menu" aria-label="{{t.base_menu}}"><ul>
        {{#frame.menu}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/frame.menu}}
        </ul></nav>
        {{/frame.hasMenu}}
        <main id="main">
        {{$content}}{{/content}}
        </main>
        <footer class="site-footer"><p>{{t.footer}} · <a href="/docs">{{t.api_docs}}</a></p></footer>
        </body>
        </html>
        """

    /// A person's name as a link, or plain text when the person is restricted. The leading dots
    /// keep a missing `href` or `detail` from being looked up in an enclosing object.
    static let personLink = """
        {{#.href}}<a href="{{.}}">{{name}}</a>{{/.href}}{{^.href}}<span class="restricted">{{name}}</span>{{/.href}}{{#.detail}} <span class="years">{{.}}</span>{{/.detail}}
        """
}
