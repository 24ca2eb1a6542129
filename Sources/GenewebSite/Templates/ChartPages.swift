extension SiteTemplates {
    /// Ancestors: the pedigree chart (generations chosen by a form), then the Sosa list that
    /// says the same in text.
    static let ancestors = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <form class="chart-options" method="get" action="">
        {{>generationsChoice}}
        <button type="submit">{{t.show}}</button>
        </form>
        <p><a href="{{page.fanHref}}">{{t.fan_chart}}</a> · <a href="{{page.descendantsHref}}">{{t.descendants}}</a> · <a href="{{page.personHref}}">{{t.person_page}}</a></p>
        <figure class="chart-scroll" data-pan-zoom data-zoom-in="{{t.zoom_in}}" data-zoom-out="{{t.zoom_out}}" data-zoom-reset="{{t.zoom_reset}}">{{{page.chart}}}</figure>
        <section aria-labelledby="sosa-list">
        <h2 id="sosa-list">{{t.sosa_list}}</h2>
        {{#page.generations}}
        <h3>{{label}}</h3>
        <ol class="sosa">{{#entries}}<li value="{{sosa}}"><span class="sosa-number">{{sosa}}</span> {{#repeatOf}}{{name}} → <a href="#sosa-{{repeatOf}}">{{t.sosa}} {{repeatOf}}</a>{{/repeatOf}}{{^repeatOf}}{{#person}}{{>personLink}}{{/person}}{{/repeatOf}}</li>{{/entries}}</ol>
        {{/page.generations}}
        {{#page.truncated}}<p class="notice">{{t.truncated}}</p>{{/page.truncated}}
        </section>
        {{/content}}{{/layout}}
        """

    /// The fan chart: a half, three-quarter or whole circle of ancestors.
    static let fan = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <form class="chart-options" method="get" action="">
        {{>generationsChoice}}
        <label for="angle">{{t.angle}}</label>
        <select id="angle" name="angle">{{#page.angleChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}°</option>{{/page.angleChoices}}</select>
        <button type="submit">{{t.show}}</button>
        </form>
        <p><a href="{{page.ancestorsHref}}">{{t.pedigree}}</a> · <a href="{{page.personHref}}">{{t.person_page}}</a></p>
        <figure class="chart-scroll" data-pan-zoom data-zoom-in="{{t.zoom_in}}" data-zoom-out="{{t.zoom_out}}" data-zoom-reset="{{t.zoom_reset}}">{{{page.chart}}}</figure>
        <p><a href="{{page.ancestorsHref}}#sosa-list">{{t.sosa_list}}</a></p>
        {{/content}}{{/layout}}
        """

    /// Descendants: the tidy tree, then the d'Aboville list.
    static let descendants = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <form class="chart-options" method="get" action="">
        {{>generationsChoice}}
        <button type="submit">{{t.show}}</button>
        </form>
        <p><a href="{{page.ancestorsHref}}">{{t.ancestors}}</a> · <a href="{{page.personHref}}">{{t.person_page}}</a></p>
        <figure class="chart-scroll" data-pan-zoom data-zoom-in="{{t.zoom_in}}" data-zoom-out="{{t.zoom_out}}" data-zoom-reset="{{t.zoom_reset}}">{{{page.chart}}}</figure>
        {{#page.cut}}<p class="notice">{{t.tree_cut}}</p>{{/page.cut}}
        <section aria-labelledby="aboville-list">
        <h2 id="aboville-list">{{t.aboville_list}}</h2>
        <ul class="aboville">{{#page.entries}}<li class="depth-{{depth}}"><span class="aboville-number">{{label}}</span> {{#person}}{{>personLink}}{{/person}}</li>{{/page.entries}}</ul>
        </section>
        {{/content}}{{/layout}}
        """

    /// The number of generations a chart shows, chosen in its form.
    static let generationsChoice = """
        <label for="generations">{{t.generations}}</label>
        <select id="generations" name="generations">{{#page.generationChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/page.generationChoices}}</select>
        """

    /// How two persons are related, with a search form for the second person.
    static let relationship = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <form class="chart-options" method="get" action="">
        <label for="with">{{t.second_person}}</label>
        <input id="with" name="with" type="search" value="{{page.query}}" maxlength="200" autocomplete="off">
        <button type="submit">{{t.search_button}}</button>
        </form>
        {{#page.candidates.any}}
        <h2>{{t.choose_person}}</h2>
        <ul class="results">{{#page.candidates.items}}<li>{{>personLink}}</li>{{/page.candidates.items}}</ul>
        {{/page.candidates.any}}
        {{#page.noCandidates}}<p>{{t.no_results}}</p>{{/page.noCandidates}}
        {{#page.result}}
        <p class="sentence">{{sentence}}</p>
        {{#paths.any}}
        {{#paths.items}}
        <section class="relationship-path">
        <h2>{{heading}}</h2>
        <figure class="chart-scroll" data-pan-zoom data-zoom-in="{{t.zoom_in}}" data-zoom-out="{{t.zoom_out}}" data-zoom-reset="{{t.zoom_reset}}">{{{chart}}}</figure>
        </section>
        {{/paths.items}}
        {{/paths.any}}
        <dl class="facts">{{#figures}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/figures}}</dl>
        {{/page.result}}
        {{/content}}{{/layout}}
        """
}
