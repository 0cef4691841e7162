"""Was it achieved? The plan's quantified targets, the outcome figures and the verdict, checked on the real plan."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipelines.assets.audit import source_disagreements
from pipelines.extract.model import build_document
from pipelines.extract.source import SourceDocument
from pipelines.publish.warehouse.views import SQL_DIR, rules_sql, views
from pipelines.validate import validate
from tests.helpers import seed_text


def test_every_dated_quantified_target_of_the_prose(tables):
    q = tables["quantified_targets"]
    assert len(q) == 19 and set(q.review_status) == {"reviewed"}
    # box 4's two targets carry no year of their own: they fall due at the end of the plan period (2020)
    box = q[q.year_basis == "plan period"]
    assert sorted(zip(box.figure_zh, box.line_start, box.year, strict=True)) == [("100", 879, 2020), ("50", 879, 2020)]
    rows = {(r.paragraph_key, r.figure_zh, r.occurrence): r for r in q.itertuples()}
    pue = rows[("ch05-s03.1", "1.4", 1)]
    assert (pue.year, pue.comparator, pue.value, pue.unit_en) == (2020, "<=", 1.4, "ratio")
    assert rows[("ch05-s03.1", "1.5", 1)].year == 2018
    villages = rows[("ch05-s07.1", "12.8万", 1)]  # a clause with two numbers gives two rows
    assert (villages.value, villages.unit_zh, villages.value_base, villages.year) == (12.8, "万个", 128000, 2020)
    assert rows[("ch05-s07.1", "832", 1)].value_base == 832
    assert rows[("ch05-s02.1", "35", 1)].unit_en == "satellites"
    assert rows[("ch04-s02.9", "40", 1)].comparator == ">="  # 达到40%
    assert rows[("ch02-s03.4", "38万亿", 1)].comparator == ">"  # 超过38万亿元
    assert rows[("ch02-s03.4", "38万亿", 1)].value_base == 38e12
    assert rows[("ch02-s03.3", "1000", 1)].comparator == ">="  # 1000Mbps以上
    # the same figure twice in one paragraph: two targets, told apart by occurrence
    assert {rows[("ch02-s03.3", "100", n)].metric_en.split()[0] for n in (1, 2)} == {"Bandwidth", "Broadband"}


def test_a_prose_target_restating_a_table_indicator_names_it(tables):
    q = tables["quantified_targets"]
    links = q.dropna(subset=["table_id"])
    assert sorted(zip(links.figure_zh, links.indicator_no, strict=True)) == [
        ("20", 9),
        ("38万亿", 11),
        ("6万亿", 10),
        ("90", 8),
    ]
    values = tables["indicator_values"].query("table_id == 'targets_13th' and measure == 'target_2020'")
    for r in links.itertuples():  # the restated figure is the table's own target
        assert values.query("indicator_no == @r.indicator_no").value_base.iloc[0] == r.value_base


def test_past_facts_names_and_dates_are_not_targets(tables):
    q = tables["quantified_targets"]
    assert not q.clause_zh.str.contains("5G|IPv6|截至|2015年").any()
    assert not (q.year < 2016).any()


def _model(text: str, plan_docs):
    base = plan_docs[0].source
    return build_document(SourceDocument(base.document_id, base.path, "0" * 64, text, base.meta))


def test_an_undecided_figure_is_a_pending_candidate_in_no_verdict(plan_docs):
    """A figure nobody decided is published as pending (no metric, no base units), with its line, and the build goes
    on; the review queue lists it."""
    from pipelines.extract.indicator_rows import quantified_targets
    from pipelines.extract.pending import ReviewQueue

    doc = _model(seed_text().replace("普及率达到 40%", "普及率达到 45%"), plan_docs)
    rows = {r["figure_zh"]: r for r in quantified_targets(doc)}
    pending = rows["45"]
    assert (pending["review_status"], pending["metric_zh"], pending["value_base"]) == ("pending", None, None)
    assert pending["year"] == 2020 and pending["line_start"] == 869 and "40" not in rows
    (item,) = [p for p in ReviewQueue.of(doc).items if p.kind == "decision"]
    assert (item.key, item.get("figure"), item.line) == ("ch04-s02.9", "45", 869)
    assert item.stale is None  # the clause changed: its old decision (40) is not applied …
    assert all(r["review_status"] == "reviewed" for f, r in rows.items() if f != "45")


def test_a_decision_for_an_earlier_wording_is_never_applied(plan_docs):
    """The clause of the 35 BeiDou satellites rewritten with the same figure: the old decision is stale, the figure is
    pending, and the item quotes what was decided for the earlier wording."""
    from pipelines.extract.indicator_rows import quantified_targets
    from pipelines.extract.pending import ReviewQueue

    doc = _model(seed_text().replace("建成由 35颗卫星", "建成由约 35颗卫星"), plan_docs)
    rows = [r for r in quantified_targets(doc) if r["figure_zh"] == "35"]
    assert [r["review_status"] for r in rows] == ["pending"]
    (item,) = [p for p in ReviewQueue.of(doc).items if p.kind == "decision"]
    assert item.stale and item.stale.startswith("target (2020): 建成由35颗卫星")


def test_outcome_figures_are_cited_and_cover_every_table_indicator(tables):
    o = tables["outcome_figures"]
    primary = o[o["is_primary"] & o["table_id"].eq("targets_13th")]
    assert sorted(primary.indicator_no.astype(int)) == list(range(1, 18))
    found = o[o.value.notna()]
    assert found.url.str.match(r"https?://").all() and found.figure_as_printed.notna().all()
    assert o[o.value.isna()].search_note.notna().all()  # what was searched, where nothing was found


def test_an_outcome_without_its_source_fails(tables):
    o = tables["outcome_figures"].copy()
    row = o.index[o.outcome_id.eq("o031")][0]
    o.loc[row, "url"] = None
    _, report = validate("outcome_figures", o)
    assert [f.check for f in report.failures] == ["cited"]


def test_a_second_source_more_than_2_percent_away_is_reported(tables):
    assert source_disagreements(tables["outcome_figures"]) == [
        "o017 (超96%) differs from o015 (108%) by 11.1 %",
        "o064 (超96%) differs from o015 (108%) by 11.1 %",
    ]


def test_the_verdict(db):
    v = db.execute(
        "SELECT target_kind, coalesce(indicator_no, target_no), status, gap_relative_percent FROM target_outcomes"
    ).fetchall()
    by = {(k, n): (s, g) for k, n, s, g in v}
    assert len([k for k in by if k[0] == "indicator"]) == 17
    assert by[("indicator", 13)] == ("missed", -1.1)  # 9.89亿 internet users against >10亿
    assert by[("indicator", 12)][0] == "met"  # online retail 11.76万亿元 against 10
    assert by[("indicator", 9)][0] == "no data"  # egress bandwidth: searched, not found
    assert by[("indicator", 1)][0] == "not comparable"  # the index was replaced by another
    assert by[("prose", 13)] == ("met", 0.0)  # 35 BeiDou satellites (the plan's 35-satellite definition)
    counts = dict(db.execute("SELECT status, count(*) FROM target_outcomes GROUP BY 1").fetchall())
    assert counts == {"met": 7, "missed": 4, "not comparable": 15, "no data": 6}
    basis = db.execute("SELECT DISTINCT status_basis FROM target_outcomes").fetchall()
    assert len(basis) == 1 and basis[0][0].startswith("derived")


def test_one_verdict_rule_serves_the_review_and_the_outcomes():
    """One rule: the macro plans_verdict of rules.sql decides every status; no view spells out met or missed."""
    judging = {v.name for v in views() if "plans_verdict(" in v.sql}
    assert judging == {"indicator_review_results", "target_outcomes"}
    assert all("'met'" not in v.sql and "'missed'" not in v.sql for v in views())
    assert "'met'" in (SQL_DIR / "rules.sql").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "comparator, target, outcome, qualifier, status",
    [
        (">=", 10, 10, None, "met"),
        (">", 38, 37.21, None, "missed"),
        ("<=", 1.4, 1.49, None, "missed"),
        ("<=", 1.4, 1.3, None, "met"),
        ("=", 35, 35, None, "met"),
        (">=", 90, 98, ">", "met"),
        (">=", 100, 98, ">", "not comparable"),  # "more than 98" cannot tell against 100
        (">", 70, 70, None, "missed"),  # > is met only above its bound
        (">", 70, 70, ">", "met"),  # "more than 70" against "more than 70"
        ("<", 1, 1, None, "missed"),
        ("<", 1, 0.5, None, "met"),
        (">=", None, 5, None, "not comparable"),
    ],
)
def test_verdict_rule_cases(comparator, target, outcome, qualifier, status):
    con = duckdb.connect()
    con.execute(rules_sql())
    got = con.execute("SELECT plans_verdict(?::DOUBLE, ?, ?, ?::DOUBLE)", [outcome, qualifier, comparator, target])
    assert got.fetchall() == [(status,)]


def test_a_unit_appears_the_same_way_in_every_table(tables):
    """The index printed without a unit is "index points" in indicators and in its cells alike."""
    ind = tables["indicators"].query("table_id == 'targets_13th' and indicator_no == 1").iloc[0]
    cells = tables["indicator_values"].query("table_id == 'targets_13th' and indicator_no == 1 and value.notna()")
    assert ind.unit_en == "index points" and set(cells.value_unit_en) == {"index points"}
    assert tables["indicators"].unit_en.notna().all()


# --- the official record: every target accounted for, cited, and kept in step with its research log ---------------


def test_all_32_targets_have_a_verdict_from_cited_figures_or_a_documented_no_data(db):
    rows = db.execute(
        "SELECT target_kind, status, outcome_id, source_kind, source_url, search_note FROM target_outcomes"
    ).fetchall()
    assert len(rows) == 32  # 17 indicators, 13 prose targets, box 4's two targets of the plan period
    for kind, status, outcome, source_kind, url, search in rows:
        if status == "no data":
            assert search and "search" not in (search or "").lower()[:0], (kind, outcome)
        else:
            assert outcome and source_kind in ("official", "official_reprint", "secondary") and url, (kind, outcome)
    with_figure = [r for r in rows if r[1] != "no data"]
    assert len(with_figure) >= 24
    verdicts = [r for r in rows if r[1] in ("met", "missed")]
    official = [r for r in verdicts if r[3] in ("official", "official_reprint")]
    assert 2 * len(official) >= len(verdicts), (len(official), len(verdicts))
    plan_period = db.execute(
        "SELECT count(*) FROM target_outcomes JOIN quantified_targets USING (document_id, target_no) "
        "WHERE year_basis = 'plan period'"
    ).fetchone()
    assert plan_period == (2,)


def test_a_conflict_keeps_both_figures_and_says_which_definition_the_verdict_follows(db):
    row = db.execute(
        "SELECT status, outcome_text, definition_note, other_figures FROM target_outcomes "
        "WHERE metric_zh = '北斗全球卫星导航系统卫星数'"
    ).fetchone()
    status, text, note, others = row
    assert status == "met" and text == "35 satellites"
    assert "30" in others and "not comparable" in others  # the 30-satellite BDS-3 count, kept beside it
    assert "35" in note and "30" in note


def test_gaps_are_labelled_in_the_targets_own_unit(db):
    gaps = dict(
        db.execute(
            "SELECT metric_zh, gap_unit_en FROM target_outcomes WHERE gap IS NOT NULL AND target_kind = 'indicator'"
        ).fetchall()
    )
    assert gaps["光纤入户用户占总宽带用户的比率"] == "percentage points"
    assert gaps["网络零售额"] == "trillion yuan (10^12 CNY)"


def test_the_research_log_and_the_outcome_file_agree():
    """Every outcome id of the CSV is in the log, and every id the log names is in the CSV, but those the log lists
    under "Rows not in the CSV"."""
    import csv
    import re

    from tests.helpers import RAW

    log = (RAW / "outcomes" / "RESEARCH_LOG.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"\bo\d{3}\b", log))
    dropped_section = log.split("## Rows not in the CSV", 1)[1].split("\n## ", 1)[0]
    dropped = set(re.findall(r"\bo\d{3}\b", dropped_section)) | {f"o{n:03d}" for n in range(51, 56)}
    with open(RAW / "outcomes" / "cn-13th-fyp-informatization-2016-outcomes.csv", encoding="utf-8") as fh:
        rows = {r["outcome_id"] for r in csv.DictReader(fh)}
    assert rows <= ids, sorted(rows - ids)
    assert ids - rows <= dropped, sorted(ids - rows - dropped)


def test_published_notes_speak_of_sources_only(tables):
    import re

    texts = []
    for table, columns in {
        "outcome_figures": ["definition_note", "search_note"],
        "milestone_progress": ["status_basis_en", "searched"],
        "task_progress": ["status_basis_en", "searched"],
        "indicator_lineage": ["note_en"],
    }.items():
        for c in columns:
            texts += [v for v in tables[table][c] if isinstance(v, str)]
    assert not [t for t in texts if re.search(r"\bbrief\b|instruction|helper|prompt", t, re.IGNORECASE)]


def test_every_milestone_and_task_has_a_status_and_every_status_is_cited(tables):
    ms, tasks = tables["milestone_progress"], tables["task_progress"]
    assert len(ms) == 24 and len(tasks) == 74
    both = pd.concat([ms, tasks])
    cited = both[both.status != "no evidence found"]
    assert cited[["url", "publisher", "source_kind", "evidence_kind"]].notna().all().all()
    assert len(cited) >= 30
    assert both[both.status == "no evidence found"].searched.notna().all()


def test_lineage_links_the_13th_plans_indicators_to_the_14th_with_their_2020_values(tables):
    lineage = tables["indicator_lineage"]
    into_14th = lineage[lineage.later_plan_zh == "“十四五”国家信息化规划"]
    assert len(into_14th) >= 3 and set(into_14th.end_year.astype(int)) == {2020}
    assert into_14th.value_at_end_as_printed.notna().all() and into_14th.url.notna().all()
    assert set(into_14th.match_basis) <= {"same name", "restated definition", "renamed"}
    within = lineage[lineage.later_document_id == "cn-13th-fyp-informatization-2016"]
    values = tables["indicator_values"].query("table_id == 'targets_13th' and measure == 'base_2015'")
    printed = dict(zip(values.indicator_no, values.raw_text, strict=True))
    for r in within.itertuples():  # the 13th plan's own 2015 values, as its table prints them
        assert printed[int(r.later_indicator_no)] == r.value_at_end_as_printed
