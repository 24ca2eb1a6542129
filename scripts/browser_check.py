"""Checks the web site in headless Chromium (run by scripts/browser-check, which installs the tools,
imports the corpus base and starts the server).

    browser_check.py BASE_URL BASE SHOTS_DIR

For every page below, at 1280 and 375 CSS pixels wide, with JavaScript on and off (one browser per
combination): the page answers 200 with an <h1> and its expected text; no sideways scroll (charts
scroll inside their .chart-scroll frame); in every svg.chart no two boxes overlap and every text of
a box fits inside its box (measured with the browser's fonts; fan sectors by their outline); zoom
buttons before each [data-pan-zoom] frame with JavaScript, none without, and otherwise the same
content; no script errors; axe-core (JavaScript on): serious and critical violations fail on the
main pages, everything else is a warning. A PNG of each page goes to SHOTS_DIR. Exits 1 when a
check fails, with the list.
"""

import base64
import html
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = os.environ.get("GENEWEB_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("GENEWEB_CHROMEDRIVER", "/usr/bin/chromedriver")
# An editor's account (scripts/browser-check creates it as the server's first admin): with it,
# each browser also signs in and fills and submits the editing forms.
EDITOR = os.environ.get("GENEWEB_CHECK_EDITOR", "")
EDITOR_PASSWORD = os.environ.get("GENEWEB_CHECK_PASSWORD", "")
WIDTHS = ((1280, 900), (375, 812))
AXE_FAILING_IMPACTS = ("serious", "critical")


@dataclass
class Page:
    name: str
    path: str
    expect: str  # text the page must show (the raw HTML and the rendered document)
    chart: str = ""  # CSS selector of the chart the page must have, with at least min_boxes boxes
    min_boxes: int = 5
    zoom: bool = False  # the chart is in a [data-pan-zoom] frame
    axe: bool = False  # serious/critical axe violations fail (else they are warnings)
    lang: str = "en"


def pages(base):
    b = f"/b/{base}"
    victoria = f"{b}/p/victoria.0.hanover"
    return [
        Page("home", b, "Most frequent surnames", axe=True),
        Page("person", victoria, "Victoria", axe=True),
        Page("pedigree", f"{victoria}/ancestors?generations=7", "Edward Augustus", chart="svg.chart.pedigree",
             zoom=True, axe=True),
        Page("fan", f"{victoria}/fan?generations=7&angle=360", "Victoria", chart="svg.chart.fan", zoom=True),
        Page("fan-180", f"{victoria}/fan?generations=8&angle=180", "Victoria", chart="svg.chart.fan", zoom=True),
        Page("descendants", f"{b}/p/george_iii.0.hanover/descendants?generations=4", "George III",
             chart="svg.chart.descendants", zoom=True, axe=True),
        # A direct line: George III, his son, Victoria (three boxes).
        Page("relationship", f"{victoria}/relationship?with=george_iii.0.hanover", "granddaughter",
             chart="svg.chart", min_boxes=3, axe=True),
        # Two branches from the common ancestors.
        Page("relationship-cousins", f"{victoria}/relationship?with=nicholas_ii_alexandrovich.0.romanov",
             "third cousin", chart="svg.chart", axe=True),
        Page("search", f"{b}/search?q=victoria", "Victoria Hanover", axe=True),
        Page("surnames", f"{b}/surnames", "Hanover"),
        Page("first-names", f"{b}/first-names", "Victoria"),
        Page("places", f"{b}/places?order=count", "London"),
        Page("statistics", f"{b}/statistics", "Births per century"),
        Page("anniversaries", f"{b}/anniversaries", "Births"),
        Page("home-fr", f"{b}?lang=fr", "Noms les plus fréquents", lang="fr"),
        Page("person-fr", f"{victoria}?lang=fr", "Naissance", lang="fr"),
        Page("pedigree-fr", f"{victoria}/ancestors?generations=7&lang=fr", "Ascendance de",
             chart="svg.chart.pedigree", zoom=True, lang="fr"),
    ]


# Everything measured in the page, in one call: returns a JSON-able summary.
MEASURE = r"""
const page = arguments[0];
const out = {problems: [], info: {}};
const snippet = (el, n = 220) => {
  const h = el.outerHTML || "";
  return h.length > n ? h.slice(0, n) + "…" : h;
};
const r4 = (r) => [r.left, r.top, r.width, r.height].map((v) => Math.round(v * 10) / 10);
const h1 = document.querySelector("h1");
out.info.h1 = h1 ? h1.textContent.trim() : null;
out.info.lang = document.documentElement.getAttribute("lang");
out.info.title = document.title;
out.info.innerWidth = window.innerWidth;
out.info.scrollWidth = document.documentElement.scrollWidth;
out.info.text = document.body ? document.body.textContent.replace(/\s+/g, " ") : "";

// Sideways scroll, and the outermost elements sticking out of the window (not inside a chart frame).
const limit = document.documentElement.clientWidth + 1;
out.info.overflowing = [];
if (document.documentElement.scrollWidth > window.innerWidth + 1) {
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".chart-scroll") && !el.classList.contains("chart-scroll")) continue;
    const right = el.getBoundingClientRect().right;
    const parent = el.parentElement;
    if (right > limit && (!parent || parent === document.body || parent.getBoundingClientRect().right <= limit)) {
      out.info.overflowing.push({right: Math.round(right), html: snippet(el)});
      if (out.info.overflowing.length >= 8) break;
    }
  }
}

// Charts: boxes (<a|g class="box"> with one <rect>) and fan sectors (<a|g class="sector"> with a <path>).
out.info.charts = [];
for (const svg of document.querySelectorAll("svg.chart")) {
  const chart = {id: svg.id, cls: svg.getAttribute("class"), boxes: 0, sectors: 0, overlaps: [], overflows: []};
  const boxes = [];
  for (const box of svg.querySelectorAll(".box")) {
    const rect = box.querySelector(":scope > rect");
    const label = (box.querySelector(":scope > title") || {}).textContent || box.id || "";
    if (!rect) { chart.overflows.push({box: label, text: "", detail: "box without a <rect>", html: snippet(box)}); continue; }
    const rr = rect.getBoundingClientRect();
    boxes.push({label, rr, rect});
    for (const text of box.querySelectorAll("text")) {
      const content = text.textContent.trim();
      if (!content) continue;
      const tr = text.getBoundingClientRect();
      const out_by = {left: rr.left - tr.left, right: tr.right - rr.right, top: rr.top - tr.top, bottom: tr.bottom - rr.bottom};
      const sides = Object.entries(out_by).filter(([, v]) => v > 1).map(([k, v]) => `${k} ${v.toFixed(1)} px`);
      if (sides.length) chart.overflows.push({box: label, text: content, detail: "sticks out " + sides.join(", "),
        rect: snippet(rect, 120), textHtml: snippet(text, 160)});
    }
  }
  chart.boxes = boxes.length;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].rr, b = boxes[j].rr;
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 0.5 && dy > 0.5 && chart.overlaps.length < 20) {
        chart.overlaps.push({a: boxes[i].label, b: boxes[j].label, by: [Math.round(dx * 10) / 10, Math.round(dy * 10) / 10],
          aRect: snippet(boxes[i].rect, 120), bRect: snippet(boxes[j].rect, 120)});
      }
    }
  }
  // Fan sectors: every corner of a text's box (1 px inside) must be inside its sector's outline.
  for (const sector of svg.querySelectorAll(".sector")) {
    const path = sector.querySelector(":scope > path");
    if (!path) continue;
    chart.sectors++;
    const label = (sector.querySelector(":scope > title") || {}).textContent || sector.id || "";
    const toPath = path.getScreenCTM().inverse();
    for (const text of sector.querySelectorAll("text")) {
      const content = text.textContent.trim();
      if (!content) continue;
      const bb = text.getBBox();
      const m = toPath.multiply(text.getScreenCTM());
      const corners = [[bb.x + 1, bb.y + 1], [bb.x + bb.width - 1, bb.y + 1], [bb.x + 1, bb.y + bb.height - 1],
                       [bb.x + bb.width - 1, bb.y + bb.height - 1]];
      const outside = corners.filter(([x, y]) => !path.isPointInFill(new DOMPoint(x, y).matrixTransform(m)));
      if (outside.length) chart.overflows.push({box: label, text: content,
        detail: `${outside.length} of 4 corners of the text outside its sector`, textHtml: snippet(text, 200)});
    }
  }
  out.info.charts.push(chart);
}

// Zoom buttons (site.js) before each [data-pan-zoom] frame.
const frames = [...document.querySelectorAll("[data-pan-zoom]")];
out.info.panZoomFrames = frames.length;
out.info.zoomBars = document.querySelectorAll(".zoom-bar").length;
out.info.framesWithButtons = frames.filter((f) => {
  const bar = f.previousElementSibling;
  return bar && bar.classList.contains("zoom-bar") && bar.querySelectorAll("button").length >= 3;
}).length;

// The content without what the script adds, to compare JavaScript on and off.
const main = document.querySelector("main") || document.body;
const copy = main.cloneNode(true);
copy.querySelectorAll(".zoom-bar").forEach((e) => e.remove());
out.info.content = copy.innerHTML;
return JSON.stringify(out);
"""

# Clicks the first frame's first button (zoom in), then its last (reset): the chart grows by 1.25,
# then goes back.
ZOOM = r"""
const frame = document.querySelector("[data-pan-zoom]");
const bar = frame && frame.previousElementSibling;
const svg = frame && frame.querySelector("svg");
if (!bar || !svg) return null;
const buttons = [...bar.querySelectorAll("button")];
const before = +svg.getAttribute("width");
if (buttons.length) buttons[0].click();
const zoomed = +svg.getAttribute("width");
const scrollAfterZoom = document.documentElement.scrollWidth;
if (buttons.length) buttons[buttons.length - 1].click();
const after = +svg.getAttribute("width");
return {before, zoomed, after, scrollAfterZoom, labels: buttons.map((b) => b.getAttribute("aria-label"))};
"""


class Run:
    def __init__(self, base_url, base, shots):
        self.base_url = base_url.rstrip("/")
        self.base = base
        self.shots = shots
        self.problems = []
        self.warnings = []
        self.checks = 0
        self.content = {}  # (page, width, js) -> main's HTML

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def warn(self, where, message):
        self.warnings.append(f"{where}: {message}")

    def check(self, ok, where, message):
        self.checks += 1
        if not ok:
            self.problem(where, message)
        return ok

    # --- HTTP, before any browser -------------------------------------------------------------
    def http(self, all_pages):
        for path, kind in (("/static/site.css", "text/css"), ("/static/site.js", "javascript")):
            status, ctype, _ = fetch(self.base_url + path)
            self.check(status == 200 and kind in ctype, path, f"answered {status} {ctype!r}, expected 200 {kind}")
        for page in all_pages:
            where = f"{page.path} (HTTP)"
            status, ctype, body = fetch(self.base_url + page.path)
            if not self.check(status == 200 and "text/html" in ctype, where, f"answered {status} {ctype!r}"):
                continue
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
            h1_text = html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip() if h1 else ""
            self.check(bool(h1_text), where, "no <h1> or an empty one")
            self.check(page.expect in html.unescape(body), where, f"{page.expect!r} not in the HTML")
            self.check(f'<html lang="{page.lang}"' in body, where, f'<html lang="{page.lang}"> missing')

    # --- One browser per (JavaScript, width) ------------------------------------------------
    def browser(self, js, width, height, all_pages):
        label = f"{width} px, JS {'on' if js else 'off'}"
        started = time.monotonic()
        driver = self.new_driver(js, width, height)
        try:
            for page in all_pages:
                page_started = time.monotonic()
                try:
                    summary = self.page(driver, page, js, width)
                except WebDriverException as error:
                    self.problem(f"{self.base_url}{page.path} [{label}]", f"browser error: {error.msg or error}")
                    summary = "error"
                print(f"  {page.name:<20} {label:<17} {time.monotonic() - page_started:5.1f} s  {summary}", flush=True)
        finally:
            driver.quit()
        return time.monotonic() - started

    def edit_browser(self, js, width, height):
        """The editing forms, in a browser of their own, after every page was checked (the edits
        change the home page's latest changes, which the JavaScript on/off comparison reads)."""
        started = time.monotonic()
        driver = self.new_driver(js, width, height)
        try:
            checks = self.checks
            problems = len(self.problems)
            try:
                self.editing(driver, js, width)
            except WebDriverException as error:
                self.problem(f"editing [{width} px, JS {'on' if js else 'off'}]", f"browser error: {error.msg or error}")
            print(f"  {'editing forms':<20} {width} px, JS {'on' if js else 'off':<6} {time.monotonic() - started:5.1f} s  "
                  f"{self.checks - checks} checks, {len(self.problems) - problems} problems", flush=True)
        finally:
            driver.quit()

    def new_driver(self, js, width, height):
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    f"--window-size={width},{height}", "--lang=en-US"):
            opts.add_argument(arg)
        if not js:
            opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
        driver.set_page_load_timeout(60)
        driver.set_script_timeout(60)
        # Headless windows are at least 500 px wide: the viewport is set exactly instead.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        return driver

    def page(self, driver, page, js, width):
        url = self.base_url + page.path
        where = f"{url} [{width} px, JS {'on' if js else 'off'}]"
        driver.get_log("browser")  # drop earlier pages' messages
        driver.delete_all_cookies()  # a first visit: ?lang=fr sets a language cookie
        driver.get(url)
        driver.execute_async_script("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));")
        info = json.loads(driver.execute_script(MEASURE, page.name))["info"]
        notes = []

        self.check(info["innerWidth"] == width, where, f"window.innerWidth is {info['innerWidth']}, not {width}")
        self.check(bool(info["h1"]), where, "no <h1> or an empty one")
        self.check(page.expect in info["text"], where, f"{page.expect!r} not shown")
        self.check(info["lang"] == page.lang, where, f'<html lang> is {info["lang"]!r}, not {page.lang!r}')
        if not self.check(info["scrollWidth"] <= info["innerWidth"] + 1, where,
                          f"sideways scroll: document {info['scrollWidth']} px wide in a {info['innerWidth']} px window"):
            for el in info["overflowing"]:
                self.problems[-1] += f"\n      sticks out to x={el['right']}: {el['html']}"

        charts = info["charts"]
        if page.chart:
            counts = driver.execute_script(
                "return [...document.querySelectorAll(arguments[0])].map((svg) => svg.querySelectorAll('.box, .sector').length)",
                page.chart)
            if self.check(bool(counts), where, f"no {page.chart}"):
                self.check(max(counts) >= page.min_boxes, where,
                           f"{page.chart} has {max(counts)} boxes, expected at least {page.min_boxes}")
        for chart in charts:
            name = f"svg#{chart['id']}" if chart["id"] else f"svg.{chart['cls']}"
            if chart["boxes"] or chart["sectors"]:
                notes.append(f"{name}: {chart['boxes'] or chart['sectors']} {'boxes' if chart['boxes'] else 'sectors'}")
            self.checks += 1
            for o in chart["overlaps"]:
                self.problem(where, f"{name}: boxes overlap by {o['by'][0]}×{o['by'][1]} px: “{o['a']}” {o['aRect']} "
                                    f"and “{o['b']}” {o['bRect']}")
            self.checks += 1
            for o in chart["overflows"]:
                self.problem(where, f"{name}: text “{o['text']}” of box “{o['box']}” {o['detail']}: "
                                    f"{o.get('textHtml', '')} in {o.get('rect', o.get('html', 'its sector'))}")

        if js:
            self.check(info["framesWithButtons"] == info["panZoomFrames"], where,
                       f"{info['panZoomFrames']} [data-pan-zoom] frames but {info['framesWithButtons']} with zoom buttons")
            if page.zoom:
                self.check(info["panZoomFrames"] > 0, where, "chart without a [data-pan-zoom] frame")
        else:
            self.check(info["zoomBars"] == 0, where, f"{info['zoomBars']} zoom bars without JavaScript")
        self.content[(page.name, width, js)] = info["content"]

        for entry in driver.get_log("browser"):
            message = entry.get("message", "")
            if entry.get("level") == "SEVERE":
                if "favicon.ico" in message:
                    self.warn(where, f"console: {message}")
                else:
                    self.problem(where, f"console error: {message}")

        if js and info["panZoomFrames"]:
            zoom = driver.execute_script(ZOOM)
            self.checks += 1
            if not zoom or abs(zoom["zoomed"] - zoom["before"] * 1.25) > 1 or zoom["after"] != zoom["before"]:
                self.problem(where, f"zoom buttons do not zoom: {zoom}")
            elif zoom["scrollAfterZoom"] > width + 1:
                self.problem(where, f"sideways scroll after zooming in: document {zoom['scrollAfterZoom']} px wide")

        if js:
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            failing = 0
            for v in results.get("violations", []):
                fail = page.axe and v.get("impact") in AXE_FAILING_IMPACTS
                failing += fail
                text = (f"axe {v['id']} ({v.get('impact')}): {v.get('help')}, {len(v['nodes'])} element(s):"
                        + "".join(f"\n      {', '.join(map(str, n.get('target', [])))}: {short(n.get('html', ''))}"
                                  for n in v["nodes"][:4]))
                (self.problem if fail else self.warn)(where, text)
            self.checks += 1
            notes.append(f"axe: {len(results.get('violations', []))} rules violated ({failing} failing), "
                         f"{len(results.get('passes', []))} passed")

        self.screenshot(driver, f"{page.name}-{width}-js-{'on' if js else 'off'}.png")
        return "; ".join(notes) or "ok"

    # --- Editing: sign in, fill and submit the forms ---------------------------------------
    def editing(self, driver, js, width):
        """Signs in with the form, edits a person (Check reads the date back in words, Save shows the
        change on the person page), creates a person with a GeneWeb-syntax date, adds their parents,
        a spouse and a child with the act forms, merges a second record into them, deletes them from
        the confirmation page, and signs out — by clicking, with JavaScript on or off."""
        where = f"editing [{width} px, JS {'on' if js else 'off'}]"
        b = f"{self.base_url}/b/{self.base}"
        # Not a person of the pages above: the edits would change what they compare.
        person = f"{b}/p/augusta_sophia.0.hanover"
        driver.delete_all_cookies()

        def field(name, value):
            element = driver.find_element(By.NAME, name)
            element.clear()
            element.send_keys(value)

        def click(selector):
            driver.find_element(By.CSS_SELECTOR, selector).click()
            time.sleep(0.2)

        def layout(name):
            wide = driver.execute_script("return document.documentElement.scrollWidth")
            self.check(wide <= width + 1, where, f"{name}: the page scrolls sideways ({wide} px wide in {width} px)")

        driver.get(f"{self.base_url}/sign-in?next=/b/{self.base}")
        field("username", EDITOR)
        field("password", EDITOR_PASSWORD)
        click("form.sign-in button[type=submit]")
        if not self.check(driver.current_url.rstrip("/") == b and "sign-out" in driver.page_source, where,
                          f"signing in ended on {driver.current_url}"):
            return

        occupation = f"Princess, checked at {width} px with JavaScript {'on' if js else 'off'}"
        driver.get(f"{person}/edit")
        if not self.check(driver.find_elements(By.CSS_SELECTOR, "form.edit input[name=csrf]"), where,
                          f"no edit form with its token at {driver.current_url}"):
            return
        field("occupation", occupation)
        field("death.date", "ABT 1840")
        click("button[value=check]")
        words = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#f-death-date-help .date-words")]
        self.check(words and "about 1840" in words[0], where, f"Check did not read the date back in words: {words}")
        layout("the person form")
        if js:
            self.axe(driver, where, "person form")
        self.screenshot(driver, f"edit-form-{width}-js-{'on' if js else 'off'}.png")
        click("button[value=save]")
        self.check(driver.current_url == person and occupation in driver.page_source, where,
                   f"Save ended on {driver.current_url} without the new occupation")

        # The history keeps the version this save replaced: compare it, then restore it.
        driver.get(f"{person}/history")
        compare = driver.find_elements(By.CSS_SELECTOR, "a[href*='/history/']")
        if self.check(compare, where, "the history lists no earlier version after a save"):
            compare[0].click()
            time.sleep(0.2)
            self.check(driver.find_elements(By.CSS_SELECTOR, "main table th[scope=row]"), where,
                       f"the version page compares no field: {driver.current_url}")
            layout("the version page")
            if js:
                self.axe(driver, where, "version page")
            self.screenshot(driver, f"restore-{width}-js-{'on' if js else 'off'}.png")
            click("main form button[type=submit]")
            self.check(driver.current_url == person and occupation not in driver.page_source, where,
                       f"restoring ended on {driver.current_url} with the saved occupation still there")

        # A small family of its own per browser (its surname), built with the act forms.
        surname = {(True, 1280): "Testa", (True, 375): "Testb", (False, 1280): "Testc", (False, 375): "Testd"}.get((js, width), "Teste")
        key = surname.lower()

        def new_person(first):
            driver.get(f"{b}/new-person")
            field("first_name", first)
            field("surname", surname)
            field("birth.date", "1/3/1701J")
            click("button[value=save]")
            return driver.current_url

        if js:
            # Places offered as they are typed (the script asks /b/{base}/suggest; nothing is saved).
            driver.get(f"{b}/new-person")
            field("birth.place", "Kensi")
            time.sleep(1.0)
            offered = driver.execute_script(
                "var i = document.querySelector('input[name=\"birth.place\"]');"
                " return i.list ? Array.from(i.list.options).map(function (o) { return o.value; }) : [];")
            self.check(any(o.startswith("Kensington") for o in offered), where, f"no place offered for 'Kensi': {offered}")

        ann = f"{b}/p/ann.0.{key}"
        if not self.check(new_person("Ann") == ann and "1701" in driver.page_source, where,
                          f"creating a person ended on {driver.current_url}"):
            return
        # A picture added from the person page: the type is read from the bytes; the page shows it.
        picture = os.path.abspath(os.path.join(self.shots, f"portrait-{key}.png"))
        with open(picture, "wb") as f:
            f.write(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="))
        driver.get(f"{ann}/media")
        layout("the media form")
        driver.find_element(By.NAME, "file").send_keys(picture)
        field("title", f"Ann {surname}, a portrait")
        click("form.edit button[type=submit]")
        loaded = driver.execute_script(
            "var i = document.querySelector('figure.portrait img'); return i ? i.complete && i.naturalWidth : -1;")
        self.check(driver.current_url == ann and loaded and loaded > 0, where,
                   f"the uploaded picture is not shown on {driver.current_url} (natural width {loaded})")
        self.screenshot(driver, f"portrait-{width}-js-{'on' if js else 'off'}.png")

        driver.get(f"{ann}/add-parents")
        field("father.first_name", "Hugh")
        field("father.surname", surname)
        field("mother.first_name", "Joan")
        field("mother.surname", surname)
        field("union.marriage.date", "ABT 1680")
        self.screenshot(driver, f"add-parents-{width}-js-{'on' if js else 'off'}.png")
        layout("the add-parents form")
        click("button[value=save]")
        self.check(driver.current_url == ann and f"Hugh {surname}" in driver.page_source, where,
                   f"adding parents ended on {driver.current_url} without the father")
        driver.get(f"{ann}/add-spouse")
        field("spouse.first_name", "Tom")
        field("spouse.surname", "Rowe")
        click("button[value=save]")
        links = driver.find_elements(By.CSS_SELECTOR, "a[href$='/add-child']")
        if not self.check(driver.current_url == ann and links, where, f"adding a spouse ended on {driver.current_url} without an add-child link"):
            return
        links[0].click()
        time.sleep(0.2)
        field("child.first_name", "Kit")
        click("button[value=save]")
        self.check("/f/" in driver.current_url and f"Kit {surname}" in driver.page_source, where,
                   f"adding a child ended on {driver.current_url} without the child")

        # A second record of Ann, merged into the first.
        if not self.check(new_person("Ann") == f"{b}/p/ann.1.{key}", where, f"the second record is {driver.current_url}"):
            return
        driver.get(f"{ann}/merge?with=ann.1.{key}")
        layout("the merge page")
        self.screenshot(driver, f"merge-{width}-js-{'on' if js else 'off'}.png")
        click("button.danger")
        self.check(driver.current_url == ann, where, f"merging ended on {driver.current_url}")
        driver.get(f"{b}/p/ann.1.{key}")
        self.check("Page not found" in driver.page_source, where, "the merged record's page still answers")

        driver.get(f"{ann}/delete")
        self.check(len(driver.find_elements(By.CSS_SELECTOR, "main li")) >= 2, where,
                   "the delete page does not list what else changes (a union and a family of birth)")
        layout("the delete page")
        click("button.danger")
        self.check(driver.current_url.rstrip("/") == b, where, f"deleting ended on {driver.current_url}")
        driver.get(ann)
        self.check("Page not found" in driver.page_source, where, "the deleted person's page still answers")
        # The administration pages (the run's account is the first admin): each answers with its
        # heading, fits the width, and (JavaScript on) passes axe.
        for path, heading in (("/admin", "Server"), ("/admin/users", "Accounts"), ("/admin/bases", "Family trees"), ("/admin/audit", "Audit log"),
                              ("/admin/import", "Import a GEDCOM or GeneWeb file")):
            driver.get(self.base_url + path)
            h1 = driver.find_elements(By.CSS_SELECTOR, "h1")
            self.check(h1 and h1[0].text == heading, where, f"{path}: no <h1>{heading}</h1>")
            layout(path)
            if js:
                self.axe(driver, where, path)
            self.screenshot(driver, f"admin{path.replace('/admin', '').replace('/', '-') or '-server'}-{width}-js-{'on' if js else 'off'}.png")

        # An import from the pages: the file chosen in the form, then its page follows it to the report.
        upload = os.path.abspath(os.path.join(self.shots, f"upload-{key}.ged"))
        with open(upload, "w", encoding="utf-8") as f:
            f.write("0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Anne /Upload/\n1 BIRT\n2 DATE 31 FEB 1850\n"
                    "0 @I2@ INDI\n1 NAME Yves /Upload/\n0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n0 TRLR\n")
        driver.get(f"{self.base_url}/admin/import")
        field("base", f"upload-{key}")
        driver.find_element(By.NAME, "file").send_keys(upload)
        click("form.edit button[type=submit]")
        deadline = time.time() + 60
        while "http-equiv=\"refresh\"" in driver.page_source and time.time() < deadline:
            time.sleep(0.5)
        self.check("/admin/imports/" in driver.current_url and f"the tree upload-{key} holds the file" in driver.page_source, where,
                   f"the import from the pages ended on {driver.current_url} without its report")
        self.check("31 FEB 1850" in driver.page_source, where, "the import's report does not list the file's warning")
        layout("the import report")
        if js:
            self.axe(driver, where, "import report")
        self.screenshot(driver, f"admin-import-report-{width}-js-{'on' if js else 'off'}.png")

        driver.get(b)
        click("form.sign-out button[type=submit]")
        self.check("sign-out" not in driver.page_source, where, "still signed in after signing out")

    def axe(self, driver, where, label):
        """axe's violations on the page: serious and critical ones are problems, others warnings."""
        results = Axe(driver)
        results.inject()
        for v in results.run().get("violations", []):
            fail = v.get("impact") in AXE_FAILING_IMPACTS
            (self.problem if fail else self.warn)(where, f"{label}: axe {v['id']} ({v.get('impact')}): {v.get('help')}")
        self.checks += 1

    def screenshot(self, driver, name):
        path = os.path.join(self.shots, name)
        try:
            size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 6000), "scale": 1}
            shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                          {"format": "png", "captureBeyondViewport": True, "clip": clip})
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        except WebDriverException:
            driver.save_screenshot(path)

    def compare_js(self, all_pages):
        for page in all_pages:
            for width, _ in WIDTHS:
                on, off = self.content.get((page.name, width, True)), self.content.get((page.name, width, False))
                if on is None or off is None:
                    continue
                self.checks += 1
                if on != off:
                    at = next((i for i, (a, b) in enumerate(zip(on, off)) if a != b), min(len(on), len(off)))
                    self.problem(f"{self.base_url}{page.path} [{width} px]",
                                 f"content differs with JavaScript on and off at character {at}: "
                                 f"on …{short(on[max(0, at - 60):at + 100])} / off …{short(off[max(0, at - 60):at + 100])}")


def short(text, n=300):
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= n else text[:n] + "…"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), ""


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base_url, base, shots = sys.argv[1:]
    os.makedirs(shots, exist_ok=True)
    run = Run(base_url, base, shots)
    all_pages = pages(base)
    started = time.monotonic()
    run.http(all_pages)
    print(f"browser-check: HTTP: {len(all_pages)} pages and 2 assets in {time.monotonic() - started:.1f} s", flush=True)
    for js in (True, False):
        for width, height in WIDTHS:
            took = run.browser(js, width, height, all_pages)
            print(f"browser-check: {width} px, JavaScript {'on' if js else 'off'}: {took:.1f} s", flush=True)
    run.compare_js(all_pages)
    if EDITOR:
        for js in (True, False):
            for width, height in WIDTHS:
                run.edit_browser(js, width, height)
    else:
        run.warn("editing", "GENEWEB_CHECK_EDITOR is not set: the editing forms were not checked")

    for warning in run.warnings:
        print(f"warning: {warning}")
    combos = len(WIDTHS) * 2
    print(f"browser-check: {len(all_pages)} pages × {combos} browsers, {run.checks} checks, "
          f"{len(run.problems)} problems, {len(run.warnings)} warnings, {time.monotonic() - started:.1f} s")
    if run.problems:
        print(f"browser-check: FAILED, {len(run.problems)} problems:")
        for i, problem in enumerate(run.problems, 1):
            print(f"  {i}. {problem}")
        sys.exit(1)


if __name__ == "__main__":
    main()
