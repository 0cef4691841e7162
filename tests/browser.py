"""Finding a Chromium for the browser tests, the way users expect, and saying plainly when there is none.

Order: ``PLANS_CHROMIUM`` (a path; when it names nothing, the machine counts as having no browser),
then ``chromium``, ``chromium-browser`` or ``google-chrome`` on PATH, then a browser that Playwright
manages (``python -m playwright install chromium``). Without one the browser tests are skipped, unless
``PLANS_REQUIRE_BROWSER=1`` (set by ``.ci/run``), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome")
# A headless browser on a closed network: no sandbox as root, no background connections.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HOW_TO_GET = "apt-get install chromium, or python -m playwright install chromium, or set PLANS_CHROMIUM"
SKIP_REASON = f"no Chromium found for the browser tests ({HOW_TO_GET})"


def _playwright_managed() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # playwright missing or its driver unable to start: no managed browser
        return None
    return path if path and Path(path).is_file() else None


@cache
def find_chromium() -> str | None:
    """The browser's executable path, or None."""
    wanted = os.environ.get("PLANS_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() and os.access(wanted, os.X_OK) else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return _playwright_managed()


def require_chromium() -> str:
    """The browser, or a skip (a failure when PLANS_REQUIRE_BROWSER is set)."""
    path = find_chromium()
    if path:
        return path
    if os.environ.get("PLANS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"PLANS_REQUIRE_BROWSER=1 but {SKIP_REASON}", pytrace=False)
    pytest.skip(SKIP_REASON)
