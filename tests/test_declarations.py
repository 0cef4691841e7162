"""One declaration per table: every column documented in both languages; vocabularies complete."""

from __future__ import annotations

import csv

import pytest

from schemas.assignments import KINDS
from schemas.registry import TABLES
from schemas.spec import all_specs, table_spec
from schemas.vocabulary import VOCAB_DIR


@pytest.mark.parametrize("table", list(TABLES))
def test_every_column_has_titles_and_descriptions_in_both_languages(table):
    spec = table_spec(table)
    assert spec.title_zh and spec.title_en and spec.description_zh and spec.description_en
    for col in spec.columns:
        for attr in ("title_zh", "title_en", "description_zh", "description_en"):
            assert getattr(col, attr).strip(), f"{table}.{col.name} lacks {attr}"


def test_contract_columns_are_declared():
    required = {
        "documents": "document_id title_zh title_en issuer_zh issuer_en document_number issued_date source_file "
        "source_sha256",
        "outline": "document_id section_id level number_zh title_zh title_en parent_section_id line_start line_end",
        "paragraphs": "document_id paragraph_id section_id ordinal heading_zh text_zh line_start line_end",
        "indicators": "document_id table_id indicator_no category_zh category_en name_zh name_en unit_zh unit_en",
        "indicator_values": "document_id table_id indicator_no measure raw_text value value_alt qualifier "
        "is_cumulative_pp",
        "major_projects": "document_id project_no title_zh title_en section_id line_start line_end",
        "project_components": "document_id project_no component_no heading_zh heading_en text_zh line_start line_end",
        "priority_actions": "document_id action_no title_zh title_en target_text_zh line_start line_end",
        "action_milestones": "document_id action_no year text_zh",
        "action_tasks": "document_id action_no task_no heading_zh heading_en text_zh line_start line_end",
        "policy_measures": "document_id measure_no title_zh title_en text_zh line_start line_end",
        "annex_tasks": "document_id task_no task_zh task_en responsibility_zh is_open_ended line_start line_end",
        "task_departments": "document_id task_no department_id role ordinal",
        "departments": "department_id name_zh full_name_zh name_en kind",
    }
    for table, columns in required.items():
        declared = {c.name for c in table_spec(table).columns}
        assert set(columns.split()) <= declared, table
    assert table_spec("documents").column("issued_date").type == "date"


def test_keys_refer_to_declared_tables_and_columns():
    for spec in all_specs():
        names = {c.name for c in spec.columns}
        assert set(spec.primary_key) <= names
        for fk in spec.foreign_keys:
            assert set(fk["fields"]) <= names
            ref = table_spec(fk["reference"]["resource"])
            assert set(fk["reference"]["fields"]) <= {c.name for c in ref.columns}


def _rows(name):
    with open(VOCAB_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", ["titles_en.csv", "texts_en.csv"])
def test_translation_vocabularies_have_english_for_every_row(name):
    rows = _rows(name)
    assert rows
    seen = set()
    for row in rows:
        assert row["zh"].strip() and row["en"].strip(), row
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in row["en"]), row
        assert (row["kind"], row["zh"]) not in seen, row
        seen.add((row["kind"], row["zh"]))


def test_departments_vocabulary():
    rows = _rows("departments.csv")
    ids = [r["department_id"] for r in rows]
    assert len(ids) == len(set(ids)) and len({r["name_zh"] for r in rows}) == len(rows)
    for r in rows:
        assert r["kind"] in KINDS and r["name_en"].strip() and r["full_name_zh"].strip(), r


def test_every_chinese_column_has_an_english_twin_or_says_why():
    """Found from the declarations, not from a list: a `*_zh` column of a table or a view has `*_en` beside it,
    or a reason (a view's column borrows it with `same_as`, or states its own `untranslated`)."""
    from pipelines.publish.warehouse.views import view_names, view_spec

    for spec in [*all_specs(), *(view_spec(v) for v in view_names())]:
        names = {c.name for c in spec.columns}
        for c in spec.columns:
            if c.name.endswith("_zh"):
                assert c.name[:-3] + "_en" in names or c.untranslated, f"{spec.name}.{c.name} has no English"


def test_every_chinese_text_of_the_plan_has_its_english(tables):
    """No published prose column is Chinese only: every Chinese cell of the real plan has its English."""
    pairs = 0
    for spec in all_specs():
        df = tables[spec.name]
        for c in spec.columns:
            twin = c.name[:-3] + "_en"
            if c.name.endswith("_zh") and twin in df.columns:
                missing = df[df[c.name].notna() & df[twin].isna()]
                assert missing.empty, f"{spec.name}.{twin} missing for {missing.iloc[:, :4].to_dict('records')}"
                pairs += int(df[c.name].notna().sum())
    assert pairs >= 999  # titles, names, units, tasks, 220 paragraphs and 180 lead sentences, targets, milestones …


def test_a_successor_row_for_an_unknown_department_fails_its_foreign_key(tmp_path):
    """The shared tables check their keys against each other: department_successors → departments."""
    import dagster as dg

    from pipelines.assets.shared import SHARED_ASSETS
    from pipelines.assets.store import CheckedStore
    from pipelines.extract import shared_rows
    from pipelines.extract import tables as extract
    from pipelines.resources import PlanPaths

    asset = next(a for a in SHARED_ASSETS if dg.AssetKey("department_successors") in a.keys)
    good = shared_rows.department_successors()
    bad = [dict(good[0], department_id="no_such_body"), *good[1:]]
    original = extract.SHARED["department_successors"]
    extract.SHARED["department_successors"] = lambda raw: bad
    try:
        with dg.instance_for_test() as instance:
            result = dg.materialize(
                [asset],
                resources={"paths": PlanPaths.now(), "checked_store": CheckedStore()},
                instance=instance,
                raise_on_error=False,
            )
    finally:
        extract.SHARED["department_successors"] = original
    evaluations = {
        e.asset_check_evaluation_data.check_name: e.asset_check_evaluation_data.passed
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }
    assert evaluations == {"schema": True, "foreign_keys": False}
    assert not result.success  # nothing stored: the last checked version is kept
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE").step_failure_data
    assert failure.user_failure_data is not None
    assert "department_successors failed its checks" in str(failure.user_failure_data.description)
    assert "no_such_body" in str(failure.user_failure_data.description)
