extension SiteTemplates {
    /// Surnames or first names, alphabetical or by frequency, paged, with a prefix filter.
    static let nameIndex = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <form class="chart-options" method="get" action="">
        <label for="prefix">{{t.starting_with}}</label>
        <input id="prefix" name="prefix" type="search" value="{{page.prefix}}" maxlength="100">
        <button type="submit">{{t.show}}</button>
        </form>
        <p class="order">{{#page.orders}}{{#current}}<strong>{{label}}</strong>{{/current}}{{^current}}<a href="{{href}}">{{label}}</a>{{/current}} {{/page.orders}}</p>
        {{#page.names.any}}<ul class="name-index">{{#page.names.items}}<li><a href="{{href}}">{{name}}</a> <span class="count">{{count}}</span></li>{{/page.names.items}}</ul>{{/page.names.any}}
        {{^page.names.any}}<p>{{t.none}}</p>{{/page.names.any}}
        {{>pager}}
        {{/content}}{{/layout}}
        """

    /// Persons: the persons of a surname or first name, and search results.
    static let personList = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.summary}}<p>{{page.summary}}</p>{{/page.summary}}
        {{#page.persons.any}}<ul class="results">{{#page.persons.items}}<li>{{>personLink}}</li>{{/page.persons.items}}</ul>{{/page.persons.any}}
        {{^page.persons.any}}<p>{{t.no_results}}</p>{{/page.persons.any}}
        {{>pager}}
        {{/content}}{{/layout}}
        """

    /// Previous and next links of a paged list.
    static let pager = """
        {{#page.pager}}<nav class="pager" aria-label="{{t.pages}}">{{#previous}}<a rel="prev" href="{{previous}}">{{t.previous}}</a>{{/previous}} <span>{{position}}</span> {{#next}}<a rel="next" href="{{next}}">{{t.next}}</a>{{/next}}</nav>{{/page.pager}}
        """
}
