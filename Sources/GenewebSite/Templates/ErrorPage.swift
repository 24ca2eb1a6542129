extension SiteTemplates {
    /// 404, 403, 500 and the others, in the site's look.
    static let error = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <p>{{page.message}}</p>
        <p><a href="{{frame.homeHref}}">{{t.back_home}}</a></p>
        {{/content}}{{/layout}}
        """

    /// Sign-in: the account's name and password, the anti-forgery token, where to go next.
    static let signIn = """
        {{<layout}}{{$content}}
        <h1>{{t.sign_in}}</h1>
        {{#page.error}}<p class="notice" role="alert">{{.}}</p>{{/page.error}}
        <form class="sign-in" method="post" action="/sign-in">
        <input type="hidden" name="csrf" value="{{frame.formToken}}">
        <input type="hidden" name="next" value="{{page.next}}">
        <p><label for="username">{{t.username}}</label><br><input id="username" name="username" autocomplete="username" required maxlength="100" value="{{page.username}}"></p>
        <p><label for="password">{{t.password}}</label><br><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1000"></p>
        <p><button type="submit">{{t.sign_in}}</button></p>
        </form>
        {{/content}}{{/layout}}
        """
}
