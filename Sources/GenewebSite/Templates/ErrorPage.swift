extension SiteTemplates {
    /// 404, 403, 500 and the others, in the site's look.
    static let error = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <p>{{page.message}}</p>
        <p><a href="{{frame.homeHref}}">{{t.back_home}}</a></p>
        {{/content}}{{/layout}}
        """
}
