"""Every ```sql block in docs/queries.md runs against a fresh build and answers its question."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "docs" / "queries.md"
SQL_BLOCK = re.compile(r"^```sql[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
HEADING = re.compile(r"^#{2,4} (.+)$", re.M)


def documented_queries() -> list[tuple[str, str]]:
    """(heading the block stands under, SQL) for every ```sql block, in page order."""
    text = QUERIES.read_text(encoding="utf-8")
    headings = [(m.start(), m.group(1).strip()) for m in HEADING.finditer(text)]
    out = []
    for m in SQL_BLOCK.finditer(text):
        heading = next((h for pos, h in reversed(headings) if pos < m.start()), "")
        out.append((heading, m.group(1).strip()))
    return out


QUERY_LIST = documented_queries()


@pytest.fixture(scope="module")
def project(built) -> Path:
    """The session's build, laid out like the project (warehouse/ under one folder): the page's paths work."""
    return built["root"]


@pytest.fixture(scope="module")
def answers(project) -> dict[str, list[tuple[list[str], list[tuple]]]]:
    """Run every block read-only from the project folder; heading → [(column names, rows)]."""
    cwd = os.getcwd()
    os.chdir(project)  # `'warehouse/parquet/…'` in the page is relative to the project root
    try:
        con = duckdb.connect("warehouse/plans.duckdb", read_only=True)
        out: dict[str, list] = {}
        for heading, sql in QUERY_LIST:
            try:
                rel = con.sql(sql)
                out.setdefault(heading, []).append((rel.columns, rel.fetchall()))
            except duckdb.Error as exc:
                pytest.fail(f"docs/queries.md, under “{heading}”: the query fails: {exc}\n{sql}")
        con.close()
        return out
    finally:
        os.chdir(cwd)


def answer(answers, words: str, block: int = 0) -> list[dict]:
    heading = next((h for h in answers if words in h), None)
    assert heading, f"docs/queries.md has no question mentioning {words!r}"
    columns, rows = answers[heading][block]
    return [dict(zip(columns, r, strict=True)) for r in rows]


def test_the_page_has_the_example_questions():
    headings = {h for h, _ in QUERY_LIST}
    for words in (
        "Which ministries lead the most tasks?",
        "Which 13th-FYP indicators needed the fastest growth?",
        "12th-FYP targets missed",
        "Milestones due by 2018",
        "Who leads box 6?",
    ):
        assert any(words in h and re.search(r"[\u4e00-\u9fff]", h) for h in headings), words
    assert len(QUERY_LIST) >= 10


@pytest.mark.parametrize(
    "index", range(len(QUERY_LIST)), ids=[f"{i + 1}-{h.split(' / ')[-1][:40]}" for i, (h, _) in enumerate(QUERY_LIST)]
)
def test_every_documented_query_runs_and_returns_rows(answers, index):
    """Every query answers with rows, except one the page itself says returns none (`-- expect no rows`)."""
    heading, sql = QUERY_LIST[index]
    position = sum(1 for h, _ in QUERY_LIST[:index] if h == heading)
    columns, rows = answers[heading][position]
    if "-- expect no rows" in sql:
        assert rows == [], f"docs/queries.md, under “{heading}”: rows where the page says none"
    else:
        assert rows, f"docs/queries.md, under “{heading}”: no rows from\n{sql}"


def test_cac_leads_the_most_tasks(answers):
    top = answer(answers, "Which ministries lead the most tasks?")
    assert (top[0]["department_id"], top[0]["name_zh"], top[0]["tasks_led"]) == ("cac", "中央网信办", 38)
    assert (top[1]["department_id"], top[1]["tasks_led"]) == ("ndrc", 26)
    assert (top[2]["department_id"], top[2]["tasks_led"]) == ("miit", 11)
    # The base-table version of the question gives the same counts.
    raw = answer(answers, "Which ministries lead the most tasks?", block=1)
    assert [(r["name_zh"], r["tasks_led"]) for r in raw[:3]] == [
        ("中央网信办", 38),
        ("国家发展改革委", 26),
        ("工业和信息化部", 11),
    ]


def test_egress_bandwidth_needed_the_fastest_growth(answers):
    rows = answer(answers, "fastest growth")
    assert (rows[0]["name_zh"], rows[0]["growth_text"], rows[0]["annual_growth_pct"]) == (
        "互联网国际出口带宽",
        "39.4",
        39.4,
    )
    assert rows[1]["name_zh"] == "网络零售额"
    assert [r["annual_growth_pct"] for r in rows] == sorted((r["annual_growth_pct"] for r in rows), reverse=True)
    points = answer(answers, "fastest growth", block=1)
    assert (points[0]["name_zh"], points[0]["percentage_points_2015_2020"]) == ("基本公共服务事项网上办理率", 60.0)


def test_six_12th_fyp_targets_were_missed(answers):
    rows = answer(answers, "12th-FYP targets missed")
    assert [r["indicator_no"] for r in rows] == [1, 4, 5, 9, 10, 11]  # 11: 70 against >70
    assert all(r["gap"] <= 0 for r in rows)
    scorecard = {r["status"]: r["indicators"] for r in answer(answers, "12th-FYP targets missed", block=1)}
    assert scorecard == {"met": 11, "missed": 6}


def test_milestones_due_by_2018(answers):
    rows = answer(answers, "Milestones due by 2018")
    assert len(rows) == 12 and {r["year"] for r in rows} == {2017, 2018}


def test_box_6_is_led_by_ndrc_and_cac(answers):
    (row,) = answer(answers, "Who leads box 6?")
    assert row["title_zh"] == "国家互联网大数据平台建设工程"
    assert row["lead_departments_zh"] == "国家发展改革委、中央网信办"


def test_box_4_is_implemented_by_task_9_by_its_introducing_sentence(answers):
    rows = answer(answers, "哪些专栏没有对应的实施任务", 1)
    assert {(r["project_no"], r["task_no"]) for r in rows} >= {(4, 9)}
    box4 = next(r for r in rows if r["project_no"] == 4)
    assert box4["match_basis"] == "introducing_sentence; component_headings"
    assert answer(answers, "哪些专栏没有对应的实施任务", 0) == []


def test_one_query_finds_every_passage_on_open_data(answers):
    rows = answer(answers, "数据开放")
    assert {r["source_table"] for r in rows} == {"paragraphs", "annex_tasks"}
    assert len(rows) == 12 and all(r["text_en"] for r in rows)
    assert any(r["action_no"] == 4 for r in rows)  # 数据资源共享开放行动


def test_collectives_and_tasks_without_a_lead(answers):
    rows = answer(answers, "集合称谓")
    assert sum(not r["has_lead"] for r in rows) == 19
    # tasks 6 and 8 name 军队有关部门, which names no particular body: a collective like 各有关部门
    assert sorted(r["task_no"] for r in rows if r["names_collective"]) == [6, 8, 20, 31, 70, 71, 72, 73, 74]
