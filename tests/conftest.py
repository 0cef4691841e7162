from __future__ import annotations

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
    """A full build of the real plan into temporary folders (the repository's folders stay untouched)."""
    root = tmp_path_factory.mktemp("build")
    raw = make_raw(root / "raw")
    result = run_build(raw, root / "warehouse", root / "catalog")
    assert result.code == 0, result.err
    return {"root": root, "raw": raw, "warehouse": root / "warehouse", "catalog": root / "catalog", "out": result.out}


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
