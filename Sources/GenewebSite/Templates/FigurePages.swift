extension SiteTemplates {
    /// The server's bases, when no base is chosen.
    static let bases = """
        {{<layout}}{{$content}}
        <h1>{{t.bases_heading}}</h1>
        {{#page.bases.any}}<ul class="results">{{#page.bases.items}}<li><a href="{{href}}">{{label}}</a></li>{{/page.bases.items}}</ul>{{/page.bases.any}}
        {{^page.bases.any}}<p>{{t.no_bases}}</p>{{/page.bases.any}}
        {{/content}}{{/layout}}
        """

    /// Statistics: the counts, then each chart with its table (the chart's text alternative).
    static let statistics = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <dl class="facts">{{#page.counts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/page.counts}}</dl>
        {{#page.charts}}
        <section aria-labelledby="{{id}}-heading">
        <h2 id="{{id}}-heading">{{title}}</h2>
        <figure class="chart-scroll" tabindex="0" aria-labelledby="{{id}}-heading">{{{svg}}}</figure>
        <details><summary>{{t.chart_as_table}}</summary>
        <div class="table-scroll"><table><thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody></table></div>
        </details>
        </section>
        {{/page.charts}}
        {{#page.longestLived.any}}
        <section aria-labelledby="longest-lived"><h2 id="longest-lived">{{t.longest_lived}}</h2>
        <ol class="results">{{#page.longestLived.items}}<li>{{#person}}{{>personLink}}{{/person}} — {{age}}</li>{{/page.longestLived.items}}</ol></section>
        {{/page.longestLived.any}}
        {{/content}}{{/layout}}
        """

    /// Anniversaries of a day: births, deaths and marriages, with a form for another day.
    static let anniversaries = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <form class="chart-options" method="get" action="">
        <label for="day">{{t.day}}</label>
        <select id="day" name="day">{{#page.days}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.days}}</select>
        <label for="month">{{t.month}}</label>
        <select id="month" name="month">{{#page.months}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.months}}</select>
        <button type="submit">{{t.show}}</button>
        </form>
        {{#page.groups}}
        <section aria-labelledby="{{id}}"><h2 id="{{id}}">{{title}}</h2>
        {{#items.any}}<ul class="events">{{#items.items}}<li>{{year}} — {{#persons}}<span class="witness">{{>personLink}}</span> {{/persons}}</li>{{/items.items}}</ul>{{/items.any}}
        {{^items.any}}<p>{{t.none}}</p>{{/items.any}}
        </section>
        {{/page.groups}}
        {{/content}}{{/layout}}
        """
}
