"""The plan as copied in a browser from its page on the government portal gives the PDF text's tables.

The fixtures in tests/fixtures/browser_copy/ were transcribed by hand from the PDF text
(raw/cn-13th-fyp-informatization-2016.txt) in the form a browser copy of the page takes (see the README
there); nothing in them is made from the extractor's output. Every comparison leaves out only where the
rows stand (line numbers, and paragraph ids of fragments).
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from pipelines.extract.layout import detect_kind
from pipelines.extract.model import build_document
from pipelines.extract.source import SourceDocument
from pipelines.extract.tables import extract_table
from pipelines.process import process_source
from pipelines.publish.catalogue.formats import csv_bytes
from pipelines.validate import validate
from schemas.spec import table_spec
from tests.helpers import DOC_ID, RAW

FIXTURES = Path(__file__).parent / "fixtures" / "browser_copy"
LINES = ["line_start", "line_end"]
CHAPTERS = r"^(?:notice|preamble|ch01|ch02)"


def fixture_lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def copy_of(name: str, plan_docs) -> SourceDocument:
    """The fixture as a source document with the plan's manifest entry (its id, so its translations apply)."""
    base = plan_docs[0].source
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return SourceDocument(base.document_id, f"../tests/fixtures/browser_copy/{name}", "0" * 64, text, base.meta)


@pytest.fixture(scope="module")
def copies(plan_docs) -> dict[str, list]:
    return {n: [build_document(copy_of(n, plan_docs))] for n in ("ch1-2.txt", "box.txt", "action.txt", "annex.txt")}


def same_rows(got: pd.DataFrame, expected: pd.DataFrame, *ignore: str) -> None:
    drop = [*LINES, *ignore]
    pd.testing.assert_frame_equal(
        got.drop(columns=drop, errors="ignore").reset_index(drop=True),
        expected.drop(columns=drop, errors="ignore").reset_index(drop=True),
    )


def checked(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """The rows as validation coerces them to the declared types (as they are published)."""
    valid, report = validate(table, df.reset_index(drop=True))
    assert report.passed, report.summary()
    return valid


# --- the fixture is what a browser copy of the page looks like ----------------------------------------


def test_the_fixture_has_the_features_of_a_browser_copy():
    lines = fixture_lines("ch1-2.txt")
    assert detect_kind(lines) == "clean"
    assert not any(ln != ln.rstrip(" ") for ln in lines), "a browser copy closes no line with a space"
    # the page's own title lines, then the notice
    assert lines[:4] == ["国务院关于印发", "“十三五”国家信息化规划的通知", "国发〔2016〕73号", lines[3]]
    assert lines[3].startswith("各省、自治区")
    # ideographic spaces inside words and as paragraph indents
    assert "国　务　院" in lines and "　　（二）发展形势。" in lines
    title = lines.index("“十二五”信息化发展基本情况")
    table = lines[title + 1 : lines.index("注：〔 〕表示五年累计数，单位为百分点。", title) + 1]
    # a two-level header in two lines, the second longer than 20 characters (the old length rule's limit)
    assert table[0] == "指　标\t规划目标\t实现情况"
    assert table[1] == "2015年\t年均增长（%）\t2015年\t年均增长（%）" and len(table[1]) > 20
    # category rows without tabs, 17 numbered rows of tab-separated cells, the note as the last line
    categories = [ln for ln in table[2:-1] if "\t" not in ln]
    assert categories == ["总体发展水平", "信息技术与产业", "信息基础设施", "信息经济", "信息服务"]
    rows = [ln for ln in table[2:-1] if "\t" in ln]
    assert [r.split(".")[0] for r in rows] == [str(n) for n in range(1, 18)]
    assert all(len(r.split("\t")) == 5 for r in rows)
    assert table[-1].startswith("注：")


# --- the indicator tables, cell for cell -------------------------------------------------------------


@pytest.mark.parametrize("table_id", ["review_12th", "targets_13th"])
@pytest.mark.parametrize("table", ["indicators", "indicator_values"])
def test_indicator_tables_cell_for_cell(table, table_id, copies, tables):
    got = extract_table(table, copies["ch1-2.txt"]).query("table_id == @table_id")
    expected = tables[table].query("table_id == @table_id")
    assert len(got) == len(expected) == (17 if table == "indicators" else 17 * (4 if table_id == "review_12th" else 3))
    same_rows(got, expected)


def test_indicator_rows_name_their_line_in_the_copy(copies):
    lines = fixture_lines("ch1-2.txt")
    ind = extract_table("indicators", copies["ch1-2.txt"]).query("table_id == 'review_12th'")
    for row in ind.itertuples():
        line = lines[row.line_start - 1]
        assert row.line_start == row.line_end and line.startswith(f"{row.indicator_no}."), line


def test_outline_and_paragraphs_of_chapters_one_and_two(copies, tables):
    for table in ("outline", "paragraphs"):
        got = extract_table(table, copies["ch1-2.txt"])
        expected = tables[table][tables[table].section_id.str.match(CHAPTERS)]
        same_rows(checked(table, got), checked(table, expected))
    # the page's title lines head the notice: none of them is a paragraph
    p = extract_table("paragraphs", copies["ch1-2.txt"])
    assert p.text_zh.iloc[0].startswith("各省、自治区") and not p.text_zh.str.contains("国发〔2016〕73号").any()


# --- a box, a priority action, annex rows -----------------------------------------------------------


def test_a_box_gives_the_same_project_and_components(copies, tables):
    docs = copies["box.txt"]
    same_rows(extract_table("major_projects", docs), tables["major_projects"].query("project_no == 1"))
    same_rows(
        extract_table("project_components", docs),
        tables["project_components"].query("project_no == 1"),
        "paragraph_id",
    )
    after = extract_table("paragraphs", docs).set_index("heading_zh").loc["推动产业协同创新"]
    assert pd.isna(after.project_no) and after.section_id == "ch04-s01"  # the blank line closed the box


def test_a_priority_action_gives_the_same_action_milestones_and_tasks(copies, tables):
    for table in ("priority_actions", "action_milestones", "action_tasks"):
        got = extract_table(table, copies["action.txt"])
        assert len(got), table
        same_rows(got, tables[table].query("action_no == 1"))


def test_annex_rows_give_the_same_tasks_and_departments(copies, tables):
    for table in ("annex_tasks", "task_departments"):
        got = extract_table(table, copies["annex.txt"])
        same_rows(got, tables[table].query("task_no <= 5"))
    assert extract_table("annex_tasks", copies["annex.txt"]).task_no.tolist() == [1, 2, 3, 4, 5]


# --- python -m pipelines inspect ----------------------------------------------------------------------


def run_inspect(*args: str) -> tuple[int, str, str]:
    from pipelines.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["inspect", *args])
    return code, out.getvalue(), err.getvalue()


def published_csv(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """The rows as the catalogue's CSV gives them, read back as text."""
    return pd.read_csv(io.BytesIO(csv_bytes(table_spec(table), checked(table, df))), dtype=str, keep_default_na=False)


@pytest.mark.parametrize("table", ["indicators", "indicator_values"])
def test_inspect_writes_the_review_table_as_csv_cell_for_cell(table, tables):
    code, out, err = run_inspect(str(FIXTURES / "ch1-2.txt"), "--table", table, "--format", "csv")
    assert code == 0, err
    got = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    expected = published_csv(table, tables[table])
    assert set(got.document_id) == {"ch1-2"}  # a file with no manifest entry: a provisional id of its own
    review = got[got.table_id == "review_12th"]
    assert len(review) == (17 if table == "indicators" else 68)
    same_rows(review, expected[expected.table_id == "review_12th"], "document_id")
    same_rows(got, expected, "document_id")  # and the 13th-FYP table of chapter 二 as well


def test_inspect_shows_what_a_partial_document_holds_and_misses():
    code, out, _ = run_inspect(str(FIXTURES / "ch1-2.txt"))
    # not in the manifest: its own provisional id, its path as given, and no origin URL (a blocking gap)
    assert code == 1 and "document_id ch1-2 is provisional" in out
    assert f"file {FIXTURES / 'ch1-2.txt'}" in out or str(FIXTURES / "ch1-2.txt") in out
    assert "raw/.." not in out
    assert "documents: column origin_url check not_nullable failed" in out
    assert "layout    clean: web copy" in out
    assert "outline   notice, preamble, 一 发展现状与形势 (2 sections), 二 总体要求 (3 sections)" in out
    rows = {ln.split()[0]: ln.split()[1] for ln in out.splitlines() if ln.startswith("  ") and ln[2] != " "}
    assert rows["indicators"] == "34" and rows["indicator_values"] == "119" and rows["paragraphs"] == "31"
    # the chapters after 二 are missing: a warning per table, never a failure
    assert rows["major_projects"] == "0" and "major_projects: the text gives no row of it (completeness)" in out
    assert "      review_12th | 1 | review | “十二五”信息化发展基本情况 | 总体发展水平 | 信息化发展指数" in out
    # the translation memory serves the copy's reviewed texts, and the reviewed titles its notice and plan titles
    assert "review    nothing waits for review" in out
    assert out.rstrip().endswith("result: FAIL")
    code, out, _ = run_inspect(str(FIXTURES / "ch1-2.txt"), "--table", "indicators")
    assert code == 0 and "result: every blocking check passes" in out and "major_projects" not in out


def test_process_source_extracts_and_checks_the_tables_asked_for(plan_docs):
    batch = process_source(copy_of("ch1-2.txt", plan_docs), RAW, ["indicators", "indicator_values"])
    assert list(batch.checked) == ["indicators", "indicator_values"] and batch.passed == [DOC_ID]
    assert len(batch.tables["indicator_values"]) == 119 and not batch.errors


def test_inspect_names_the_line_of_a_broken_row(tmp_path):
    text = (FIXTURES / "ch1-2.txt").read_text(encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text(text.replace("6.光纤入户用户数（亿户）\t>0.77", "6.光纤入户用户数（亿户）\t>0.7七"), "utf-8")
    line = text.split("\n").index("6.光纤入户用户数（亿户）\t>0.77\t>103.6\t1.2\t126.8") + 1
    code, out, err = run_inspect(str(broken), "--table", "indicators")
    assert code == 1
    assert f"line {line}" in out and "review_12th #6" in out and "target_2015" in out and "broken.txt" in out
