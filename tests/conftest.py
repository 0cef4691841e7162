from __future__ import annotations

import fcntl
import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.helpers import RAW, make_raw, run_build


@pytest.fixture(scope="session")
def plan_docs():
    """The document model of the real plan."""
    from pipelines.extract.model import build_document
    from pipelines.extract.source import load_sources

    return [build_document(s) for s in load_sources(RAW)]


@pytest.fixture(scope="session")
def tables(plan_docs) -> dict[str, pd.DataFrame]:
    """Every table extracted from the real plan (not yet validated)."""
    from pipelines.extract.tables import extract_table
    from schemas.registry import TABLES

    return {t: extract_table(t, plan_docs) for t in TABLES}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """One full build of the real plan into temporary folders (the repository's folders stay untouched), shared
    by every pytest-xdist worker of the run: the first to need it builds, under a file lock, the others reuse
    it. Tests read it and never write into it (a test that needs to change it copies it first)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's folder, above the workers'
    root = shared / "shared-build"
    with open(shared / "shared-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "build.out").exists():
            raw = make_raw(root / "raw")
            result = run_build(raw, root / "warehouse", root / "catalog")
            assert result.code == 0, result.err
            (root / "build.out").write_text(result.out, encoding="utf-8")
    return {
        "root": root,
        "raw": root / "raw",
        "warehouse": root / "warehouse",
        "catalog": root / "catalog",
        "out": (root / "build.out").read_text(encoding="utf-8"),
    }


@pytest.fixture()
def db(built):
    con = duckdb.connect(str(built["warehouse"] / "plans.duckdb"), read_only=True)
    yield con
    con.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One closing line that says how many browser tests were skipped, and how to run them."""
    from tests.browser import SKIP_REASON

    skipped = [r for r in terminalreporter.stats.get("skipped", []) if SKIP_REASON in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} browser test(s) skipped: {SKIP_REASON}", yellow=True)


def pytest_collection_modifyitems(config, items):
    """Tests that need no build first: under pytest-xdist one worker builds (see `built`) while the other runs them."""
    items.sort(key=lambda item: "built" in getattr(item, "fixturenames", ()))
