/// `/static/site.css`: the site's one stylesheet. Phones first: one column, nothing wider than
/// the screen except charts, which scroll inside their frame. Chart text sizes match
/// `ChartMetrics` (13 px names, 11 px details) so the server's text fitting holds.
public enum SiteStylesheet {
    public static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --accent: #0b5cad; --bg: #ffffff; --soft: #f6f8fa;
          --male: #e3efff; --female: #ffe8f0; --unknown: #f1f1f1; --restricted: #eeeeee; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Sans", Verdana, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; }
        body { margin: 0; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #e8a317; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
        .skip:focus { left: .5rem; z-index: 10; }
        .site-header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
        .brand { font-weight: bold; font-size: 1.15rem; text-decoration: none; color: var(--ink); overflow-wrap: anywhere; }
        .search { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; flex: 1 1 16rem; }
        .search label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        input, select, button { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 4px; max-width: 100%; }
        input[type=search] { flex: 1 1 10rem; min-width: 0; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        .sign-out { display: flex; gap: .4rem; align-items: center; }
        .sign-out .user { font-weight: bold; }
        .sign-in input { width: 100%; max-width: 24rem; }
        .menu { padding: .4rem 1rem; border-bottom: 1px solid var(--line); }
        main { padding: 1rem; max-width: 72rem; margin: 0 auto; overflow-wrap: anywhere; }
        h1 { font-size: 1.6rem; margin: .2rem 0 .8rem; }
        h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
        .years, .count, .role, .half, .sosa-number, .aboville-number { color: var(--muted); }
        .role { display: inline-block; min-width: 4.5rem; }
        .facts { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .2rem 1rem; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        .events, .relatives, .results, .names, .name-index, .children, .union-events { padding-left: 1.2rem; }
        .events li { margin-bottom: .4rem; }
        .event-kind { font-weight: bold; }
        .note, .source, .witnesses { margin: .1rem 0; color: var(--muted); }
        .notes { white-space: pre-line; }
        .restricted { font-style: italic; color: var(--muted); }
        .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 2rem; }
        .name-index { columns: 14rem; }
        .sosa, .aboville { list-style: none; padding-left: 0; }
        .aboville .depth-1 { margin-left: 0; } .aboville .depth-2 { margin-left: 1rem; } .aboville .depth-3 { margin-left: 2rem; }
        .aboville .depth-4 { margin-left: 3rem; } .aboville .depth-5 { margin-left: 4rem; } .aboville .depth-6 { margin-left: 5rem; }
        .chart-options { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-bottom: .6rem; }
        .chart-scroll { margin: 0; overflow: auto; max-width: 100%; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); }
        .chart-scroll svg { display: block; }
        .chart .links { fill: none; stroke: #8c959f; stroke-width: 1.2; }
        .chart .box rect { stroke: #8c959f; stroke-width: 1; fill: var(--unknown); }
        .chart .box.male rect { fill: var(--male); } .chart .box.female rect { fill: var(--female); }
        .chart .box.restricted rect { fill: var(--restricted); stroke-dasharray: 3 2; }
        .chart .box.repeated rect { fill: #fff8e1; stroke-dasharray: 4 2; } .chart .box.more rect { fill: var(--soft); }
        .chart a.box:hover rect, .chart a.box:focus rect { stroke: var(--accent); stroke-width: 2.5; }
        .chart a:focus { outline: none; } .chart a:focus-visible rect { stroke: #e8a317; stroke-width: 3; }
        .chart text { fill: var(--ink); font-family: "DejaVu Sans", Verdana, sans-serif; }
        .chart .name { font-size: 13px; } .chart .detail, .chart .spouse, .chart .note { font-size: 11px; fill: var(--muted); }
        .chart .sector path { stroke: #ffffff; stroke-width: 1; }
        .chart .sector.male path { fill: var(--male); } .chart .sector.female path { fill: var(--female); }
        .chart .sector.unknown path { fill: var(--unknown); } .chart .sector.restricted path { fill: var(--restricted); }
        .chart .sector text { font-size: 11px; }
        .bars rect { fill: var(--accent); } .bars .female { fill: #c2185b; } .bars text { font-size: 11px; fill: var(--ink); }
        .bars .axis { stroke: var(--line); }
        .pager { display: flex; gap: 1rem; margin-top: 1rem; }
        .notice { background: #fff8e1; padding: .4rem .6rem; border-radius: 4px; }
        .notice.problem { background: #fdecea; border-left: 4px solid #b3261e; }
        .languages ul, .menu ul, .person-links ul, .edit-links ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem .9rem; }
        .edit-links { margin: .4rem 0; }
        form.edit { max-width: 48rem; }
        .portrait { float: right; margin: 0 0 1rem 1rem; max-width: 40%; }
        .portrait img { display: block; max-width: 12rem; max-height: 16rem; width: auto; height: auto; border-radius: 4px; }
        .gallery { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
        .gallery li { width: 10rem; }
        .gallery img { display: block; max-width: 100%; max-height: 10rem; }
        .gallery .document { display: block; padding: 2rem 0; text-align: center; border: 1px solid #999; }
        .gallery .caption { display: block; overflow-wrap: anywhere; }
        .form-group { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 .8rem; padding: .4rem .8rem; }
        .form-group legend { font-weight: bold; padding: 0 .3rem; }
        .field { margin: .4rem 0; display: flex; flex-direction: column; gap: .15rem; }
        .field input, .field select, .field textarea { width: 100%; max-width: 36rem; box-sizing: border-box; font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 4px; }
        .field input[type=checkbox], .field input[type=radio] { width: auto; margin: 0 .4rem 0 0; padding: 0; vertical-align: middle; }
        .field.invalid input, .field.invalid select, .field.invalid textarea { border: 2px solid #b3261e; }
        textarea:focus-visible { outline: 3px solid #e8a317; outline-offset: 2px; }
        .help { font-size: .9rem; color: #555; }
        .date-words { color: #1b5e20; font-weight: bold; }
        .field-error { color: #b3261e; }
        .actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; }
        button.danger { background: #b3261e; border-color: #b3261e; }
        table.history { border-collapse: collapse; width: 100%; }
        table.history th, table.history td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .sentence { font-size: 1.15rem; }
        .site-footer { border-top: 1px solid var(--line); padding: .6rem 1rem; color: var(--muted); font-size: .9rem; }
        table { border-collapse: collapse; } td, th { border-bottom: 1px solid var(--line); padding: .2rem .6rem; text-align: left; }
        .table-scroll { overflow-x: auto; }
        @media (min-width: 60rem) { .person { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
          .person > h1, .person > .facts, .person > .person-links, .person > section[aria-labelledby=mini-tree] { grid-column: 1 / -1; } }
        @media print { .site-header, .menu, .chart-options, .site-footer { display: none; } .chart-scroll { overflow: visible; border: 0; } }
        """
}
