"""`python3 tasks.py screenshots`: the README's pictures of the site, taken from the built `catalog/` in Chromium.

Builds nothing: it opens the committed (or last built) catalogue from file:// and writes `docs/table-page.png`
(a table page, filtered) and `docs/source-page.png` (the source lines its first row links to). Chinese needs a
CJK font on the machine (Debian: `apt-get install fonts-noto-cjk`); without one the pictures would show empty
boxes, so it refuses.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from pipelines.publish.site.table_pages import page_href
from tests.browser import ARGS, find_chromium

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
DOCS = ROOT / "docs"
TABLE = "annex_tasks"  # any table with source lines shows both pages
# the first document of the manifest: its page of the table's rows
DOCUMENT = yaml.safe_load((ROOT / "raw" / "sources.yaml").read_text(encoding="utf-8"))["documents"][0]["document_id"]
FILTER = "大数据"  # typed into the page's filter
WIDTH, HEIGHT = 1280, 800


def main() -> int:
    chromium = find_chromium()
    if not chromium:
        print("no Chromium found (apt-get install chromium)", file=sys.stderr)
        return 1
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    if not fonts.strip():
        print("no CJK font: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto((CATALOG / page_href(TABLE, DOCUMENT)).as_uri())
        page.fill("#filter", FILTER)  # the rows that mention it, counted
        page.screenshot(path=str(DOCS / "table-page.png"))
        page.locator("#rows tbody tr:not([hidden]) td.src a").first.click()
        page.wait_for_load_state("load")
        page.evaluate("window.scrollBy(0, -240)")  # the lines before the row's first line stay in the picture
        page.screenshot(path=str(DOCS / "source-page.png"))
        browser.close()
    for name in ("table-page.png", "source-page.png"):
        print(f"docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
