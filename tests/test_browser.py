"""The catalogue site in a real browser: Debian's headless Chromium driven by Playwright.

Pages are served by a local http.server on 127.0.0.1 (a free port, stopped at the end) and also
opened from file://, the two ways the site is meant to be read. Playwright never downloads a browser
here: it drives the Chromium that tests/browser.py finds. Without one these tests are skipped, and with
PLANS_REQUIRE_BROWSER=1 (CI) they fail.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import axe_playwright_python
import pytest
import yaml

from pipelines.publish.catalogue.packages import ALL, VIEWS_THEME, package_names
from pipelines.publish.site.table_pages import page_href
from pipelines.publish.warehouse.views import spec_of
from tests.browser import ARGS, require_chromium
from tests.helpers import RAW

TIMEOUT_MS = 20_000
AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"  # axe-core, for the tests only

pytestmark = pytest.mark.slow
# the plan: the document whose pages of rows the tests open
DOC = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))["documents"][0]["document_id"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest's output for failures
        pass


@pytest.fixture(scope="module")
def server(built):
    """The built catalogue over HTTP on a free loopback port, for this module only."""
    handler = functools.partial(QuietHandler, directory=str(built["catalog"]))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=ARGS, timeout=60_000)
        yield b
        b.close()


def _recording_page(context):
    """A page of `context` that records console errors, uncaught exceptions and failed or 4xx/5xx loads."""
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("requestfailed", lambda r: pg.problems.append(f"failed: {r.url} {r.failure}"))
    pg.on("response", lambda r: r.status >= 400 and pg.problems.append(f"HTTP {r.status}: {r.url}"))
    return pg


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors, uncaught exceptions and failed or 4xx/5xx loads."""
    context = browser.new_context()
    yield _recording_page(context)
    context.close()


def _pages(catalog: Path) -> list[str]:
    index = json.loads((catalog / "catalog.json").read_text(encoding="utf-8"))
    return (
        ["index.html"]
        + [f"{p['name']}/index.html" for p in index["packages"]]
        + [f"{kind}/{d['document_id']}.html" for d in index["documents"] for kind in ("source", "achieved")]
        + sorted(p.relative_to(catalog).as_posix() for p in catalog.glob("*/charts/*.html"))
        + sorted(p.relative_to(catalog).as_posix() for p in (catalog / "tables").rglob("*.html"))
    )


def test_every_page_loads_without_errors(server, built, page):
    for path in _pages(built["catalog"]):
        page.goto(server + path, wait_until="load")
        assert page.title(), path
        assert page.problems == [], f"{path}: {page.problems}"


def _search(page, query: str) -> list[str]:
    page.fill("#search", query)
    page.wait_for_selector("#search-results li a")
    return page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.getAttribute('href'))")


def test_search_finds_datasets_in_chinese_and_english(server, page):
    page.goto(server + "index.html")
    assert page.is_visible("#search")
    hits = _search(page, "重大工程")
    assert hits[0] == "projects/index.html", hits
    hits = _search(page, "指标")
    assert "indicators/index.html" in hits
    hits = _search(page, "Departments")
    assert "tables/departments.html" in hits, hits  # a table's result opens its page of rows
    page.fill("#search", "没有这样的数据集xyz")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 0")
    assert page.problems == []


def test_search_result_leads_to_the_dataset_page(server, page):
    page.goto(server + "index.html?q=" + "优先行动")
    page.wait_for_selector("#search-results li a")
    page.click("#search-results li a >> nth=0")
    page.wait_for_load_state("load")
    assert page.url.endswith("actions/index.html")
    assert page.problems == []


def test_site_works_from_file_urls(built, page):
    page.goto((built["catalog"] / "index.html").as_uri())
    assert _search(page, "重点任务分工")[0] == "assignments/index.html"
    page.goto((built["catalog"] / "indicators" / "charts" / f"{DOC}.html").as_uri())
    assert page.locator("figure.chart svg").count() == 3
    assert page.problems == []


# the progress charts (milestones and tasks per action, tasks per department) joined the actions and assignments pages
@pytest.mark.parametrize("package, charts", [("indicators", 3), ("assignments", 2), ("actions", 2), ("all", 7)])
def test_charts_render(server, page, package, charts):
    page.goto(server + f"{package}/index.html")
    page.click(f'#charts ~ ul a[href$="charts/{DOC}.html"]')  # the package's charts of the plan
    page.wait_for_load_state("load")
    svgs = page.locator("figure.chart svg")
    assert svgs.count() == charts
    for i in range(charts):
        svg = svgs.nth(i)
        box = svg.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100, box
        assert svg.locator("rect, circle").count() > 0
        assert svg.get_attribute("role") == "img"
        assert svg.locator("title").first.text_content()
    assert page.problems == []


def test_a_provenance_link_opens_the_source_at_its_line(server, page):
    """From a package page, the source-lines link scrolls the source page to the line, which says what it fed."""
    page.goto(server + "indicators/index.html")
    link = page.locator('a[href*="source/"][href*="#L"]').first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    anchor = href.split("#L")[1]
    line = page.locator(f"#L{anchor}")
    assert page.url.endswith(f"#L{anchor}") and line.is_visible()
    assert line.bounding_box()["y"] < page.viewport_size["height"]  # scrolled into view
    fed = line.locator("span.fed")
    fed.focus()
    assert "indicator" in fed.get_attribute("title") and page.problems == []


# --- table pages, source links, language switch, filter, accessibility ---------------------------------------

ROWS_PER_TABLE = 3  # sampled from the middle of three equal strata of each table's rows: deterministic
_NO_SPACE = re.compile(r"\s+")


def _table_names(catalog: Path) -> list[str]:
    index = json.loads((catalog / "catalog.json").read_text(encoding="utf-8"))
    return sorted({r["name"] for p in index["packages"] for r in p["resources"]})


def _text_columns(name: str) -> list[int]:
    """Positions (in the page's row cells) of the columns that hold a row's own text: text columns other than
    the document id and the English translations (the source is Chinese). The row's first two cells are its
    permalink and its source link."""
    spec = spec_of(name)
    return [
        i + 2
        for i, c in enumerate(spec.columns)
        if c.type == "string" and c.name != "document_id" and not c.name.endswith("_en")
    ]


# every table and view whose rows cite source lines, known from the declarations before the build
LINE_TABLES = [n for n in package_names()["all"] if {"line_start", "line_end"} <= {c.name for c in spec_of(n).columns}]


def test_the_sample_follows_at_least_fifty_rows():
    assert len(LINE_TABLES) * ROWS_PER_TABLE >= 50, LINE_TABLES


@pytest.fixture(scope="module")
def source_tab(browser):
    """One tab that follows the row walk's source links. Every row's link points into the same source page, so
    after the first load each link is a move within the page (its :target and scroll), as in a reader's tab that
    already holds it; the click itself is test_a_row_s_source_link_clicked_opens_its_line."""
    context = browser.new_context()
    yield _recording_page(context)
    context.close()


def _cited_text(page, first: int, last: int) -> str:
    """The text of source lines first..last as the source page shows them, whitespace removed."""
    joined = page.evaluate(
        "([a, b]) => { let s = ''; for (let n = a; n <= b; n++) { const li = document.getElementById('L' + n);"
        " if (li) { s += li.lastElementChild.textContent; } } return s; }",
        [first, last],
    )
    return _NO_SPACE.sub("", joined)


@pytest.mark.parametrize("name", LINE_TABLES)
def test_rows_lead_to_the_source_lines_that_hold_their_text(server, page, source_tab, name):
    """Sampled rows of a table with source lines: follow the row's source link; the source page goes to that
    line (:target, in view), and the lines the row cites hold one of its texts (whitespace removed)."""
    columns = _text_columns(name)
    page.goto(server + page_href(name, DOC))
    rows = page.locator("#rows tbody tr")
    n = rows.count()
    assert n and page.locator("#rows td.src a").count() == n, name  # every row links to its source
    for i in sorted({int((j + 0.5) * n / ROWS_PER_TABLE) for j in range(ROWS_PER_TABLE)}):
        row = rows.nth(i)
        cells = row.locator("td").all_inner_texts()
        texts = [_NO_SPACE.sub("", cells[c]) for c in columns if cells[c].strip() not in ("", "∅")]
        link = row.locator("td.src a")
        href = link.evaluate("a => a.href")  # the link as the browser resolves it
        first, _, last = link.inner_text()[1:].partition("–")  # "L12" or "L12–14"
        source_tab.goto(href, wait_until="load")
        assert source_tab.url == href, (i, source_tab.url)
        target = source_tab.locator(":target")
        assert target.get_attribute("id") == f"L{first}", i
        box = target.bounding_box()
        assert box and 0 < box["y"] + box["height"] and box["y"] < source_tab.viewport_size["height"], (i, box)
        joined = _cited_text(source_tab, int(first), int(last or first))
        assert any(t[:24] in joined for t in texts), (i, texts, joined[:200])
    assert page.problems == [] and source_tab.problems == []


def test_a_row_s_source_link_clicked_opens_its_line(server, page):
    """The click the row walk above stands for: a table row's source link, clicked, loads the source page at the
    row's line, in view."""
    page.goto(server + page_href("paragraphs", DOC))
    link = page.locator("#rows tbody tr").nth(100).locator("td.src a")
    first = link.inner_text()[1:].partition("–")[0]
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"source/{DOC}.html#L{first}"), page.url
    target = page.locator(":target")
    assert target.get_attribute("id") == f"L{first}"
    box = target.bounding_box()
    assert box and 0 < box["y"] + box["height"] and box["y"] < page.viewport_size["height"], box
    page.go_back(wait_until="load")
    assert page.url.endswith(page_href("paragraphs", DOC))
    assert page.problems == []


def test_language_switch_is_remembered_across_pages(server, page):
    page.goto(server + page_href("paragraphs", DOC))
    html = page.locator("html")
    assert html.get_attribute("lang") == "zh-CN"
    zh = page.locator('#rows td[lang="zh-CN"]').first
    en = page.locator('#rows td[lang="en"]').first
    assert zh.is_visible() and en.is_visible()  # both by default
    assert page.locator("h1 [lang=en]").is_visible() and page.locator("h1 [lang=zh-CN]").is_visible()
    page.check("#lang-switch input[value=en]")
    assert en.is_visible() and not zh.is_visible()
    assert not page.locator("h1 [lang=zh-CN]").is_visible() and page.locator("h1 [lang=en]").is_visible()
    page.click("nav a >> nth=0")  # to the home page: the choice holds there
    page.wait_for_load_state("load")
    assert html.get_attribute("data-lang") == "en"
    assert page.is_checked("#lang-switch input[value=en]")
    assert not page.locator("h1 [lang=zh-CN]").is_visible() and page.locator("h1 [lang=en]").is_visible()
    page.check("#lang-switch input[value=zh]")
    page.goto(server + "tables/departments.html")  # a Chinese-only column (the full name) stays in English mode
    assert html.get_attribute("data-lang") == "zh"
    assert not page.locator('#rows td[lang="en"]').first.is_visible()
    assert page.locator('#rows td[lang="zh-CN"]').first.is_visible()
    page.check("#lang-switch input[value=both]")
    page.reload()
    assert page.locator('#rows td[lang="en"]').first.is_visible()
    assert page.problems == []


def test_without_scripts_both_languages_and_every_row_show(browser, built):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto((built["catalog"] / page_href("annex_tasks", DOC)).as_uri())
        assert pg.locator('#rows td[lang="en"]').first.is_visible()
        assert pg.locator('#rows td[lang="zh-CN"]').first.is_visible()
        assert pg.locator("#rows tbody tr:visible").count() == int(pg.get_attribute("#rows", "data-rows"))
        assert not pg.is_visible("#row-filter") and not pg.is_visible("#lang-switch")  # nothing that cannot work
    finally:
        context.close()


def test_typing_filters_the_rows_and_headings_sort_them(server, page):
    page.goto(server + page_href("annex_tasks", DOC))
    rows = page.locator("#rows tbody tr")
    total = rows.count()
    assert total == int(page.locator("#rows").get_attribute("data-rows"))
    page.fill("#filter", "工业和信息化部")
    shown = page.locator("#rows tbody tr:not([hidden])")
    count = shown.count()
    assert 0 < count < total
    assert all("工业和信息化部" in t for t in shown.all_inner_texts())
    assert page.inner_text("#filter-status").startswith(f"{count} / {total}")
    page.fill("#filter", "")
    assert page.locator("#rows tbody tr:not([hidden])").count() == total
    page.click("#rows th:nth-child(4) button")  # task_no, descending after ascending
    page.click("#rows th:nth-child(4) button")
    assert page.get_attribute("#rows th:nth-child(4)", "aria-sort") == "descending"
    first = page.inner_text("#rows tbody tr:first-child td:nth-child(4)")
    assert int(first) == total  # the annex's last task first
    assert page.problems == []


def test_a_permalink_from_before_the_paging_opens_the_row_or_chart_on_its_document_page(server, page):
    """`tables/<name>.html#row-…` held every row before the rows were paged by document, and a package page held
    its charts: such links still open the row or the chart, on its document's page (assets/permalinks.js)."""
    page.goto(server + page_href("paragraphs", DOC))
    anchor = page.locator("#rows tbody tr").nth(100).get_attribute("id")
    page.goto(server + f"tables/paragraphs.html#{anchor}")
    page.wait_for_url(f"**/{page_href('paragraphs', DOC)}#{anchor}")
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor
    box = target.bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"], box  # scrolled to the row
    chart = f"chart-achieved-{DOC}"  # a chart's link into its package page, from before the charts moved
    page.goto(server + f"indicators/index.html#{chart}")
    page.wait_for_url(f"**/indicators/charts/{DOC}.html#{chart}")
    assert page.locator(":target").get_attribute("id") == chart
    # the pages left by the script's location.replace may be cut short (net::ERR_ABORTED): that is the redirect
    # itself; anything else is a problem
    left = {server + "tables/paragraphs.html", server + "indicators/index.html"}
    aborted = [f"failed: {url} net::ERR_ABORTED" for url in left]
    assert [p for p in page.problems if p not in aborted] == []


def _audited_pages() -> list[str]:
    """One page of each template and kind, known before the build: home, a package page of each kind (the first
    theme's, the views' with their SQL, and `all`'s; every theme's page is the same template with other tables'
    sections), a table page of each kind (a whole table with a Chinese-only column, a paged table's landing page,
    a document's rows with source lines, keys and both languages, rows with numbers and links to another table,
    a view's rows), the was-it-achieved page, the source page and the charts of package `all` (every kind of
    chart the other packages' chart pages draw). Every page of a kind is the same template and the same row
    markup (test_site checks each row's cells); every page loads without an error above."""
    themes = [p for p in package_names() if p not in (VIEWS_THEME, ALL)]
    return (
        ["index.html"]
        + [f"{p}/index.html" for p in (themes[0], VIEWS_THEME, ALL)]
        + ["tables/departments.html", "tables/paragraphs.html"]
        + [page_href(name, DOC) for name in ("paragraphs", "task_departments", "plan_text")]
        + [f"achieved/{DOC}.html", f"source/{DOC}.html", f"{ALL}/charts/{DOC}.html"]
    )


AUDIT_ROWS = 5  # of each table's rows, list's items and source page's lines; then only items of another markup
# An item (a table row, a list item, a source line) whose markup (every element's tag, classes, lang and role) is
# that of an item kept before is the same to axe-core; taking it out of the page audited keeps the audit's time
# from growing with the rows (axe's own `exclude` still walks them: four times as long on a source page).
_KEEP_EACH_MARKUP = """keep => {
  const mark = e => [e.tagName, e.className, e.getAttribute('lang'), e.getAttribute('role')].join('.');
  for (const list of document.querySelectorAll('tbody, ol, ul')) {
    const seen = new Set();
    Array.from(list.children).forEach((item, i) => {
      const markup = [item, ...item.querySelectorAll('*')].map(mark).join(' ');
      if (i >= keep && seen.has(markup)) { item.remove(); } else { seen.add(markup); }
    });
  }
}"""


@pytest.mark.parametrize("path", _audited_pages())
def test_axe_finds_no_serious_violation_and_nothing_overflows_at_375px(server, browser, path):
    """axe-core (vendored by axe-playwright-python, injected here only) on every page at a phone's width."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    try:
        pg = context.new_page()
        pg.goto(server + path, wait_until="load")
        assert pg.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
        pg.add_script_tag(path=str(AXE))
        if path == f"{ALL}/index.html":  # its table sections are the theme pages' (test_site checks), audited there
            pg.evaluate("() => document.querySelectorAll('section.table').forEach(e => e.remove())")
        pg.evaluate(_KEEP_EACH_MARKUP, AUDIT_ROWS)
        violations = pg.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)})))"
        )
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{path}: {serious}"
    finally:
        context.close()


def test_the_audit_keeps_a_row_of_another_markup_however_far_down(browser):
    """The audit's trimming above is not a blind cut: of 200 like rows it keeps the first five, and a row far down
    whose markup differs (here a cell of low contrast) stays in the page and is found."""
    rows = "".join(f'<tr><td class="{"faint" if i == 150 else "plain"}">row {i}</td></tr>' for i in range(200))
    html = (
        '<!doctype html><html lang="en"><head><title>t</title><style>.faint { color: #ccc; background: #fff }'
        f"</style></head><body><main><table><tbody>{rows}</tbody></table></main></body></html>"
    )
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.set_content(html)
        pg.add_script_tag(path=str(AXE))
        pg.evaluate(_KEEP_EACH_MARKUP, AUDIT_ROWS)
        assert pg.locator("tbody tr").count() == AUDIT_ROWS + 1
        found = pg.evaluate(
            "() => axe.run(document, {runOnly: ['color-contrast']}).then(r => r.violations.map(v => v.nodes.length))"
        )
        assert found == [1]
    finally:
        context.close()
