"""Many documents: partitions per manifest entry, a second document, failure isolation, the sensor."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml

from pipelines.resources import PlanPaths
from pipelines.sensors import SHARED, plan_changes, raw_manifest_sensor
from tests.helpers import DOC_ID, QUIET, RAW, make_raw, run_build, seed_text

SECOND = f"{DOC_ID}-clean"


def _add_document(raw: Path, doc_id: str, name: str, data: bytes) -> Path:
    (raw / name).write_bytes(data)
    manifest = yaml.safe_load((raw / "sources.yaml").read_text(encoding="utf-8"))
    entry = dict(
        manifest["documents"][0],
        document_id=doc_id,
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        title_en=manifest["documents"][0]["title_en"] + " (web copy)",
        vocabulary_of=manifest["documents"][0]["document_id"],  # the same plan: the same reviewed vocabularies
    )
    manifest["documents"].append(entry)
    (raw / "sources.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return raw


def second_document(raw: Path) -> Path:
    """Add the plan as copied from a web page (one paragraph per line, tab-separated cells) as a second document."""
    from pipelines.extract.model import build_document
    from pipelines.extract.source import load_sources
    from pipelines.extract.tables import extract_table
    from tests.variants import clean_variant

    docs = [build_document(s) for s in load_sources(RAW)]
    annex = [(r.task_no, r.task_zh, r.responsibility_zh) for r in extract_table("annex_tasks", docs).itertuples()]
    components = extract_table("project_components", docs)
    last = set(components.sort_values("component_no").groupby("project_no").text_zh.last())
    return _add_document(
        raw, SECOND, "cn-13th-fyp-informatization-2016.web.txt", clean_variant(seed_text(), annex, last).encode("utf-8")
    )


@pytest.mark.slow  # builds of several documents
def test_two_documents_build_into_the_same_tables(tmp_path, tables):
    raw = second_document(make_raw(tmp_path / "raw"))
    result = run_build(raw, tmp_path / "wh", tmp_path / "cat")
    assert result.code == 0, result.err
    assert f"[{SECOND}] 17 tables checked" in result.out and "annex_tasks 74" in result.out
    con = duckdb.connect(str(tmp_path / "wh" / "plans.duckdb"), read_only=True)
    counts = dict(con.execute("select document_id, count(*) from indicator_values group by 1").fetchall())
    assert counts == {DOC_ID: 119, SECOND: 119}
    same = con.execute(f"""select count(*) from annex_tasks a join annex_tasks b using (task_no)
                           where a.document_id = '{DOC_ID}' and b.document_id = '{SECOND}'
                           and a.task_zh = b.task_zh and a.responsibility_zh = b.responsibility_zh""").fetchall()[0][0]
    assert same == 74
    con.close()
    index = json.loads((tmp_path / "cat" / "catalog.json").read_text(encoding="utf-8"))
    assert [d["document_id"] for d in index["documents"]] == [DOC_ID, SECOND]


@pytest.mark.slow  # builds of several documents
def test_a_range_run_with_a_failing_document_stores_nothing(tmp_path, monkeypatch):
    """One run of both documents (the command line's partition range) is all or nothing: the broken one fails
    the run with its problem, the good one's checks pass, and neither is stored (one document per run, as the
    sensor and the UI run them, keeps the good one: tests/test_dagster.py)."""
    from pipelines.definitions import defs

    raw = make_raw(tmp_path / "raw")
    broken = seed_text().replace("40 70 〔30〕", "40 7O 〔30〕").encode("utf-8")
    _add_document(raw, "broken-copy", "broken.txt", broken)
    for key, value in {
        "PLANS_RAW_DIR": raw,
        "PLANS_WAREHOUSE_DIR": tmp_path / "wh",
        "PLANS_CATALOG_DIR": tmp_path / "cat",
    }.items():
        monkeypatch.setenv(key, str(value))
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("documents", [DOC_ID, "broken-copy"])
    documents = defs.resolve_job_def("build_documents")
    both = {"dagster/asset_partition_range_start": DOC_ID, "dagster/asset_partition_range_end": "broken-copy"}
    run = documents.execute_in_process(instance=instance, run_config=QUIET, raise_on_error=False, tags=both)
    assert not run.success
    evaluations = [
        e.asset_check_evaluation_data for e in run.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
    failed = [(e.partition, e.check_name) for e in evaluations if not e.passed and e.blocking]
    assert failed == [("broken-copy", "parsed")]
    passed = {e.check_name for e in evaluations if e.passed and e.partition == DOC_ID}
    assert {"verified", "parsed", "valid"} <= passed
    failure = next(e for e in run.all_events if e.event_type_value == "STEP_FAILURE").step_failure_data
    assert failure.user_failure_data is not None
    description = str(failure.user_failure_data.description)
    assert "1 of 2 document(s) failed" in description and "nothing of this run was stored" in description
    assert "document broken-copy; table indicators; row targets_13th #6" in description and "'7O'" in description
    assert not [e for e in run.all_events if e.event_type_value == "ASSET_MATERIALIZATION"]


def test_plan_changes():
    assert plan_changes({"a": "1", "b": "2", SHARED: "x"}, set(), {}) == (["a", "b"], [], ["a", "b"])
    assert plan_changes({"a": "1", "b": "2"}, {"a", "b"}, {"a": "1", "b": "2"}) == ([], [], [])
    assert plan_changes({"a": "1", "b": "3"}, {"a", "b", "c"}, {"a": "1", "b": "2"}) == ([], ["c"], ["b"])


def _sense(instance, raw: Path, cursor: str | None = None) -> dg.SensorResult:
    paths = PlanPaths(raw_dir=str(raw), warehouse_dir="warehouse", catalog_dir="catalog")
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"paths": paths})
    result = raw_manifest_sensor(ctx)
    assert isinstance(result, dg.SensorResult), result
    return result


def test_sensor_adds_partitions_and_requests_only_new_or_changed_documents(tmp_path):
    raw = make_raw(tmp_path / "raw")
    with dg.instance_for_test() as instance:
        first = _sense(instance, raw)
        assert first.run_requests is not None and first.dynamic_partitions_requests is not None
        assert [r.partition_key for r in first.run_requests] == [DOC_ID, None]  # and the shared tables
        assert first.dynamic_partitions_requests[0].partition_keys == [DOC_ID]
        instance.add_dynamic_partitions("documents", [DOC_ID])
        again = _sense(instance, raw, first.cursor)
        assert again.run_requests == [] and again.dynamic_partitions_requests == []
        second_document(raw)
        (raw / "cn-13th-fyp-informatization-2016.txt").write_bytes(seed_text().replace("南。", "南。 ", 1).encode())
        third = _sense(instance, raw, again.cursor)
        assert third.run_requests is not None and third.dynamic_partitions_requests is not None
        assert sorted(str(r.partition_key) for r in third.run_requests) == [DOC_ID, SECOND]  # changed + new
        assert third.dynamic_partitions_requests[0].partition_keys == [SECOND]
