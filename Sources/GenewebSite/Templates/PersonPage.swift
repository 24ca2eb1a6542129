extension SiteTemplates {
    /// A person: names and facts, events in date order, parents before siblings (phones read
    /// top down), unions with their children, notes and sources, a three-generation chart, and
    /// links to the charts and the relationship page.
    static let person = """
        {{<layout}}{{$content}}
        <article class="person {{page.sex}}">
        <h1>{{page.name}}{{#page.years}} <span class="years">{{page.years}}</span>{{/page.years}}</h1>
        {{#page.portrait}}<figure class="portrait"><a href="{{href}}"><img src="{{href}}" alt="{{alt}}"></a></figure>{{/page.portrait}}
        {{#page.facts.any}}<dl class="facts">{{#page.facts.items}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/page.facts.items}}</dl>{{/page.facts.any}}
        <nav class="person-links" aria-label="{{t.charts}}"><ul>
        {{#page.chartLinks}}<li><a href="{{href}}">{{label}}</a></li>{{/page.chartLinks}}
        </ul></nav>
        {{#page.editLinks.any}}<nav class="edit-links" aria-label="{{t.edit}}"><ul>{{#page.editLinks.items}}<li><a href="{{href}}">{{label}}</a></li>{{/page.editLinks.items}}</ul></nav>{{/page.editLinks.any}}
        {{#page.parents.any}}
        <section aria-labelledby="parents">
        <h2 id="parents">{{t.parents}}</h2>
        <ul class="relatives">{{#page.parents.items}}<li><span class="role">{{role}}</span> {{#person}}{{>personLink}}{{/person}}</li>{{/page.parents.items}}</ul>
        </section>
        {{/page.parents.any}}
        {{#page.events.any}}
        <section aria-labelledby="events">
        <h2 id="events">{{t.events}}</h2>
        <ol class="events">
        {{#page.events.items}}<li><span class="event-kind">{{kind}}</span>{{#date}} <span class="date">{{date}}</span>{{/date}}{{#place}} <a class="place" href="{{placeHref}}">{{place}}</a>{{/place}}
        {{#note}}<p class="note">{{note}}</p>{{/note}}{{#source}}<p class="source">{{t.source}}: {{source}}</p>{{/source}}
        {{#witnesses.any}}<p class="witnesses">{{t.witnesses}}: {{#witnesses.items}}<span class="witness">{{#person}}{{>personLink}}{{/person}}{{#role}} ({{role}}){{/role}}</span> {{/witnesses.items}}</p>{{/witnesses.any}}</li>
        {{/page.events.items}}
        </ol>
        </section>
        {{/page.events.any}}
        {{#page.unions.any}}
        <section aria-labelledby="unions">
        <h2 id="unions">{{t.unions}}</h2>
        {{#page.unions.items}}
        <div class="union">
        <h3>{{#spouse}}{{>personLink}}{{/spouse}}{{^spouse}}{{t.unknown_spouse}}{{/spouse}}</h3>
        {{#events.any}}<ul class="union-events">{{#events.items}}<li>{{kind}}{{#date}} {{date}}{{/date}}{{#place}}, {{place}}{{/place}}</li>{{/events.items}}</ul>{{/events.any}}
        {{#children.any}}<p class="children-heading">{{t.children}}</p><ol class="children">{{#children.items}}<li>{{>personLink}}</li>{{/children.items}}</ol>{{/children.any}}
        {{#familyHref}}<p><a href="{{familyHref}}">{{t.family_page}}</a>{{#addChildHref}} · <a href="{{.}}">{{t.add_child}}</a> · <a href="{{familyHref}}/edit">{{t.edit_family_link}}</a>{{/addChildHref}}</p>{{/familyHref}}
        </div>
        {{/page.unions.items}}
        </section>
        {{/page.unions.any}}
        {{#page.siblings.any}}
        <section aria-labelledby="siblings">
        <h2 id="siblings">{{t.siblings}}</h2>
        <ul class="relatives">{{#page.siblings.items}}<li>{{#person}}{{>personLink}}{{/person}}{{#half}} <span class="half">({{half}})</span>{{/half}}</li>{{/page.siblings.items}}</ul>
        </section>
        {{/page.siblings.any}}
        {{#page.notes}}
        <section aria-labelledby="notes"><h2 id="notes">{{t.notes}}</h2><p class="notes">{{page.notes}}</p></section>
        {{/page.notes}}
        {{#page.sources}}
        <section aria-labelledby="sources"><h2 id="sources">{{t.sources}}</h2><p class="notes">{{page.sources}}</p></section>
        {{/page.sources}}
        {{#page.gallery.any}}
        <section aria-labelledby="media"><h2 id="media">{{t.media}}</h2>
        <ul class="gallery">{{#page.gallery.items}}<li><a href="{{href}}">{{#isImage}}<img src="{{href}}" alt="{{alt}}" loading="lazy">{{/isImage}}{{^isImage}}<span class="document" aria-hidden="true">PDF</span>{{/isImage}}<span class="caption">{{title}}</span></a></li>{{/page.gallery.items}}</ul>
        </section>
        {{/page.gallery.any}}
        {{#page.addMediaHref}}<p><a href="{{.}}">{{t.media_add}}</a></p>{{/page.addMediaHref}}
        <section aria-labelledby="mini-tree">
        <h2 id="mini-tree">{{t.three_generations}}</h2>
        <figure class="chart-scroll">{{{page.miniChart}}}</figure>
        </section>
        </article>
        {{/content}}{{/layout}}
        """

    /// A family: both spouses, the union's events, the children in order.
    static let family = """
        {{<layout}}{{$content}}
        <h1>{{page.title}}</h1>
        {{#page.editLinks.any}}<nav class="edit-links" aria-label="{{t.edit}}"><ul>{{#page.editLinks.items}}<li><a href="{{href}}">{{label}}</a></li>{{/page.editLinks.items}}</ul></nav>{{/page.editLinks.any}}
        <ul class="relatives">{{#page.parents.items}}<li><span class="role">{{role}}</span> {{#person}}{{>personLink}}{{/person}}</li>{{/page.parents.items}}</ul>
        {{#page.events.any}}<h2>{{t.events}}</h2><ol class="events">{{#page.events.items}}<li><span class="event-kind">{{kind}}</span>{{#date}} <span class="date">{{date}}</span>{{/date}}{{#place}} <a class="place" href="{{placeHref}}">{{place}}</a>{{/place}}{{#note}}<p class="note">{{note}}</p>{{/note}}</li>{{/page.events.items}}</ol>{{/page.events.any}}
        <h2>{{t.children}}</h2>
        {{#page.children.any}}<ol class="children">{{#page.children.items}}<li>{{>personLink}}</li>{{/page.children.items}}</ol>{{/page.children.any}}
        {{^page.children.any}}<p>{{t.none}}</p>{{/page.children.any}}
        {{#page.notes}}<h2>{{t.notes}}</h2><p class="notes">{{page.notes}}</p>{{/page.notes}}
        {{/content}}{{/layout}}
        """
}
