"""A new document gets in on day one: published whole, what waits for review marked as such, never wrong.

Three new documents, none with a vocabulary of its own:

* the real plan under a new id, one paragraph reworded and one clause moved to 2025: its Chinese tables equal
  the reviewed plan's row for row, its English comes from the translation memory or is null and pending, the
  reworded paragraph is pending, the 2025 figure is a pending candidate in no verdict;
* a hand-written plan in another layout (tests/fixtures/other_layout/, fictional): every indicator cell, box
  component and milestone is published, pending review, in the PDF-text layout and the web copy alike;
* the worklist of `python -m pipelines review`, filled in and copied into the vocabularies, turns the items
  to reviewed on the next build.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipelines.process import document_tables, process_documents
from tests.helpers import DOC_ID, PLAN_FILE, RAW, ROOT, make_raw, run_build, seed_text

COPY = "cn-13th-fyp-informatization-2016-recopied"
OTHER = ROOT / "tests" / "fixtures" / "other_layout"
# one paragraph reworded (line 55), one clause moved from 2020 to 2025 (line 869)
REWORDED = ("覆盖亚太地区", "覆盖亚洲和太平洋地区")
MOVED = ("到 2020 年，中西部农村家庭宽带普及率达到 40%", "到 2025 年，中西部农村家庭宽带普及率达到 40%")


def copy_text() -> str:
    text = seed_text()
    for old, new in (REWORDED, MOVED):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def copy_build(tmp_path_factory) -> dict:
    """The real plan under a new id, no vocabulary of its own (no vocabulary_of), built whole in-process."""
    tmp = tmp_path_factory.mktemp("new_document")
    raw = make_raw(tmp / "raw", copy_text().encode("utf-8"), entry_updates={"document_id": COPY})
    manifest = yaml.safe_load((raw / "sources.yaml").read_text(encoding="utf-8"))
    manifest.pop("outcomes")  # the outcome figures are the reviewed plan's, not the copy's
    (raw / "sources.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    result = run_build(raw, tmp / "warehouse", tmp / "catalog")
    return {"raw": raw, "result": result, "warehouse": tmp / "warehouse", "catalog": tmp / "catalog", "tmp": tmp}


def parquet(build: dict, table: str) -> pd.DataFrame:
    return pd.read_parquet(build["warehouse"] / "parquet" / f"{table}.parquet")


@pytest.mark.slow  # a whole build
def test_the_real_plan_under_a_new_id_builds_and_publishes_every_table(copy_build, tables):
    result = copy_build["result"]
    assert result.code == 0, result.err
    assert f"WARN  check [{COPY}] plan_documents.reviewed failed: " in result.out
    line = next(ln for ln in result.out.splitlines() if "plan_documents.reviewed" in ln)
    # the two changed paragraphs (the moved clause's paragraph is box 4's component too) and the moved figure
    assert "2 translation(s)" in line and "1 decision(s)" in line and f"python -m pipelines review {COPY}" in line
    for table in document_tables():
        got = parquet(copy_build, table)
        expected = tables[table]
        assert len(got) == len(expected), table
        zh = [c for c in expected.columns if c.endswith("_zh") or c in ("line_start", "line_end")]
        differs = _text(got[zh]) != _text(expected[zh])
        changed = got.loc[differs.any(axis=1)]
        if table in ("paragraphs", "project_components", "quantified_targets"):
            assert len(changed) <= 2, (table, changed)  # the reworded paragraph, the moved clause
        else:
            assert changed.empty, (table, changed)


def _text(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype(object).where(df.notna(), "").astype(str).reset_index(drop=True)


@pytest.mark.slow
def test_its_english_is_reviewed_through_the_memory_or_null_and_pending(copy_build, tables):
    paragraphs = parquet(copy_build, "paragraphs").set_index("paragraph_id")
    reference = tables["paragraphs"].set_index("paragraph_id")
    pending = paragraphs[paragraphs.translation_status == "pending"]
    assert pending.text_zh.str.contains("亚洲和太平洋|到2025年，中西部").tolist() == [True, True]
    assert pending.text_en.isna().all() and pending.heading_en.notna().all()  # the unchanged lead sentences
    reviewed = paragraphs[paragraphs.translation_status == "reviewed"]
    assert len(reviewed) == len(paragraphs) - 2
    assert (reviewed.text_en == reference.loc[reviewed.index, "text_en"]).all()  # the memory's English
    for table in document_tables():
        df = parquet(copy_build, table)
        if "translation_status" in df.columns:
            assert set(df.translation_status) <= {"reviewed", "pending"}, table


@pytest.mark.slow
def test_a_figure_dated_2025_is_a_pending_candidate_in_no_verdict(copy_build):
    q = parquet(copy_build, "quantified_targets")
    moved = q[q.figure_zh == "40"]
    assert list(zip(moved.year, moved.review_status, strict=True)) == [(2025, "pending")]
    assert moved.metric_zh.isna().all() and moved.value_base.isna().all()
    assert set(q[q.figure_zh != "40"].review_status) == {"reviewed"}
    outcomes = parquet(copy_build, "target_outcomes")
    assert not (outcomes.target_no == int(moved.target_no.iloc[0])).any()  # judged nowhere


@pytest.mark.slow
def test_the_catalogue_counts_pending_items_per_document(copy_build):
    import json

    index = json.loads((copy_build["catalog"] / "catalog.json").read_text(encoding="utf-8"))
    review = {d["document_id"]: d["review"] for d in index["documents"]}
    assert review[COPY]["pending"]["paragraphs"] == 2 and review[COPY]["pending"]["quantified_targets"] == 1
    html = (copy_build["catalog"] / "tables" / "paragraphs" / f"{COPY}.html").read_text(encoding="utf-8")
    assert html.count('class="pending"') >= 2  # the pending English cells are marked, not left blank
    home = (copy_build["catalog"] / "index.html").read_text(encoding="utf-8")
    assert f'<a href="tables/paragraphs/{COPY}.html">paragraphs</a> 2' in home  # the home page leads to them


def run_review(raw: Path, *args: str) -> tuple[int, str]:
    from pipelines.__main__ import main

    saved = os.environ.get("PLANS_RAW_DIR")
    os.environ["PLANS_RAW_DIR"] = str(raw)
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["review", *args])
    finally:
        if saved is None:
            os.environ.pop("PLANS_RAW_DIR")
        else:
            os.environ["PLANS_RAW_DIR"] = saved
    return code, out.getvalue() + err.getvalue()


def test_review_writes_every_pending_item_at_once(tmp_path):
    raw = make_raw(tmp_path / "raw", copy_text().encode("utf-8"), entry_updates={"document_id": COPY})
    code, out = run_review(raw, COPY, "--out", str(tmp_path / "worklist"))
    assert code == 0, out
    assert f"review {COPY}: 3 item(s) wait for a person" in out
    texts = list(csv.DictReader(open(tmp_path / "worklist" / "translations" / f"{COPY}.csv", encoding="utf-8")))
    assert [(r["key"], r["en"], r["line"]) for r in texts] == [("ch01-s01.2", "", "55"), ("ch04-s02.9", "", "867")]
    assert "亚洲和太平洋" in texts[0]["zh"] and texts[0]["context"] == "（一）发展成就"
    decisions = list(
        csv.DictReader(open(tmp_path / "worklist" / "quantified_targets" / f"{COPY}.csv", encoding="utf-8"))
    )
    assert [(r["key"], r["figure"], r["year"], r["decision"], r["line"]) for r in decisions] == [
        ("ch04-s02.9", "40", "2025", "", "869")
    ]


@pytest.mark.slow  # a build in another process, with a vocabulary copy
def test_the_filled_worklist_turns_the_items_to_reviewed(tmp_path):
    raw = make_raw(tmp_path / "raw", copy_text().encode("utf-8"), entry_updates={"document_id": COPY})
    run_review(raw, COPY, "--out", str(tmp_path / "worklist"))
    vocab = tmp_path / "vocab"
    shutil.copytree(ROOT / "schemas" / "vocab", vocab)
    # the reviewer fills in the empty cells, then copies each file over its namesake
    path = tmp_path / "worklist" / "translations" / f"{COPY}.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    reference = {r["key"]: r["en"] for r in csv.DictReader(open(vocab / "translations" / f"{DOC_ID}.csv"))}
    rows[0]["en"] = reference["ch01-s01.2"].replace("Asia-Pacific region", "Asia and the Pacific")
    rows[1]["en"] = reference["ch04-s02.9"].replace("by 2020", "by 2025")
    _write(vocab / "translations" / f"{COPY}.csv", rows)
    path = tmp_path / "worklist" / "quantified_targets" / f"{COPY}.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    rows[0].update(decision="target", metric_zh="中西部农村家庭宽带普及率", metric_en="Rural household broadband")
    rows[0].update(unit_zh="%")
    _write(vocab / "quantified_targets" / f"{COPY}.csv", rows)
    env = {**os.environ, "PLANS_RAW_DIR": str(raw), "PLANS_VOCAB_DIR": str(vocab)}
    env |= {"PLANS_WAREHOUSE_DIR": str(tmp_path / "wh"), "PLANS_CATALOG_DIR": str(tmp_path / "cat")}
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "plan_documents.reviewed failed" not in done.stdout
    paragraphs = pd.read_parquet(tmp_path / "wh" / "parquet" / "paragraphs.parquet")
    assert set(paragraphs.translation_status) == {"reviewed"}
    q = pd.read_parquet(tmp_path / "wh" / "parquet" / "quantified_targets.parquet")
    assert set(q.review_status) == {"reviewed"} and q[q.figure_zh == "40"].year.tolist() == [2025]


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- a plan laid out otherwise -----------------------------------------------------------------------------


def other_raw(folder: Path, name: str) -> Path:
    """raw/ with the other-layout plan under a manifest entry (its title as printed, no vocabulary of its own)."""
    folder.mkdir(parents=True)
    data = (OTHER / name).read_bytes()
    (folder / name).write_bytes(data)
    import hashlib

    entry = {
        "document_id": "test-other-layout-2021",
        "path": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title_zh": "“十四五”示范数字化发展规划",
        "title_en": "Demonstration Digitalization Development Plan for the 14th Five-Year Plan Period "
        "(written for the tests)",
        "issuer_zh": "示范机关",
        "issuer_en": "Demonstration issuer (fictional)",
        "document_number": "示范〔2021〕1号",
        "issued_date": "2021-12-01",
        "period_start": 2021,
        "period_end": 2025,
        "origin_url": "https://example.org/plans-catalog/tests/other-layout",
        "terms_of_use": "Written for this project's tests; CC0.",
    }
    (folder / "sources.yaml").write_text(yaml.safe_dump({"documents": [entry]}, allow_unicode=True), "utf-8")
    return folder


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("other_layout")
    return {
        name: process_documents(other_raw(tmp / name.replace(".", "-"), name), ["test-other-layout-2021"])
        for name in ("plan.txt", "plan-web.txt")
    }


@pytest.mark.parametrize("name", ["plan.txt", "plan-web.txt"])
def test_a_plan_in_another_layout_publishes_every_indicator_cell(other, name):
    batch = other[name]
    assert batch.passed == ["test-other-layout-2021"], [
        str(f) for f in batch.outcomes["test-other-layout-2021"].failures
    ]
    ind, values = batch.tables["indicators"], batch.tables["indicator_values"]
    assert list(ind.indicator_no) == list(range(1, 15)) and set(ind.table_role) == {"unknown"}
    assert set(ind.table_id) == {"table_1"} and set(ind.translation_status) == {"pending"}
    assert ind.category_zh.tolist() == ["数字基础设施"] * 4 + ["数字经济"] * 4 + ["数字社会"] * 4 + ["数字治理"] * 2
    assert ind.attribute_zh.tolist() == ["预期性"] * 12 + ["约束性"] * 2
    assert ind.name_zh[4] == "数字经济核心产业增加值占地区生产总值比重" and ind.unit_zh[4] == "%"  # wrapped in the PDF
    assert ind.name_zh[1] == "5G用户普及率" and ind.unit_zh[13] == "PUE"
    assert len(values) == 28 and set(values.measure) == {"value_2020", "value_2025"}
    cells = dict(zip(zip(values.indicator_no, values.measure, strict=True), values.raw_text, strict=True))
    assert (
        cells[(4, "value_2020")] == "—" and cells[(14, "value_2025")] == "<1.3" and cells[(9, "value_2025")] == "6500"
    )


@pytest.mark.parametrize("name", ["plan.txt", "plan-web.txt"])
def test_a_plan_in_another_layout_publishes_every_box_component_and_milestone(other, name):
    batch = other[name]
    comps = batch.tables["project_components"]
    assert comps.groupby("project_no").size().tolist() == [3, 2, 3]
    assert comps.heading_zh.tolist()[:3] == ["千兆城市建设", "5G网络规模化部署", "IPv6规模部署"]
    assert batch.tables["major_projects"].title_zh.tolist() == ["网络提升工程", "数据要素工程", "数字乡村工程"]
    ms = batch.tables["action_milestones"]
    assert list(zip(ms.action_no, ms.year, strict=True)) == [(1, 2023), (1, 2025), (2, 2023), (2, 2025)]
    assert ms.text_zh[1] == "千兆光纤网络覆盖家庭数超过1.5亿户，建成20个千兆城市，行政村通5G比例达到80%"
    assert set(ms.translation_status) == {"pending"} and ms.text_en.isna().all()
    outline = batch.tables["outline"]
    assert outline.section_id.tolist()[:2] == ["preamble", "ch01"]  # no notice: the title heads the plan
    paragraphs = batch.tables["paragraphs"]
    assert (
        "2021年12月" not in paragraphs.text_zh.tolist()
        and "“十四五”示范数字化发展规划" not in paragraphs.text_zh.tolist()
    )
    outcome = batch.outcomes["test-other-layout-2021"]
    assert {f.table for f in outcome.warnings} == {"annex_tasks", "task_departments"}  # no annex: warned, published
    assert outcome.review is not None and outcome.review.counts()["table_role"] == 1


def test_both_layouts_of_the_other_plan_give_the_same_rows(other):
    pdf, web = other["plan.txt"].tables, other["plan-web.txt"].tables
    for table in ("indicators", "indicator_values", "project_components", "action_milestones", "priority_actions"):
        a = pdf[table].drop(columns=["line_start", "line_end"]).reset_index(drop=True)
        b = web[table].drop(columns=["line_start", "line_end"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_the_real_plan_is_unchanged(tables):
    """The reviewed plan itself: every row reviewed, nothing pending."""
    for table, df in tables.items():
        if "translation_status" in df.columns:
            assert set(df.translation_status) == {"reviewed"}, table
    assert set(tables["quantified_targets"].review_status) == {"reviewed"}
    assert PLAN_FILE in {p.name for p in RAW.iterdir()} and DOC_ID
