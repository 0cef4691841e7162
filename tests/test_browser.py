"""The catalogue site in a real browser: Debian's headless Chromium driven by Playwright.

Pages are served by a local http.server on 127.0.0.1 (a free port, stopped at the end) and also
opened from file://, the two ways the site is meant to be read. Playwright never downloads a browser
here: it drives the Chromium that tests/browser.py finds. Without one these tests are skipped, and with
PLANS_REQUIRE_BROWSER=1 (CI) they fail.
"""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser import ARGS, require_chromium

TIMEOUT_MS = 20_000

pytestmark = pytest.mark.slow


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


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors, uncaught exceptions and failed or 4xx/5xx loads."""
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("requestfailed", lambda r: pg.problems.append(f"failed: {r.url} {r.failure}"))
    pg.on("response", lambda r: r.status >= 400 and pg.problems.append(f"HTTP {r.status}: {r.url}"))
    yield pg
    context.close()


def _pages(catalog: Path) -> list[str]:
    index = json.loads((catalog / "catalog.json").read_text(encoding="utf-8"))
    return (
        ["index.html"]
        + [f"{p['name']}/index.html" for p in index["packages"]]
        + [f"source/{d['document_id']}.html" for d in index["documents"]]
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
    assert any(h.endswith("#table-departments") for h in hits), hits
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
    page.goto((built["catalog"] / "indicators" / "index.html").as_uri())
    assert page.locator("figure.chart svg").count() == 3
    assert page.problems == []


@pytest.mark.parametrize("package, charts", [("indicators", 3), ("assignments", 1), ("actions", 1), ("all", 5)])
def test_charts_render(server, page, package, charts):
    page.goto(server + f"{package}/index.html")
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
