"""The warehouse analysts query: tables and views with comments, Parquet twins, and a file DuckDB 1.4 opens.

The session's one build (tests/conftest.py) is what every test here reads.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines.publish.warehouse.database import DB_NAME
from pipelines.publish.warehouse.views import rules_sql, views
from schemas.registry import TABLES
from schemas.spec import table_spec

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
DOC = "cn-13th-fyp-informatization-2016"

# DuckDB 1.4 lives in a venv of its own, created once and reused (pip needs PyPI the first time).
DUCKDB14_VENV = Path(os.environ.get("PLANS_DUCKDB14_VENV", Path.home() / ".cache" / "plans-catalog" / "duckdb14"))
DUCKDB14_REQUIREMENT = "duckdb==1.4.*"


def run_build(warehouse: Path, catalog: Path, raw: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANS_WAREHOUSE_DIR": str(warehouse), "PLANS_CATALOG_DIR": str(catalog)}
    if raw is not None:
        env["PLANS_RAW_DIR"] = str(raw)
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def warehouse(built) -> Path:
    return built["warehouse"]


@pytest.fixture(scope="module")
def con(warehouse):
    connection = duckdb.connect(str(warehouse / DB_NAME), read_only=True)
    yield connection
    connection.close()


def objects(con, kind: str) -> dict[str, str | None]:
    rows = con.execute(
        f"SELECT {kind}_name, comment FROM duckdb_{kind}s() WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    return dict(rows)


def assert_bilingual(what: str, comment: str | None) -> None:
    assert comment and comment.strip(), f"{what} has no COMMENT"
    zh, sep, en = comment.partition(" | ")
    assert sep and CJK.search(zh) and re.search(r"[A-Za-z]{3}", en), (
        f"{what}: comment is not 'Chinese | English': {comment!r}"
    )


# --- comments -------------------------------------------------------------------------------------


def test_the_database_holds_the_declared_tables_and_views(con):
    assert set(objects(con, "table")) == set(TABLES)
    assert set(objects(con, "view")) == {v.name for v in views()}


def test_every_table_view_and_column_has_a_bilingual_comment(con):
    for kind in ("table", "view"):
        for name, comment in objects(con, kind).items():
            assert_bilingual(f"{kind} {name}", comment)
    columns = con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() "
        "WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    assert len(columns) >= sum(len(table_spec(t).columns) for t in TABLES) + sum(len(v.columns) for v in views())
    for table, column, comment in columns:
        assert_bilingual(f"column {table}.{column}", comment)


def test_view_columns_are_the_declared_ones_in_order(con):
    for view in views():
        actual = [r[0] for r in con.execute(f'DESCRIBE "{view.name}"').fetchall()]
        assert actual == [c.name for c in view.columns], view.name


def test_a_view_whose_sql_drifts_from_its_declaration_is_refused(monkeypatch):
    from dataclasses import replace

    from pipelines.publish.warehouse import views as wh
    from pipelines.publish.warehouse.ddl import create_table_sql

    target = wh.view("indicator_targets")
    broken = replace(target, columns=target.columns[:-1])
    con = duckdb.connect()
    for name in ("indicators", "indicator_values", "indicator_consistency"):
        con.execute(create_table_sql(table_spec(name)))
    monkeypatch.setattr(wh, "views", lambda: (broken,))
    with pytest.raises(
        wh.ViewDeclarationError,
        match=r"view indicator_targets: pipelines/publish/warehouse/sql/indicator_targets.sql returns the columns "
        r".* but indicator_targets.yaml documents",
    ):
        wh.create_views(con)


# --- Parquet ------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_has_the_rows_and_types_of_the_duckdb_table(con, warehouse, table):
    path = str(warehouse / "parquet" / f"{table}.parquet")
    db_types = con.execute(f'DESCRIBE "{table}"').fetchall()
    pq_types = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
    assert [(r[0], r[1]) for r in pq_types] == [(r[0], r[1]) for r in db_types]
    n_db = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    n_pq = con.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()[0]
    assert n_pq == n_db
    for a, b in ((f'"{table}"', "read_parquet(?)"), ("read_parquet(?)", f'"{table}"')):
        diff = con.execute(f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})", [path]).fetchone()[
            0
        ]
        assert diff == 0, f"{table}: {diff} rows of {a} are not in {b}"


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_is_zstd_and_carries_the_column_descriptions(warehouse, table):
    path = warehouse / "parquet" / f"{table}.parquet"
    spec = table_spec(table)
    schema = pq.read_schema(path)
    assert schema.names == [c.name for c in spec.columns]
    assert schema.metadata[b"title_en"].decode() == spec.title_en
    for column in spec.columns:
        meta = {k.decode(): v.decode() for k, v in (schema.field(column.name).metadata or {}).items()}
        for key in ("title_zh", "title_en", "description_zh", "description_en"):
            assert meta.get(key) and meta[key] == getattr(column, key), f"{table}.{column.name}: {key}"
    metadata = pq.ParquetFile(path).metadata
    codecs = {
        metadata.row_group(g).column(c).compression
        for g in range(metadata.num_row_groups)
        for c in range(metadata.num_columns)
    }
    assert codecs == {"ZSTD"}


# --- DuckDB 1.4 and 2.0 ---------------------------------------------------------------------------

PROBE = r"""
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
names = json.loads(sys.argv[2])
out = {"version": duckdb.__version__,
       "counts": {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names},
       "view_comment": con.execute("SELECT comment FROM duckdb_views() "
                                   "WHERE view_name = 'indicator_review_results'").fetchone()[0],
       "uncommented_columns": con.execute("SELECT count(*) FROM duckdb_columns() WHERE NOT internal "
                                          "AND (comment IS NULL OR comment = '')").fetchone()[0],
       "top_lead": con.execute("SELECT department_id, tasks_led FROM department_workload "
                               "ORDER BY tasks_led DESC LIMIT 1").fetchone()}
print(json.dumps(out, ensure_ascii=False))
"""


def duckdb14_python() -> Path:
    """A Python with DuckDB 1.4, in a venv created on first use and cached (guarded against parallel runs)."""
    python = DUCKDB14_VENV / "bin" / "python"
    stamp = DUCKDB14_VENV / ".installed"
    DUCKDB14_VENV.parent.mkdir(parents=True, exist_ok=True)
    with open(DUCKDB14_VENV.parent / f".{DUCKDB14_VENV.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (stamp.exists() and stamp.read_text() == DUCKDB14_REQUIREMENT and python.exists()):
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(DUCKDB14_VENV)], check=True, timeout=300)
            pip = subprocess.run(
                [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", DUCKDB14_REQUIREMENT],
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert pip.returncode == 0, f"could not install {DUCKDB14_REQUIREMENT} (PyPI needed once):\n{pip.stderr}"
            stamp.write_text(DUCKDB14_REQUIREMENT)
    return python


def probe(python: str | Path, db: Path) -> dict:
    names = list(TABLES) + [v.name for v in views()]
    result = subprocess.run(
        [str(python), "-c", PROBE, str(db), json.dumps(names)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{python} could not read {db}:\n{result.stderr}"
    return json.loads(result.stdout)


@pytest.mark.slow  # DuckDB 1.4 in another process and venv
def test_the_file_opens_in_duckdb_14_and_20_with_the_same_answers(warehouse):
    db = warehouse / DB_NAME
    new = probe(sys.executable, db)
    old = probe(duckdb14_python(), db)
    assert new["version"].startswith("2.") and old["version"].startswith("1.4.")
    assert old["counts"] == new["counts"] and all(n > 0 for n in new["counts"].values())
    assert old["view_comment"] == new["view_comment"] and "32/28" in new["view_comment"]
    assert old["uncommented_columns"] == new["uncommented_columns"] == 0  # view column comments survive 1.4
    assert old["top_lead"] == new["top_lead"] == ["cac", 38]


def test_the_file_declares_a_storage_version_duckdb_14_reads(warehouse):
    # DuckDB's header: 8-byte checksum, b"DUCK", then the storage version (2.0's own format is 999).
    head = (warehouse / DB_NAME).read_bytes()[:20]
    assert head[8:12] == b"DUCK"
    assert 64 <= int.from_bytes(head[12:20], "little") <= 67


# --- what the views say ----------------------------------------------------------------------------


def test_review_status_follows_the_documented_rule(con):
    rows = dict(con.execute("SELECT name_zh, status FROM indicator_review_results").fetchall())
    assert len(rows) == 17
    missed = {n for n, s in rows.items() if s == "missed"}
    assert missed == {
        "信息化发展指数",
        "网民数量",
        "固定互联网宽带接入用户",
        "制造业主要行业大中型企业关键工序数（自）控化率",
        "县级以上城市有线广播电视网络实现双向化率",
        "互联网国际出口带宽",
    }
    chip = con.execute(
        "SELECT direction, comparator, target_threshold, status, growth_status FROM indicator_review_results "
        "WHERE unit_zh = '纳米'"
    ).fetchone()
    assert chip == ("lower_is_better", "<=", 32.0, "met", "not comparable")  # 28 nm against 32/28
    # '>70' reached exactly (printed 70): > is a strict minimum, met only above its bound, so missed.
    assert rows["制造业主要行业大中型企业关键工序数（自）控化率"] == "missed"
    assert (
        con.execute("SELECT count(*) FROM indicator_review_results WHERE status = 'not comparable'").fetchone()[0] == 0
    )


def test_indicator_targets_has_one_row_per_indicator_with_its_audit(con):
    rows = con.execute(
        "SELECT indicator_no, growth_text, growth, consistency, target_value_base, base_year, target_year "
        "FROM indicator_targets"
    ).fetchall()
    assert {r[5:] for r in rows} == {(2015, 2020)}  # the years are the measures' (base_2015, target_2020)
    assert [r[0] for r in rows] == list(range(1, 18))
    by_no = {r[0]: r for r in rows}
    assert by_no[9][1:4] == ("39.4", 39.4, "agrees") and by_no[9][4] == pytest.approx(20e12)
    assert by_no[1][1:4] == ("—", None, "not comparable")


def test_department_workload_is_sorted_and_counts_tasks(con):
    rows = con.execute(
        "SELECT department_id, tasks_led, tasks_shared, tasks_total, lead_rank FROM department_workload"
    ).fetchall()
    assert rows[0] == ("cac", 38, 18, 56, 1) and rows[1][:2] == ("ndrc", 26)
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)
    led = con.execute(
        "SELECT count(DISTINCT (task_no, department_id)) FROM task_departments WHERE role = 'lead'"
    ).fetchone()[0]
    assert sum(r[1] for r in rows) == led


def test_project_overview_links_boxes_to_tasks_and_leads(con):
    box6 = con.execute(
        "SELECT implementing_task_nos, lead_department_ids, lead_departments_zh, component_count "
        "FROM project_overview WHERE project_no = 6"
    ).fetchone()
    assert box6 == ([12], ["ndrc", "cac"], "国家发展改革委、中央网信办", 3)
    total = con.execute("SELECT sum(component_count) FROM project_overview").fetchone()[0]
    assert total == con.execute("SELECT count(*) FROM project_components").fetchone()[0]


def test_action_milestones_by_year_carries_the_action_titles(con):
    rows = con.execute("SELECT year, action_no, action_title_zh FROM action_milestones_by_year").fetchall()
    assert len(rows) == con.execute("SELECT count(*) FROM action_milestones").fetchone()[0]
    assert rows == sorted(rows, key=lambda r: (r[0], r[1])) and all(r[2] for r in rows)


def test_views_keep_documents_apart(warehouse):
    """With a second document in every table, each view returns the same rows per document, none mixed."""
    con = duckdb.connect()
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(warehouse / DB_NAME)])
    for table in TABLES:
        if "document_id" in {c.name for c in table_spec(table).columns}:
            con.execute(
                f'CREATE TABLE "{table}" AS SELECT * FROM src."{table}" UNION ALL '
                f"SELECT * REPLACE ('second-doc' AS document_id) FROM src.\"{table}\""
            )
        else:
            con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM src."{table}"')
    con.execute(rules_sql())
    for view in views():
        con.execute(view.sql)
        single = con.execute(f'SELECT count(*) FROM src."{view.name}"').fetchall()[0][0]
        assert single > 0
        per_doc = dict(con.execute(f'SELECT document_id, count(*) FROM "{view.name}" GROUP BY ALL').fetchall())
        assert per_doc == {DOC: single, "second-doc": single}, view.name
        for a, b in ((DOC, "second-doc"), ("second-doc", DOC)):
            diff = con.execute(
                f'SELECT count(*) FROM (SELECT * EXCLUDE (document_id) FROM "{view.name}" '
                f"WHERE document_id = '{a}' EXCEPT ALL SELECT * EXCLUDE (document_id) "
                f"FROM \"{view.name}\" WHERE document_id = '{b}')"
            ).fetchall()[0][0]
            assert diff == 0, f"{view.name}: the two documents' rows differ"


def test_department_successors_are_cited_and_followed_to_today(con):
    rows = con.execute("SELECT count(*) FROM department_successors WHERE source_url IS NULL OR source_quote IS NULL")
    assert rows.fetchall() == [(0,)]
    holders = dict(
        con.execute(
            "SELECT department_id, list(DISTINCT coalesce(holder_zh, '?')) FROM task_responsibility_today "
            "WHERE department_id IN ('cbrc', 'sapprft', 'ndrc', 'mep') GROUP BY ALL"
        ).fetchall()
    )
    holders = {k: sorted(v) for k, v in holders.items()}
    assert holders["cbrc"] == ["国家金融监督管理总局"]  # the 2023 successor of the 2018 successor
    assert holders["mep"] == ["生态环境部"]  # merged
    assert holders["sapprft"] == ["中央宣传部", "国家广播电视总局"]  # split: the successor of each task's function
    # the 2023 partial transfer: the data tasks moved to 国家数据局, the others stay; the text decides not all
    assert holders["ndrc"] == ["?", "国家发展和改革委员会", "国家数据局"]
    data_tasks = con.execute(
        "SELECT list(task_no ORDER BY task_no) FROM task_responsibility_today "
        "WHERE department_id = 'ndrc' AND holder_zh = '国家数据局'"
    ).fetchone()[0]
    assert {10, 12, 43} <= set(data_tasks)


def test_no_task_is_counted_twice_for_a_split_body(con):
    """One row per task and named body, except where the reform text says successors share the task's function."""
    total = con.execute("SELECT count(*) FROM task_departments").fetchone()[0]
    shared = con.execute("SELECT count(*) FROM task_responsibility_today WHERE holder_no > 1").fetchone()[0]
    assert con.execute("SELECT count(*) FROM task_responsibility_today").fetchone()[0] == total + shared
    doubled = con.execute(
        "SELECT task_no, department_id, list(holder_basis) FROM task_responsibility_today "
        "GROUP BY ALL HAVING count(*) > 1 AND bool_or(holder_basis <> 'shared')"
    ).fetchall()
    assert doubled == []
    cited = con.execute(
        "SELECT count(*) FROM task_responsibility_today WHERE changed AND (source_url IS NULL OR event IS NULL)"
    ).fetchone()[0]
    assert cited == 0


@pytest.mark.slow  # sqlglot traces every view column (seconds)
def test_the_views_column_lineage_file_is_what_the_sql_gives():
    """sql/lineage.json (published as each view asset's dagster/column_lineage) is derived from the SQL files;
    after changing a view: python -m pipelines.publish.warehouse.lineage"""
    from pipelines.publish.warehouse.lineage import LINEAGE_FILE, derive, render

    assert LINEAGE_FILE.read_text(encoding="utf-8") == render(derive()), (
        "sql/lineage.json is stale: run python -m pipelines.publish.warehouse.lineage"
    )


def test_column_lineage_reaches_the_tables_a_verdict_reads():
    from pipelines.publish.warehouse.lineage import column_lineage, tables_of

    lineage = column_lineage("target_outcomes")
    assert ("outcome_figures", "value_base") in lineage["status"]
    assert ("indicator_values", "value_base") in lineage["status"]
    assert lineage["target_kind"] == []  # a constant
    assert tables_of("implementing_departments") == [
        "departments",
        "annex_tasks",
        "task_departments",
        "annex_task_projects",
        "annex_task_actions",
    ]


def test_the_views_reference_page_is_what_the_build_gives(built):
    """docs/views.md (every view, column by column, with an example) is written from the views' YAML and a build;
    after changing a view or its documentation: python -m pipelines.publish.warehouse.reference"""
    from pipelines.publish.warehouse.reference import PAGE, render
    from pipelines.publish.warehouse.views import view_names

    page = render(built["warehouse"])
    assert PAGE.read_text(encoding="utf-8") == page, (
        "docs/views.md is stale: python -m pipelines.publish.warehouse.reference"
    )
    assert all(f"## `{v}`" in page for v in view_names())
