extension SiteTemplates {
    /// The administration pages' own menu.
    static let adminMenu = """
        <nav class="edit-links" aria-label="{{t.admin_menu}}"><ul>{{#page.links}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/page.links}}</ul></nav>
        """

    /// `/admin`: the server at a glance, each base with its graph.
    static let adminOverview = """
        {{<layout}}{{$content}}
        <h1>{{t.admin_title}}</h1>
        {{>adminMenu}}
        <dl class="facts">{{#page.facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/page.facts}}</dl>
        <h2>{{t.admin_bases}}</h2>
        {{#page.bases.any}}<table class="history"><thead><tr><th scope="col">{{t.admin_base}}</th><th scope="col">{{t.admin_persons}}</th><th scope="col">{{t.admin_families}}</th><th scope="col">{{t.admin_graph}}</th></tr></thead>
        <tbody>{{#page.bases.items}}<tr><td><a href="{{href}}">{{name}}</a></td><td>{{persons}}</td><td>{{families}}</td><td>{{graph}}</td></tr>{{/page.bases.items}}</tbody></table>{{/page.bases.any}}
        {{^page.bases.any}}<p>{{t.none}}</p>{{/page.bases.any}}
        {{/content}}{{/layout}}
        """

    /// `/admin/users`: one form per account (role, active, save; a new password), then a new account.
    static let adminUsers = """
        {{<layout}}{{$content}}
        <h1>{{t.admin_users}}</h1>
        {{>adminMenu}}
        {{#page.notice}}<p class="notice{{#page.isError}} problem{{/page.isError}}" role="alert">{{page.notice}}</p>{{/page.notice}}
        {{#page.users.items}}<section class="form-group" aria-labelledby="{{rowID}}"><h2 id="{{rowID}}">{{username}}</h2>
        <p>{{details}}</p>
        <form method="post" action="{{action}}" class="actions"><input type="hidden" name="csrf" value="{{frame.formToken}}">
        {{#role}}<label for="{{rowID}}-role">{{label}}</label> <select id="{{rowID}}-role" name="role">{{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}</select>{{/role}}
        {{#active}}<span><input type="checkbox" id="{{rowID}}-active" name="active" value="on"{{#checked}} checked{{/checked}}> <label for="{{rowID}}-active">{{label}}</label></span>{{/active}}
        <button type="submit">{{t.save}}</button></form>
        <form method="post" action="{{passwordAction}}" class="actions"><input type="hidden" name="csrf" value="{{frame.formToken}}">
        <label for="{{rowID}}-password">{{t.admin_new_password}}</label> <input id="{{rowID}}-password" name="password" type="password" autocomplete="new-password" maxlength="1000">
        <button type="submit">{{t.admin_reset_password}}</button></form></section>{{/page.users.items}}
        <h2>{{t.admin_new_user}}</h2>
        <form method="post" action="/admin/users" class="edit"><input type="hidden" name="csrf" value="{{frame.formToken}}">
        <p class="field"><label for="new-username">{{t.username}}</label><input id="new-username" name="username" autocomplete="off" maxlength="100" required></p>
        <p class="field"><label for="new-password">{{t.password}}</label><input id="new-password" name="password" type="password" autocomplete="new-password" maxlength="1000" required></p>
        <p class="field"><label for="new-full-name">{{t.admin_full_name}}</label><input id="new-full-name" name="full_name" maxlength="200"></p>
        <p class="field"><label for="new-email">{{t.admin_email}}</label><input id="new-email" name="email" type="email" maxlength="200"></p>
        {{#page.newRole}}{{>formSelect}}{{/page.newRole}}
        <p class="actions"><button type="submit">{{t.admin_create}}</button></p></form>
        {{/content}}{{/layout}}
        """

    /// `/admin/audit`: filters, the lines, previous and next pages.
    static let adminAudit = """
        {{<layout}}{{$content}}
        <h1>{{t.admin_audit}}</h1>
        {{>adminMenu}}
        <form class="chart-options" method="get" action="/admin/audit">
        <label for="audit-action">{{t.admin_action}}</label> <input id="audit-action" name="action" value="{{page.action}}" maxlength="100">
        <label for="audit-entity">{{t.admin_entity}}</label> <input id="audit-entity" name="entity" value="{{page.entity}}" maxlength="100">
        <button type="submit">{{t.show}}</button></form>
        <p>{{page.summary}}</p>
        {{#page.rows.any}}<div class="table-scroll"><table class="history"><thead><tr><th scope="col">{{t.history_when}}</th><th scope="col">{{t.history_who}}</th><th scope="col">{{t.admin_action}}</th><th scope="col">{{t.admin_entity}}</th><th scope="col">{{t.admin_base}}</th><th scope="col">{{t.admin_details}}</th></tr></thead>
        <tbody>{{#page.rows.items}}<tr><td>{{when}}</td><td>{{who}}</td><td>{{action}}</td><td>{{entity}}</td><td>{{base}}</td><td>{{details}}</td></tr>{{/page.rows.items}}</tbody></table></div>{{/page.rows.any}}
        <p class="pager">{{#page.previous}}<a href="{{.}}" rel="prev">{{t.previous}}</a> {{/page.previous}}{{#page.next}}<a href="{{.}}" rel="next">{{t.next}}</a>{{/page.next}}</p>
        {{/content}}{{/layout}}
        """

    /// `/admin/bases`: each base's figures, policy, name, default, exports and deletion; a new base.
    static let adminBases = """
        {{<layout}}{{$content}}
        <h1>{{t.admin_bases}}</h1>
        {{>adminMenu}}
        {{#page.notice}}<p class="notice{{#page.isError}} problem{{/page.isError}}" role="alert">{{page.notice}}</p>{{/page.notice}}
        {{#page.bases.items}}<section class="form-group" aria-labelledby="{{rowID}}"><h2 id="{{rowID}}"><a href="{{href}}">{{name}}</a>{{#isDefault}} ({{t.admin_default}}){{/isDefault}}</h2>
        <p>{{title}} · {{persons}} {{t.admin_persons}} · {{families}} {{t.admin_families}}</p>
        <form method="post" action="{{action}}" class="actions"><input type="hidden" name="csrf" value="{{frame.formToken}}"><input type="hidden" name="action" value="policy">
        {{#policy}}<label for="{{rowID}}-names">{{label}}</label> <select id="{{rowID}}-names" name="living_names">{{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}</select>{{/policy}}
        <button type="submit">{{t.save}}</button></form>
        <form method="post" action="{{action}}" class="actions"><input type="hidden" name="csrf" value="{{frame.formToken}}"><input type="hidden" name="action" value="rename">
        <label for="{{rowID}}-rename">{{t.admin_new_name}}</label> <input id="{{rowID}}-rename" name="new_name" maxlength="64" pattern="[A-Za-z0-9_-]+">
        <button type="submit">{{t.admin_rename}}</button></form>
        {{^isDefault}}<form method="post" action="{{action}}" class="actions"><input type="hidden" name="csrf" value="{{frame.formToken}}"><input type="hidden" name="action" value="default"><button type="submit">{{t.admin_make_default}}</button></form>{{/isDefault}}
        <p>{{t.admin_export}}: {{#exports}}<a href="{{href}}" download>{{label}}</a> {{/exports}}{{^isDefault}}· <a href="{{deleteHref}}">{{t.delete}}</a>{{/isDefault}}</p>
        </section>{{/page.bases.items}}
        <h2>{{t.admin_new_base}}</h2>
        <form method="post" action="/admin/bases" class="edit"><input type="hidden" name="csrf" value="{{frame.formToken}}">
        <p class="field"><label for="base-name">{{t.admin_base_name}}</label><input id="base-name" name="name" maxlength="64" required pattern="[A-Za-z0-9_-]+"></p>
        <p class="field"><label for="base-title">{{t.admin_base_title}}</label><input id="base-title" name="title" maxlength="200"></p>
        <p class="actions"><button type="submit">{{t.admin_create}}</button></p></form>
        {{/content}}{{/layout}}
        """

    /// Deleting a base: what goes with it, the name typed again.
    static let adminDeleteBase = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{#page.notice}}<p class="notice problem" role="alert">{{page.notice}}</p>{{/page.notice}}
        <p>{{page.consequence}}</p>
        <form method="post" action="{{page.action}}" class="edit"><input type="hidden" name="csrf" value="{{frame.formToken}}">
        <p class="field"><label for="confirm-name">{{t.admin_type_name}}</label><input id="confirm-name" name="confirm" maxlength="64" autocomplete="off" required></p>
        <p class="actions"><button type="submit" class="danger">{{t.delete}}</button> <a href="/admin/bases">{{t.cancel}}</a></p></form>
        {{/content}}{{/layout}}
        """

    /// `/admin/import`: a GEDCOM or `.gw` file into a base (new or existing, replaced if asked).
    static let adminImport = """
        {{<layout}}{{$content}}
        <h1>{{t.admin_import}}</h1>
        {{>adminMenu}}
        {{#page.notice}}<p class="notice problem" role="alert">{{page.notice}}</p>{{/page.notice}}
        <form method="post" action="/admin/import" enctype="multipart/form-data" class="edit"><input type="hidden" name="csrf" value="{{frame.formToken}}">
        <p class="field"><label for="import-base">{{t.admin_base}}</label><input id="import-base" name="base" value="{{page.base}}" maxlength="64" required pattern="[A-Za-z0-9_-]+" aria-describedby="import-base-hint"><small id="import-base-hint">{{t.admin_import_base_hint}}</small></p>
        <p class="field"><label for="import-file">{{t.admin_import_file}}</label><input id="import-file" name="file" type="file" accept=".ged,.gw,.txt,.zip" required aria-describedby="import-file-hint"><small id="import-file-hint">{{page.limit}}</small></p>
        <p class="field"><label for="import-format">{{t.admin_import_format}}</label><select id="import-format" name="format">{{#page.formats}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.formats}}</select></p>
        <p class="field"><span><input type="checkbox" id="import-replace" name="replace" value="on"{{#page.replace}} checked{{/page.replace}}> <label for="import-replace">{{t.admin_import_replace}}</label></span></p>
        <p class="actions"><button type="submit">{{t.admin_import_start}}</button></p>
        </form>
        {{#page.jobs.any}}<h2>{{t.admin_import_recent}}</h2><ul>{{#page.jobs.items}}<li><a href="{{href}}">{{label}}</a></li>{{/page.jobs.items}}</ul>{{/page.jobs.any}}
        {{/content}}{{/layout}}
        """

    /// `/admin/imports/{id}`: a running import's progress (the page reloads itself), then its report.
    static let adminImportJob = """
        {{<layout}}{{$content}}
        <h1>{{page.heading}}</h1>
        {{>adminMenu}}
        <p>{{page.started}}</p>
        {{#page.running}}<p role="status"><label for="import-progress">{{page.phase}}</label> <progress id="import-progress" max="{{page.total}}"{{#page.written}} value="{{.}}"{{/page.written}}>{{page.percent}}</progress> {{page.counts}}</p>{{/page.running}}
        {{#page.failure}}<p class="notice problem" role="alert">{{.}}</p>{{/page.failure}}
        {{#page.report.any}}<p class="notice" role="status">{{page.finished}}</p><dl class="facts">{{#page.report.items}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/page.report.items}}</dl>{{/page.report.any}}
        {{#page.baseHref}}<p><a href="{{.}}">{{t.admin_import_open_base}}</a></p>{{/page.baseHref}}
        <h2>{{page.warningsHeading}}</h2>
        {{#page.warnings.any}}<ul class="warnings">{{#page.warnings.items}}<li>{{.}}</li>{{/page.warnings.items}}</ul>{{/page.warnings.any}}
        {{^page.warnings.any}}<p>{{t.none}}</p>{{/page.warnings.any}}
        {{#page.more}}<p>{{.}}</p>{{/page.more}}
        {{/content}}{{/layout}}
        """
}
