extension SiteTemplates {
    /// One field: its label, the input (or text area), the date read back in words, a hint,
    /// and its problem, tied to the input by `aria-describedby`. The leading dots keep a
    /// field without a problem from finding one in an enclosing object.
    static let formField = """
        <p class="field{{#.error}} invalid{{/.error}}"><label for="{{id}}">{{label}}</label>\
        {{#.textarea}}<textarea id="{{id}}" name="{{name}}" rows="3"{{#.error}} aria-invalid="true"{{/.error}} aria-describedby="{{id}}-help">{{value}}</textarea>{{/.textarea}}\
        {{^.textarea}}<input id="{{id}}" name="{{name}}" type="{{inputType}}" value="{{value}}"{{#.suggest}} data-suggest="{{.}}" autocomplete="off"{{/.suggest}}{{#.error}} aria-invalid="true"{{/.error}} aria-describedby="{{id}}-help">{{/.textarea}}\
        <span id="{{id}}-help" class="help">{{#.words}}<span class="date-words">= {{.}}</span> {{/.words}}{{#.hint}}<span class="hint">{{.}}</span> {{/.hint}}{{#.error}}<strong class="field-error">{{.}}</strong>{{/.error}}</span></p>
        """

    /// A choice: label, select, problem.
    static let formSelect = """
        <p class="field{{#.error}} invalid{{/.error}}"><label for="{{id}}">{{label}}</label>\
        <select id="{{id}}" name="{{name}}"{{#.error}} aria-invalid="true" aria-describedby="{{id}}-help"{{/.error}}>\
        {{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}</select>\
        {{#.error}}<span id="{{id}}-help" class="help"><strong class="field-error">{{.}}</strong></span>{{/.error}}</p>
        """

    /// A group of fields under its legend, with its hidden values.
    static let formGroup = """
        <fieldset class="form-group"><legend>{{legend}}</legend>\
        {{#hidden}}<input type="hidden" name="{{label}}" value="{{value}}">{{/hidden}}\
        {{#.select}}{{>formSelect}}{{/.select}}{{#fields}}{{>formField}}{{/fields}}\
        {{#.check}}<p class="field check"><span><input type="checkbox" id="{{id}}" name="{{name}}" value="on"{{#.checked}} checked{{/.checked}}> <label for="{{id}}">{{label}}</label></span></p>{{/.check}}</fieldset>
        """

    /// The person form: names, sex, access and death, facts, the four main events, other
    /// events, titles, notes and sources; "Check" reads the dates back without saving.
    static let personForm = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice{{#page.isError}} problem{{/page.isError}}" role="{{#page.isError}}alert{{/page.isError}}{{^page.isError}}status{{/page.isError}}">{{page.notice}}</p>{{/page.notice}}
        {{#page.conflict.any}}<section aria-labelledby="conflict"><h2 id="conflict">{{t.conflict_heading}}</h2>
        <dl class="facts">{{#page.conflict.items}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/page.conflict.items}}</dl></section>{{/page.conflict.any}}
        <form class="edit" method="post" action="{{page.action}}">
        <input type="hidden" name="csrf" value="{{frame.formToken}}">
        <input type="hidden" name="version" value="{{page.version}}">
        <fieldset class="form-group"><legend>{{t.form_names}}</legend>{{#page.names}}{{>formField}}{{/page.names}}
        {{#page.sex}}{{>formSelect}}{{/page.sex}}{{#page.access}}{{>formSelect}}{{/page.access}}{{#page.deathType}}{{>formSelect}}{{/page.deathType}}</fieldset>
        <fieldset class="form-group"><legend>{{t.form_facts}}</legend>{{#page.facts}}{{>formField}}{{/page.facts}}</fieldset>
        <h2>{{t.form_main_events}}</h2>
        {{#page.vitals}}{{>formGroup}}{{/page.vitals}}
        <h2>{{t.form_other_events}}</h2>
        {{#page.events}}{{>formGroup}}{{/page.events}}
        <h2>{{t.form_titles}}</h2>
        {{#page.titles}}{{>formGroup}}{{/page.titles}}
        <fieldset class="form-group"><legend>{{t.form_texts}}</legend>{{#page.texts}}{{>formField}}{{/page.texts}}</fieldset>
        <p class="actions"><button type="submit" name="action" value="save">{{t.save}}</button> <button type="submit" name="action" value="check">{{t.check_dates}}</button> <a href="{{page.cancelHref}}">{{t.cancel}}</a></p>
        </form>
        {{/content}}{{/layout}}
        """

    /// A family act: each relative (existing by key or by a search step, or new), the union,
    /// the child's place among the siblings.
    static let familyAct = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice{{#page.isError}} problem{{/page.isError}}" role="{{#page.isError}}alert{{/page.isError}}{{^page.isError}}status{{/page.isError}}">{{page.notice}}</p>{{/page.notice}}
        <form class="edit" method="post" action="{{page.action}}">
        <input type="hidden" name="csrf" value="{{frame.formToken}}">
        <input type="hidden" name="version" value="{{page.version}}">
        {{#page.relatives}}<fieldset class="form-group"><legend>{{legend}}</legend>
        {{#existing}}{{>formField}}{{/existing}}
        {{#candidates.any}}<fieldset class="candidates"><legend>{{t.act_choose}}</legend>{{#candidates.items}}<p class="field check"><span><input type="radio" id="{{id}}" name="{{name}}" value="{{value}}"> <label for="{{id}}">{{label}}</label></span></p>{{/candidates.items}}</fieldset>{{/candidates.any}}
        <p class="hint">{{t.act_or_new}}</p>
        {{#.sex}}{{>formSelect}}{{/.sex}}{{#fields}}{{>formField}}{{/fields}}
        </fieldset>{{/page.relatives}}
        {{#page.union}}{{>formGroup}}{{/page.union}}
        {{#page.position}}{{>formSelect}}{{/page.position}}
        <p class="actions"><button type="submit" name="action" value="save">{{t.save}}</button> <button type="submit" name="action" value="check">{{t.check_dates}}</button> <a href="{{page.cancelHref}}">{{t.cancel}}</a></p>
        </form>
        {{/content}}{{/layout}}
        """

    /// The family form: both spouses' main data, the union, notes and sources, the children's
    /// order by position numbers (no script needed).
    static let familyForm = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice{{#page.isError}} problem{{/page.isError}}" role="{{#page.isError}}alert{{/page.isError}}{{^page.isError}}status{{/page.isError}}">{{page.notice}}</p>{{/page.notice}}
        <form class="edit" method="post" action="{{page.action}}">
        <input type="hidden" name="csrf" value="{{frame.formToken}}">
        <input type="hidden" name="version" value="{{page.version}}">
        {{#page.parents}}{{>formGroup}}{{/page.parents}}
        {{#page.union}}{{>formGroup}}{{/page.union}}
        {{#page.divorce}}{{>formGroup}}{{/page.divorce}}
        <fieldset class="form-group"><legend>{{t.form_texts}}</legend>{{#page.texts}}{{>formField}}{{/page.texts}}</fieldset>
        {{#page.children.any}}<fieldset class="form-group"><legend>{{t.children_order}}</legend><p class="hint">{{t.children_order_hint}}</p>
        {{#page.children.items}}<input type="hidden" name="{{idField}}" value="{{id}}">{{#position}}{{>formField}}{{/position}}{{/page.children.items}}</fieldset>{{/page.children.any}}
        <p class="actions"><button type="submit" name="action" value="save">{{t.save}}</button> <button type="submit" name="action" value="check">{{t.check_dates}}</button> <a href="{{page.cancelHref}}">{{t.cancel}}</a></p>
        </form>
        {{/content}}{{/layout}}
        """

    /// Merging two records of one person: find the other, then choose fact by fact.
    static let mergePerson = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice{{#page.isError}} problem{{/page.isError}}" role="alert">{{page.notice}}</p>{{/page.notice}}
        <form class="chart-options" method="get" action="{{page.searchAction}}">
        <label for="merge-with">{{t.merge_with}}</label>
        <input id="merge-with" name="with" type="search" value="{{page.query}}" maxlength="200">
        <button type="submit">{{t.search_button}}</button>
        </form>
        {{#page.candidates.any}}<ul>{{#page.candidates.items}}<li><a href="{{href}}">{{label}}</a></li>{{/page.candidates.items}}</ul>{{/page.candidates.any}}
        {{#page.comparing}}
        <form class="edit" method="post" action="{{page.action}}">
        <input type="hidden" name="csrf" value="{{frame.formToken}}">
        <input type="hidden" name="with" value="{{page.otherKey}}">
        <input type="hidden" name="version" value="{{page.version}}">
        <input type="hidden" name="other_version" value="{{page.otherVersion}}">
        {{#page.rows.any}}<table class="history merge"><thead><tr><th scope="col">{{t.merge_fact}}</th><th scope="col">{{t.merge_this}}</th><th scope="col">{{page.otherName}}</th></tr></thead><tbody>
        {{#page.rows.items}}<tr><th scope="row">{{label}}</th>\
        <td><input type="radio" id="{{keptID}}" name="{{name}}" value="kept"{{^choseOther}}{{^choseBoth}} checked{{/choseBoth}}{{/choseOther}}> <label for="{{keptID}}">{{kept}}</label></td>\
        <td><input type="radio" id="{{otherID}}" name="{{name}}" value="other"{{#choseOther}} checked{{/choseOther}}> <label for="{{otherID}}">{{other}}</label>\
        {{#bothID}}<br><input type="radio" id="{{.}}" name="{{name}}" value="both"{{#choseBoth}} checked{{/choseBoth}}> <label for="{{.}}">{{t.merge_both}}</label>{{/bothID}}</td></tr>
        {{/page.rows.items}}</tbody></table>{{/page.rows.any}}
        {{^page.rows.any}}<p>{{t.merge_same}}</p>{{/page.rows.any}}
        <p>{{page.combined}}</p>
        <p class="actions"><button type="submit" class="danger">{{t.merge_confirm}}</button> <a href="{{page.cancelHref}}">{{t.cancel}}</a></p>
        </form>
        {{/page.comparing}}
        {{/content}}{{/layout}}
        """

    /// Deleting a person: what else changes, then the button.
    static let deletePerson = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice problem" role="alert">{{page.notice}}</p>{{/page.notice}}
        {{#page.consequences.any}}<p>{{t.delete_changes}}</p><ul>{{#page.consequences.items}}<li>{{.}}</li>{{/page.consequences.items}}</ul>{{/page.consequences.any}}
        {{^page.consequences.any}}<p>{{t.delete_nothing_else}}</p>{{/page.consequences.any}}
        <form method="post" action="{{page.action}}">
        <input type="hidden" name="csrf" value="{{frame.formToken}}">
        <input type="hidden" name="version" value="{{page.version}}">
        <p class="actions"><button type="submit" class="danger">{{t.delete_confirm}}</button> <a href="{{page.cancelHref}}">{{t.cancel}}</a></p>
        </form>
        {{/content}}{{/layout}}
        """

    /// A person's or family's changes, newest first, then the earlier versions kept.
    static let history = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        <p><a href="{{page.backHref}}">{{page.backLabel}}</a></p>
        <h2>{{t.history_changes}}</h2>
        {{#page.changes.any}}<div class="table-scroll"><table class="history"><thead><tr><th scope="col">{{t.history_when}}</th><th scope="col">{{t.history_who}}</th><th scope="col">{{t.history_what}}</th></tr></thead>
        <tbody>{{#page.changes.items}}<tr><td>{{when}}</td><td>{{who}}</td><td>{{what}}{{#.fields}} ({{.}}){{/.fields}}</td></tr>{{/page.changes.items}}</tbody></table></div>{{/page.changes.any}}
        {{^page.changes.any}}<p>{{t.none}}</p>{{/page.changes.any}}
        <h2>{{t.history_versions}}</h2>
        {{#page.versions.any}}<div class="table-scroll"><table class="history"><thead><tr><th scope="col">{{t.history_version}}</th><th scope="col">{{t.history_written}}</th><th scope="col">{{t.history_summary}}</th><th scope="col"><span class="visually-hidden">{{t.history_compare}}</span></th></tr></thead>
        <tbody>{{#page.versions.items}}<tr><td>{{number}}</td><td>{{when}}</td><td>{{summary}}</td><td><a href="{{href}}">{{t.history_compare}}</a></td></tr>{{/page.versions.items}}</tbody></table></div>{{/page.versions.any}}
        {{^page.versions.any}}<p>{{t.history_no_versions}}</p>{{/page.versions.any}}
        {{/content}}{{/layout}}
        """

    /// An earlier version beside the record as it is, field by field, and the restore button.
    static let restoreVersion = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice problem" role="alert">{{page.notice}}</p>{{/page.notice}}
        <p>{{page.written}}</p>
        {{#page.rows.any}}<div class="table-scroll"><table class="history"><thead><tr><th scope="col">{{t.merge_fact}}</th><th scope="col">{{t.restore_then}}</th><th scope="col">{{t.restore_now}}</th></tr></thead>
        <tbody>{{#page.rows.items}}<tr><th scope="row">{{label}}</th><td>{{then}}</td><td>{{now}}</td></tr>{{/page.rows.items}}</tbody></table></div>{{/page.rows.any}}
        {{^page.rows.any}}<p>{{t.restore_same}}</p>{{/page.rows.any}}
        {{#page.droppedLinks}}<p class="notice">{{.}}</p>{{/page.droppedLinks}}
        <form method="post" action="{{page.action}}">
        <input type="hidden" name="csrf" value="{{frame.formToken}}">
        <input type="hidden" name="version" value="{{page.version}}">
        <p class="actions"><button type="submit">{{t.restore_confirm}}</button> <a href="{{page.backHref}}">{{t.cancel}}</a></p>
        </form>
        {{/content}}{{/layout}}
        """

    /// Adding a picture or a document to a person: the file and its title.
    static let mediaForm = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice problem" role="alert">{{page.notice}}</p>{{/page.notice}}
        <form method="post" action="{{page.action}}" enctype="multipart/form-data" class="edit"><input type="hidden" name="csrf" value="{{frame.formToken}}">
        <p class="field"><label for="media-file">{{t.media_file}}</label><input id="media-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" required aria-describedby="media-file-hint"><small id="media-file-hint">{{page.limit}}</small></p>
        <p class="field"><label for="media-title">{{t.media_title}}</label><input id="media-title" name="title" maxlength="500"></p>
        <p class="actions"><button type="submit">{{t.media_upload}}</button> <a href="{{page.cancelHref}}">{{t.cancel}}</a></p>
        </form>
        {{/content}}{{/layout}}
        """
}
