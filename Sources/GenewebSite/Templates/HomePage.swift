extension SiteTemplates {
    /// A base's home: its name and counts, the search form, the most frequent surnames and
    /// first names, today's anniversaries and links to the indexes and statistics.
    static let home = """
        {{<layout}}{{$content}}
        <h1>{{page.name}}</h1>
        <p class="counts">{{page.counts}}</p>
        <form class="big-search" role="search" action="{{frame.searchHref}}" method="get">
        <label for="home-search">{{t.search_person}}</label>
        <input id="home-search" name="q" type="search" maxlength="200" autocomplete="off">
        <button type="submit">{{t.search_button}}</button>
        </form>
        <div class="columns">
        <section aria-labelledby="home-surnames">
        <h2 id="home-surnames">{{t.frequent_surnames}}</h2>
        {{#page.surnames.any}}<ul class="names">{{#page.surnames.items}}<li><a href="{{href}}">{{name}}</a> <span class="count">{{count}}</span></li>{{/page.surnames.items}}</ul>{{/page.surnames.any}}
        {{^page.surnames.any}}<p>{{t.none}}</p>{{/page.surnames.any}}
        <p><a href="{{page.surnamesHref}}">{{t.all_surnames}}</a></p>
        </section>
        <section aria-labelledby="home-first-names">
        <h2 id="home-first-names">{{t.frequent_first_names}}</h2>
        {{#page.firstNames.any}}<ul class="names">{{#page.firstNames.items}}<li><a href="{{href}}">{{name}}</a> <span class="count">{{count}}</span></li>{{/page.firstNames.items}}</ul>{{/page.firstNames.any}}
        {{^page.firstNames.any}}<p>{{t.none}}</p>{{/page.firstNames.any}}
        <p><a href="{{page.firstNamesHref}}">{{t.all_first_names}}</a></p>
        </section>
        <section aria-labelledby="home-anniversaries">
        <h2 id="home-anniversaries">{{page.anniversariesHeading}}</h2>
        {{#page.anniversaries.any}}<ul class="events">{{#page.anniversaries.items}}<li>{{what}} — {{#person}}{{>personLink}}{{/person}}</li>{{/page.anniversaries.items}}</ul>{{/page.anniversaries.any}}
        {{^page.anniversaries.any}}<p>{{t.no_anniversaries}}</p>{{/page.anniversaries.any}}
        <p><a href="{{page.anniversariesHref}}">{{t.anniversaries}}</a> · <a href="{{page.statisticsHref}}">{{t.statistics}}</a></p>
        </section>
        {{#page.changes.any}}
        <section aria-labelledby="home-changes">
        <h2 id="home-changes">{{t.latest_changes}}</h2>
        <ul class="results">{{#page.changes.items}}<li>{{>personLink}}</li>{{/page.changes.items}}</ul>
        </section>
        {{/page.changes.any}}
        </div>
        {{/content}}{{/layout}}
        """
}
