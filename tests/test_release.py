"""Release as one step, under fault injection: each filesystem operation of a release fails in turn.

After any failure the published warehouse and catalogue are readable, and each is either the old build or
the new one — the DuckDB file and the Parquet set always from the same build — and the next build's tidy
step plus a clean release leave exactly the new build, with nothing lying around.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.lock import LOCK_NAME
from pipelines.publish.warehouse import release
from tests.helpers import relative_digest

pytestmark = pytest.mark.slow  # copies a build a dozen times

MUTATING = {"replace", "rename", "symlink", "unlink", "rmdir", "chmod", "rmtree"}
TARGET_SQL = (
    "SELECT raw_text FROM indicator_values WHERE table_id = 'targets_13th' AND indicator_no = 6 "
    "AND measure = 'target_2020'"
)


class Faults:
    """Stands in for `os` and `shutil` in the release module: the n-th mutating call raises OSError."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at, self.calls = fail_at, 0
        self.failed: str | None = None

    def wrap(self, module):
        faults = self

        class Proxy:
            def __getattr__(self, name):
                real = getattr(module, name)
                if name not in MUTATING:
                    return real

                def call(*args, **kwargs):
                    faults.calls += 1
                    if faults.calls == faults.fail_at:
                        faults.failed = f"{module.__name__}.{name}"
                        if name == "rmtree" and kwargs.get("ignore_errors"):
                            return None  # an ignored failure: the folder stays, for the next tidy
                        raise OSError(f"injected failure of {module.__name__}.{name}")
                    return real(*args, **kwargs)

                return call

        return Proxy()


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


def _change_one_cell(version: Path) -> None:
    con = duckdb.connect(str(version / "plans.duckdb"))
    con.execute(
        TARGET_SQL.replace("SELECT raw_text FROM indicator_values", "UPDATE indicator_values SET raw_text = '71'")
    )
    con.close()
    path = version / "parquet" / "indicator_values.parquet"
    values = pd.read_parquet(path)
    cell = (values.table_id == "targets_13th") & (values.indicator_no == 6) & (values.measure == "target_2020")
    values.loc[cell, "raw_text"] = "71"
    values.to_parquet(path)


def _served(warehouse: Path) -> tuple[str, str]:
    """(value in the DuckDB file, value in the Parquet set) of the cell the two builds differ in."""
    con = duckdb.connect(str(warehouse / "plans.duckdb"), read_only=True)
    try:
        db = con.execute(TARGET_SQL).fetchall()[0][0]
    finally:
        con.close()
    values = pd.read_parquet(warehouse / "parquet" / "indicator_values.parquet")
    cell = values.query("table_id == 'targets_13th' and indicator_no == 6 and measure == 'target_2020'")
    for name in os.listdir(warehouse / "parquet"):  # every file of the set is readable
        pd.read_parquet(warehouse / "parquet" / name)
    return db, cell.raw_text.iloc[0]


def test_every_failing_step_of_a_release_leaves_old_or_new_and_the_next_build_repairs(built, tmp_path, monkeypatch):
    new = tmp_path / "new"
    new_version = _copy((built["warehouse"] / "current").resolve(), new / "version")
    _change_one_cell(new_version)  # the new build differs from the old in one cell, in the database and the Parquet set
    _copy(built["catalog"], new / "catalog")
    (new / "catalog" / "BUILD").write_text("the new build\n", encoding="utf-8")
    old_catalog, new_catalog = relative_digest(built["catalog"]), relative_digest(new / "catalog")
    assert old_catalog != new_catalog

    failures: list[str] = []
    for fail_at in range(1, 40):
        site = tmp_path / f"site{fail_at}"
        warehouse = _copy(built["warehouse"], site / "warehouse")
        catalog = _copy(built["catalog"], site / "catalog")
        stage_wh = _copy(new_version, warehouse / f"{release.STAGING_PREFIX}{fail_at}")
        stage_cat = _copy(new / "catalog", site / f".catalog-staging-{fail_at}")
        faults = Faults(fail_at)
        monkeypatch.setattr(release, "os", faults.wrap(os))
        monkeypatch.setattr(release, "shutil", faults.wrap(shutil))
        try:
            release.release(stage_wh, stage_cat, warehouse, catalog)
            raised = None
        except OSError as exc:
            raised = exc
        finally:
            monkeypatch.undo()
        if faults.failed is None:
            break  # every operation of a release has failed once: done
        failures.append(faults.failed)

        # readable, and old or new: the DuckDB file and the Parquet set from the same build
        db, parquet = _served(warehouse)
        assert db == parquet and db in ("70", "71"), (fail_at, faults.failed, db, parquet)
        assert relative_digest(catalog) in (old_catalog, new_catalog), (fail_at, faults.failed)
        if raised is None:
            assert db == "71" and relative_digest(catalog) == new_catalog

        # the next build: tidy what was left, then a clean release publishes the new build
        release.tidy(warehouse, catalog)
        stage_wh = _copy(new_version, warehouse / f"{release.STAGING_PREFIX}again")
        stage_cat = _copy(new / "catalog", site / ".catalog-staging-again")
        release.release(stage_wh, stage_cat, warehouse, catalog)
        assert _served(warehouse) == ("71", "71") and relative_digest(catalog) == new_catalog
        kept = (release.VERSION_PREFIX, LOCK_NAME)  # the versions, and the build lock's file (it stays, unlocked)
        assert sorted(p.name for p in warehouse.iterdir() if not p.name.startswith(kept)) == [
            "current",
            "parquet",
            "plans.duckdb",
        ]
        assert len([p for p in warehouse.iterdir() if p.name.startswith(release.VERSION_PREFIX)]) == 1
        assert sorted(p.name for p in site.iterdir()) == ["catalog", "warehouse"]
    else:
        pytest.fail("a release took more than 40 operations")
    print(f"\n{len(failures)} injected failures: {failures}")
    assert len(failures) >= 6 and {"os.replace", "os.symlink"} <= set(failures), failures


def test_readers_use_the_same_paths(built):
    """plans.duckdb and parquet/ are links into the served version; readers never need to know."""
    warehouse = built["warehouse"]
    assert os.path.islink(warehouse / "plans.duckdb") and os.path.islink(warehouse / "parquet")
    served = os.readlink(warehouse / "current")
    assert served.startswith(release.VERSION_PREFIX) and (warehouse / served / "plans.duckdb").is_file()
    digest = hashlib.sha256((warehouse / "plans.duckdb").read_bytes()).hexdigest()
    assert digest == hashlib.sha256((warehouse / served / "plans.duckdb").read_bytes()).hexdigest()
