"""The whole main job on the real plan, into temporary folders."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from schemas.registry import TABLES
from schemas.vocabulary import MEASURE_KINDS
from tests.helpers import ROOT, make_raw, run_build, tree_digest


def test_build_prints_progress_and_succeeds(built):
    out = built["out"]
    assert "ok    [cn-13th-fyp-informatization-2016] 17 tables checked: documents 1, outline 49," in out
    assert "indicator_values 119," in out and "task_departments 530," in out
    assert "ok    document_tables" in out and "ok    publish" in out
    assert "done in" in built["out"]


def test_every_table_in_duckdb_with_its_primary_key(db, tables):
    present = {r[0] for r in db.execute("select table_name from duckdb_tables()").fetchall()}
    assert set(TABLES) <= present
    for table in TABLES:
        count = db.execute(f'select count(*) from "{table}"').fetchone()[0]
        assert count == len(tables[table]), table
    pk = db.execute(
        "select constraint_column_names from duckdb_constraints() "
        "where table_name = 'indicator_values' and constraint_type = 'PRIMARY KEY'"
    ).fetchone()[0]
    assert pk == ["document_id", "table_id", "indicator_no", "measure"]
    assert db.execute("select issued_date::varchar from documents").fetchone()[0] == "2016-12-15"


def test_parquet_copies(built, tables):
    for table in TABLES:
        df = pd.read_parquet(built["warehouse"] / "parquet" / f"{table}.parquet")
        assert len(df) == len(tables[table]), table
    v = pd.read_parquet(built["warehouse"] / "parquet" / "indicator_values.parquet")
    assert (
        v.query("indicator_no == 17 and table_id == 'targets_13th' and measure == 'target_growth'").raw_text.iloc[0]
        == "〔>14〕"
    )


def test_catalogue_index_and_packages(built):
    index = json.loads((built["catalog"] / "catalog.json").read_text(encoding="utf-8"))
    names = [p["name"] for p in index["packages"]]
    assert names == ["text", "indicators", "projects", "actions", "assignments", "views", "all"]
    for pkg in index["packages"]:
        assert pkg["validation"]["valid"] and pkg["version"] == "1.0.0"
        for res in pkg["resources"]:
            for fmt in ("csv", "parquet", "xlsx"):
                assert (built["catalog"] / res["downloads"][fmt]).is_file()
    assert index["created"] == "2026-11-29T00:00:00Z"
    descriptor = json.loads((built["catalog"] / "indicators" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in descriptor["resources"][1]["schema"]["fields"]}
    # a measure is a kind and a year (schemas/vocab/indicator_tables.yaml), of any plan's period
    pattern = fields["measure"]["constraints"]["pattern"]
    good = ("target_2015", "actual_growth", "base_2020", "target_2025", "value_2023")
    assert all(re.fullmatch(pattern, m) for m in good)
    assert not re.fullmatch(pattern, "target") and not re.fullmatch(pattern, "goal_2020")
    assert fields["measure_kind"]["constraints"]["enum"] == list(MEASURE_KINDS)
    assert descriptor["resources"][1]["schema"]["foreignKeys"][0]["reference"]["resource"] == "indicators"


@pytest.mark.slow  # a frictionless CLI process per package
@pytest.mark.parametrize("package", ["text", "indicators", "projects", "actions", "assignments", "views", "all"])
def test_frictionless_validate_cli_accepts_every_package(built, package):
    exe = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(exe), "validate", str(built["catalog"] / package / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_csv_is_utf8_chinese_intact(built):
    text = (built["catalog"] / "assignments" / "data" / "departments.csv").read_bytes().decode("utf-8")
    assert '"中央网信办","中央网络安全和信息化领导小组办公室"' in text and not text.startswith("\ufeff")


@pytest.mark.slow  # two more builds
def test_rebuild_after_a_change_bumps_the_version_and_logs_the_change(tmp_path):
    raw = make_raw(tmp_path / "raw")
    assert run_build(raw, tmp_path / "wh", tmp_path / "cat").code == 0
    first = json.loads((tmp_path / "cat" / "catalog.json").read_text(encoding="utf-8"))
    views = next(p for p in first["packages"] if p["name"] == "views")
    logged = next(c for c in first["changelog"][-1]["changes"] if c["package"] == "views")["resources"]
    for r in views["resources"]:  # a view has no key: its first release adds every row (it used to log 1)
        assert logged[r["name"]] == {"added": r["rows"], "removed": 0, "changed": 0}, r["name"]
    from tests.test_hostile import _replace_line

    make_raw(tmp_path / "raw", _replace_line(439, "40 70 〔30〕", "40 71 〔31〕"))
    result = run_build(raw, tmp_path / "wh", tmp_path / "cat")
    assert result.code == 0, result.err
    index = json.loads((tmp_path / "cat" / "catalog.json").read_text(encoding="utf-8"))
    versions = {p["name"]: p["version"] for p in index["packages"]}
    assert versions["indicators"] == "1.1.0" and versions["projects"] == "1.0.0" and versions["text"] == "1.1.0"
    last = index["changelog"][-1]["changes"]
    ind = next(c for c in last if c["package"] == "indicators")["resources"]
    assert ind["indicator_values"] == {"added": 0, "removed": 0, "changed": 2}
    # a view's rows are compared whole: a row that changed leaves once and comes once, none is "changed"
    by_view = next(c for c in last if c["package"] == "views")["resources"]
    moved = {v: d for v, d in by_view.items() if d["added"] or d["removed"]}
    assert moved and all(d["added"] == d["removed"] and d["changed"] == 0 for d in moved.values()), by_view


@pytest.mark.slow  # a build in another process
def test_a_fresh_process_reproduces_the_committed_catalogue_and_the_parquet_files(built, tmp_path):
    """The one reproducibility test. Another process with another hash seed (no clock, no random ids, no
    set order), building over a copy of the committed catalogue as `python3 tasks.py build` does (versions and
    changelog continue from it), rebuilds catalog/ exactly as committed and the Parquet files exactly as this
    session's build."""
    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    env = {
        **os.environ,
        "PYTHONHASHSEED": "12345",
        "PLANS_RAW_DIR": str(built["raw"]),
        "PLANS_WAREHOUSE_DIR": str(tmp_path / "warehouse"),
        "PLANS_CATALOG_DIR": str(tmp_path / "catalog"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], cwd=ROOT, env=env, timeout=300, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    fresh = _relative(tmp_path / "catalog")
    assert fresh == _relative(ROOT / "catalog"), "catalog/ is stale: rebuild with python3 tasks.py build and commit"
    assert _relative(tmp_path / "warehouse" / "parquet") == _relative(built["warehouse"] / "parquet")


def _relative(folder: Path) -> dict[str, str]:
    return {str(Path(k).relative_to(folder)): v for k, v in tree_digest(folder).items()}


def test_every_view_is_published_as_parquet_and_csv_with_its_sql(built):
    """A Parquet-only or CSV-only user gets every view, its Frictionless schema and the SQL that makes it."""
    from pipelines.publish.warehouse.views import views

    descriptor = json.loads((built["catalog"] / "views" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    con = duckdb.connect(str(built["warehouse"] / "plans.duckdb"), read_only=True)
    for view in views():
        rows = con.execute(f'SELECT count(*) FROM "{view.name}"').fetchall()[0][0]
        parquet = pd.read_parquet(built["warehouse"] / "parquet" / f"{view.name}.parquet")
        assert list(parquet.columns) == [c.name for c in view.columns] and len(parquet) == rows, view.name
        r = resources[view.name]
        assert r["rows"] == rows and [f["name"] for f in r["schema"]["fields"]] == list(parquet.columns)
        assert all(f["description"] for f in r["schema"]["fields"])
        sql = (built["catalog"] / "views" / r["sql"]["path"]).read_text(encoding="utf-8")
        assert sql == view.path.read_text(encoding="utf-8")  # the published file is the warehouse's own
        rules = (built["catalog"] / "views" / r["sql"]["requires"]["path"]).read_text(encoding="utf-8")
        assert rules == (view.path.parent / "rules.sql").read_text(encoding="utf-8")
    con.close()
    # the SQL recreates the view from the Parquet files alone
    sql = (built["catalog"] / "views" / resources["target_outcomes"]["sql"]["path"]).read_text(encoding="utf-8")
    mem = duckdb.connect()
    for table in TABLES:
        mem.execute(f"CREATE TABLE \"{table}\" AS SELECT * FROM '{built['warehouse'] / 'parquet' / table}.parquet'")
    mem.execute((built["catalog"] / "views" / "sql" / "rules.sql").read_text(encoding="utf-8"))
    mem.execute(sql)
    statuses = dict(mem.execute("SELECT status, count(*) FROM target_outcomes GROUP BY 1").fetchall())
    assert statuses == {"met": 7, "missed": 4, "not comparable": 15, "no data": 6}


def _same(excel, parquet) -> bool:
    if parquet is None or (not isinstance(parquet, str) and pd.isna(parquet)):
        return excel is None
    if isinstance(parquet, pd.Timestamp) or hasattr(parquet, "isoformat"):
        return excel.date() == pd.Timestamp(parquet).date()
    return excel == parquet


def test_every_workbook_holds_its_table_cell_for_cell(built):
    """Every Excel download, read back with openpyxl (warnings are errors), equals its Parquet file."""
    import warnings

    import openpyxl

    files = sorted((built["catalog"] / "all" / "data").glob("*.xlsx"))
    assert len(files) == len(list((built["catalog"] / "all" / "data").glob("*.parquet")))
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            book = openpyxl.load_workbook(path, read_only=True)
        assert book.sheetnames == [path.stem[:31], "fields"]
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        expected = pd.read_parquet(path.with_suffix(".parquet"))
        assert list(rows[0]) == list(expected.columns) and len(rows) - 1 == len(expected), path.name
        for got, want in zip(rows[1:], expected.itertuples(index=False, name=None), strict=True):
            bad = [(g, w) for g, w in zip(got, want, strict=True) if not _same(g, w)]
            assert not bad, f"{path.name}: {bad[:3]}"
        fields = list(book.worksheets[1].iter_rows(values_only=True))
        assert [f[0] for f in fields[1:]] == list(expected.columns)


def test_a_workbook_carries_text_xml_cannot(tmp_path):
    """Control characters cannot be written in XML: they become U+FFFD, and the workbook still opens."""
    import datetime as dt

    import openpyxl
    import pyarrow as pa

    from pipelines.publish.catalogue.xlsx import xlsx_bytes
    from schemas.spec import table_spec

    spec = table_spec("policy_measures")
    names = [c.name for c in spec.columns]
    table = pa.table({n: pa.array([None], pa.string()) for n in names})
    table = table.set_column(names.index("title_zh"), "title_zh", pa.array(["<a>&\x01\x0b“十”"], pa.string()))
    path = tmp_path / "t.xlsx"
    path.write_bytes(xlsx_bytes(spec, table, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "tests"))
    row = list(openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))[1]
    assert row[names.index("title_zh")] == "<a>&\ufffd\ufffd“十”"
