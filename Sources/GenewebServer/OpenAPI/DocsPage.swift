/// The `/docs` explorer: one HTML page, one script, one style sheet, all served by us.
enum DocsPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>GeneWeb Server API</title>
        <link rel="stylesheet" href="/docs/app.css">
        </head>
        <body>
        <header>
          <h1>GeneWeb Server API</h1>
          <p>The OpenAPI document: <a href="/openapi.json">/openapi.json</a>. Errors always have the <code>ErrorBody</code> shape.</p>
          <form id="login">
            <input id="username" autocomplete="username" placeholder="username">
            <input id="password" type="password" autocomplete="current-password" placeholder="password">
            <button type="submit">Sign in</button>
            <span id="who">anonymous</span>
          </form>
        </header>
        <main id="operations">Loading…</main>
        <script src="/docs/app.js"></script>
        </body>
        </html>
        """

    static let script = #"""
        "use strict";
        let token = null;
        const el = (tag, attrs = {}, ...children) => {
          const node = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
          for (const child of children) node.append(child);
          return node;
        };
        document.getElementById("login").addEventListener("submit", async (event) => {
          event.preventDefault();
          const body = { username: document.getElementById("username").value, password: document.getElementById("password").value };
          const response = await fetch("/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
          const json = await response.json();
          token = response.ok ? json.access_token : null;
          document.getElementById("who").textContent = response.ok ? `${json.user.username} (${json.user.role})` : json.detail;
        });
        async function send(method, path, form, output) {
          let url = path;
          for (const input of form.querySelectorAll("input[data-param]")) url = url.replace(`{${input.dataset.param}}`, encodeURIComponent(input.value));
          const query = form.querySelector("input[data-query]");
          if (query && query.value) url += (url.includes("?") ? "&" : "?") + query.value;
          const headers = {};
          if (token) headers["Authorization"] = `Bearer ${token}`;
          const textarea = form.querySelector("textarea");
          const options = { method, headers };
          if (textarea && textarea.value.trim()) { headers["Content-Type"] = "application/json"; options.body = textarea.value; }
          const response = await fetch(url, options);
          const text = await response.text();
          let shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (_) {}
          output.textContent = `${response.status} ${response.statusText}\n\n${shown}`;
        }
        async function load() {
          const spec = await (await fetch("/openapi.json")).json();
          const groups = {};
          for (const [path, methods] of Object.entries(spec.paths)) {
            for (const [method, op] of Object.entries(methods)) {
              const tag = (op.tags || ["other"])[0];
              (groups[tag] = groups[tag] || []).push({ path, method: method.toUpperCase(), op });
            }
          }
          const main = document.getElementById("operations");
          main.textContent = "";
          for (const tag of Object.keys(groups).sort()) {
            const section = el("section", {}, el("h2", {}, tag));
            for (const { path, method, op } of groups[tag].sort((a, b) => (a.path + a.method).localeCompare(b.path + b.method))) {
              const form = el("form", {});
              for (const p of op.parameters || []) {
                if (p.in === "path") form.append(el("label", {}, `${p.name} `, el("input", { "data-param": p.name })));
              }
              if (method === "GET") form.append(el("label", {}, "query ", el("input", { "data-query": "1", placeholder: "offset=0&limit=50" })));
              if (op.requestBody) form.append(el("textarea", { rows: "4", placeholder: "JSON body" }));
              const output = el("pre", {});
              form.append(el("button", { type: "submit" }, "Send"));
              form.addEventListener("submit", (event) => { event.preventDefault(); send(method, path, form, output); });
              const role = op["x-required-role"] ? ` — needs: ${op["x-required-role"]}` : "";
              section.append(el("details", {}, el("summary", {}, el("span", { class: `method ${method}` }, method), ` ${path}${role}`), form, output));
            }
            main.append(section);
          }
        }
        load();
        """#

    static let style = """
        body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem; color: #222; }
        header { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
        details { border: 1px solid #ddd; border-radius: 4px; margin: .3rem 0; padding: .3rem .6rem; }
        summary { cursor: pointer; font-family: ui-monospace, monospace; }
        .method { display: inline-block; width: 4.5rem; font-weight: bold; }
        .GET { color: #0a6; } .POST { color: #06c; } .PUT, .PATCH { color: #b60; } .DELETE { color: #c22; }
        form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
        textarea { width: 100%; font-family: ui-monospace, monospace; }
        pre { background: #f6f6f6; padding: .5rem; overflow: auto; max-height: 30rem; }
        """
}
