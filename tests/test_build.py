"""The whole main job on the real plan, into temporary folders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from schemas.registry import TABLES
from tests.helpers import make_raw, run_build, tree_digest


def test_build_prints_progress_and_succeeds(built):
    assert "ok    [cn-13th-fyp-informatization-2016] indicators" in built["out"] and "ok    release" in built["out"]
    assert "done in" in built["out"]


def test_every_table_in_duckdb_with_its_primary_key(db, tables):
    present = {r[0] for r in db.execute("select table_name from duckdb_tables()").fetchall()}
    assert set(TABLES) <= present
    for table in TABLES:
        count = db.execute(f'select count(*) from "{table}"').fetchone()[0]
        assert count == len(tables[table]), table
    pk = db.execute("select constraint_column_names from duckdb_constraints() "
                    "where table_name = 'indicator_values' and constraint_type = 'PRIMARY KEY'").fetchone()[0]
    assert pk == ["document_id", "table_id", "indicator_no", "measure"]
    assert db.execute("select issued_date::varchar from documents").fetchone()[0] == "2016-12-15"


def test_parquet_copies(built, tables):
    for table in TABLES:
        df = pd.read_parquet(built["warehouse"] / "parquet" / f"{table}.parquet")
        assert len(df) == len(tables[table]), table
    v = pd.read_parquet(built["warehouse"] / "parquet" / "indicator_values.parquet")
    assert v.query("indicator_no == 17 and table_id == 'targets_13th' and measure == 'target_growth'").raw_text.iloc[0] == "〔>14〕"


def test_catalogue_index_and_packages(built):
    index = json.loads((built["catalog"] / "catalog.json").read_text(encoding="utf-8"))
    names = [p["name"] for p in index["packages"]]
    assert names == ["text", "indicators", "projects", "actions", "assignments", "all"]
    for pkg in index["packages"]:
        assert pkg["validation"]["valid"] and pkg["version"] == "1.0.0"
        for res in pkg["resources"]:
            for fmt in ("csv", "parquet", "xlsx"):
                assert (built["catalog"] / res["downloads"][fmt]).is_file()
    assert index["created"] == "2026-11-29T00:00:00Z"
    descriptor = json.loads((built["catalog"] / "indicators" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in descriptor["resources"][1]["schema"]["fields"]}
    assert fields["measure"]["constraints"]["enum"][0] == "target_2015"
    assert descriptor["resources"][1]["schema"]["foreignKeys"][0]["reference"]["resource"] == "indicators"


@pytest.mark.parametrize("package", ["text", "indicators", "projects", "actions", "assignments", "all"])
def test_frictionless_validate_cli_accepts_every_package(built, package):
    exe = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(exe), "validate", str(built["catalog"] / package / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]


def test_csv_is_utf8_chinese_intact(built):
    text = (built["catalog"] / "assignments" / "data" / "departments.csv").read_bytes().decode("utf-8")
    assert "\"中央网信办\",\"中央网络安全和信息化领导小组办公室\"" in text and not text.startswith("\ufeff")


def test_two_builds_are_byte_identical(built, tmp_path):
    result = run_build(make_raw(tmp_path / "raw"), tmp_path / "warehouse", tmp_path / "catalog")
    assert result.code == 0, result.err

    def relative(d: dict, base: Path) -> dict:
        return {str(Path(k).relative_to(base)): v for k, v in d.items()}

    first = relative(tree_digest(built["catalog"], built["warehouse"] / "parquet"), built["root"])
    second = relative(tree_digest(tmp_path / "catalog", tmp_path / "warehouse" / "parquet"), tmp_path)
    assert first == second


def test_rebuild_after_a_change_bumps_the_version_and_logs_the_change(tmp_path):
    raw = make_raw(tmp_path / "raw")
    assert run_build(raw, tmp_path / "wh", tmp_path / "cat").code == 0
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


def test_the_repository_catalogue_is_what_the_build_produces(built):
    """catalog/ is committed; a build from raw/ must reproduce it byte for byte."""
    repo = Path(__file__).resolve().parents[1] / "catalog"
    if not (repo / "catalog.json").exists():
        pytest.skip("no committed catalogue yet")
    ours = {str(Path(k).relative_to(repo)): v for k, v in tree_digest(repo).items()}
    fresh = {str(Path(k).relative_to(built["catalog"])): v for k, v in tree_digest(built["catalog"]).items()}
    assert ours == fresh
