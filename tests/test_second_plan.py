"""A second plan of the same genre builds beside the real one with vocabulary entries only, no code change.

The plan in tests/fixtures/second_plan/raw/ is fictional and written for these tests: another period
(2020 → 2025), a targets table with another id, title, measures and three indicators, one box, two actions
and a three-row annex. Its vocabulary entries (tests/fixtures/second_plan/vocab/) are added to a copy of
schemas/vocab/, which the build reads through PLANS_VOCAB_DIR.
"""

from __future__ import annotations

import csv
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
import yaml

from tests.helpers import DOC_ID, RAW, ROOT, relative_digest

FIXTURE = ROOT / "tests" / "fixtures" / "second_plan"
SECOND = "test-demo-informatization-2021"
PLAN_SPECIFIC = re.compile(r"2015|2020|十三五|十二五|targets_13th|review_12th")


def add_vocabulary(base: Path, entries: Path, out: Path) -> None:
    """A copy of `base` with `entries` added: CSV rows appended, YAML lists extended, other files copied."""
    shutil.copytree(base, out)
    for f in sorted(p for p in entries.rglob("*") if p.is_file() and p.name != "README.md"):
        target = out / f.relative_to(entries)
        if f.suffix == ".csv" and target.exists():
            with open(f, encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            with open(target, encoding="utf-8", newline="") as fh:
                assert next(csv.reader(fh)) == rows[0], f"{f}: not the columns of {target}"
            with open(target, "a", encoding="utf-8", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerows(rows[1:])
        elif f.suffix == ".yaml" and target.exists():
            merged = yaml.safe_load(target.read_text(encoding="utf-8"))
            for key, values in yaml.safe_load(f.read_text(encoding="utf-8")).items():
                merged[key] = merged.get(key, []) + values
            target.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory) -> dict:
    """raw/ (the real plan and its outcome figures) plus the second plan, built in another process."""
    tmp = tmp_path_factory.mktemp("second_plan")
    add_vocabulary(ROOT / "schemas" / "vocab", FIXTURE / "vocab", tmp / "vocab")
    raw = tmp / "raw"
    shutil.copytree(RAW, raw)
    shutil.copyfile(FIXTURE / "raw" / f"{SECOND}.txt", raw / f"{SECOND}.txt")
    manifest = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))
    manifest["documents"] += yaml.safe_load((FIXTURE / "raw" / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    (raw / "sources.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), "utf-8")
    paths = {"raw": raw, "warehouse": tmp / "warehouse", "catalog": tmp / "catalog"}
    env = {
        **os.environ,
        "PLANS_VOCAB_DIR": str(tmp / "vocab"),
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(paths["warehouse"]),
        "PLANS_CATALOG_DIR": str(paths["catalog"]),
        "PLANS_WORKERS": "2",  # the documents' pages rendered by two forked processes (pipelines/parallel.py)
    }
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr  # nor from a worker process
    return {**paths, "log": done.stdout, "env": env}


def test_no_code_names_this_plan():
    """Years, plan ordinals and table ids live in the vocabularies and tests, never in pipelines/ or schemas/."""
    found = [
        f"{path.relative_to(ROOT)}:{no}: {line.strip()}"
        for folder in ("pipelines", "schemas")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".j2")
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLAN_SPECIFIC.search(line)
    ]
    assert not found, "\n".join(found)


@pytest.mark.slow  # a build in another process
def test_the_second_plan_builds_with_every_table(two_plans):
    counts = {
        "indicators": 3,
        "indicator_values": 9,
        "indicator_consistency": 3,
        "quantified_targets": 1,
        "major_projects": 1,
        "project_components": 1,
        "priority_actions": 2,
        "action_milestones": 3,
        "action_tasks": 2,
        "policy_measures": 1,
        "annex_tasks": 3,
        "annex_task_projects": 1,
        "annex_task_actions": 2,
    }
    line = next(ln for ln in two_plans["log"].splitlines() if f"[{SECOND}] 17 tables checked" in ln)
    for table, n in counts.items():
        assert f" {table} {n}," in line + ",", (table, line)
    assert f"[{DOC_ID}] 17 tables checked" in two_plans["log"]  # the real plan beside it, whole


@pytest.mark.slow
def test_the_second_plans_measures_and_views_carry_its_own_years(two_plans):
    con = duckdb.connect(str(two_plans["warehouse"] / "plans.duckdb"), read_only=True)
    try:
        measures = con.execute(
            "SELECT DISTINCT measure, measure_kind, measure_year FROM indicator_values WHERE document_id = ? "
            "ORDER BY measure",
            [SECOND],
        ).fetchall()
        assert measures == [
            ("base_2020", "base", 2020),
            ("target_2025", "target", 2025),
            ("target_growth", "target_growth", None),
        ]
        wide = con.execute(
            "SELECT table_id, indicator_no, base_year, base_text, target_year, target_text, growth_text, consistency "
            "FROM indicator_targets WHERE document_id = ? ORDER BY indicator_no",
            [SECOND],
        ).fetchall()
        assert wide == [
            ("targets_14th_demo", 1, 2020, "93.5", 2025, "95", "〔1.5〕", "agrees"),
            ("targets_14th_demo", 2, 2020, "11.5", 2025, "20", "11.7", "agrees"),
            ("targets_14th_demo", 3, 2020, "5.8", 2025, "8", "6.6", "agrees"),
        ]
        real = con.execute(
            "SELECT count(*), min(base_year), max(target_year) FROM indicator_targets WHERE document_id = ?", [DOC_ID]
        ).fetchone()
        assert real == (17, 2015, 2020)
        review = con.execute("SELECT count(*) FROM indicator_review_results WHERE document_id = ?", [SECOND])
        assert review.fetchone() == (0,)
        outcomes = con.execute(
            "SELECT target_kind, target_year, status FROM target_outcomes WHERE document_id = ?", [SECOND]
        ).fetchall()
        assert sorted(outcomes) == [("indicator", 2025, "no data")] * 3 + [("prose", 2025, "no data")]
        links = con.execute(
            "SELECT 'project', task_no, project_no FROM annex_task_projects WHERE document_id = ? UNION ALL "
            "SELECT 'action', task_no, action_no FROM annex_task_actions WHERE document_id = ? ORDER BY 1, 2",
            [SECOND, SECOND],
        ).fetchall()
        assert links == [("action", 2, 1), ("action", 3, 2), ("project", 1, 1)]
    finally:
        con.close()


@pytest.mark.slow
def test_the_second_plan_is_published(two_plans):
    catalog = two_plans["catalog"]
    index = json.loads((catalog / "catalog.json").read_text(encoding="utf-8"))
    assert [d["document_id"] for d in index["documents"]] == [DOC_ID, SECOND]
    page = (catalog / "indicators" / "charts" / f"{SECOND}.html").read_text(encoding="utf-8")
    assert f'id="chart-targets-{SECOND}"' in page and "2020年基数与2025年目标" in page
    assert f"charts/{SECOND}.html#chart-targets-{SECOND}" in (catalog / "indicators" / "index.html").read_text("utf-8")
    assert (catalog / "source" / f"{SECOND}.html").is_file()
    descriptor = json.loads((catalog / "all" / "datapackage.json").read_text(encoding="utf-8"))
    values = next(r for r in descriptor["resources"] if r["name"] == "indicator_values")
    # a measure is named by its kind and year (a pattern, since an undeclared table's header names its own years)
    pattern = next(f for f in values["schema"]["fields"] if f["name"] == "measure")["constraints"]["pattern"]
    measures = set(pd.read_parquet(two_plans["warehouse"] / "parquet" / "indicator_values.parquet").measure)
    assert {"base_2020", "target_2025", "base_2015", "target_2020"} <= measures
    assert all(re.fullmatch(pattern, m) for m in measures)


@pytest.mark.slow  # another build in another process
def test_the_site_is_the_same_byte_for_byte_however_many_processes_render_it(two_plans, tmp_path):
    """Two documents' pages rendered by two forked workers (the fixture) and all in the build's own process."""
    env = {**two_plans["env"], "PLANS_WORKERS": "1"}
    env |= {"PLANS_WAREHOUSE_DIR": str(tmp_path / "warehouse"), "PLANS_CATALOG_DIR": str(tmp_path / "catalog")}
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert relative_digest(tmp_path / "catalog") == relative_digest(two_plans["catalog"])
