"""The data engineer's Dagster, asserted through Dagster's own APIs (a real sqlite instance, the jobs, the
sensor, declarative automation, load_asset_value): failures explained in the run, health per document,
republishing after any materialization, the sensor's cursor."""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path
from unittest import mock

import dagster as dg
import pandas as pd
import pytest
import yaml

from pipelines.assets.shared import SHARED_ASSETS
from pipelines.publish.warehouse.views import view_names
from tests.helpers import DOC_ID, QUIET, make_raw, seed_text

pytestmark = pytest.mark.slow  # several in-process runs of the real plan

BROKEN = "broken-copy"
# Two problems of different kinds in one text: a figure misread (a letter O for a zero) and a department no
# vocabulary knows (公安总部 for 公安部), in the annex row of task 3.
TYPOS = {"40 70 〔30〕": "40 7O 〔30〕", "部牵头，科技部、公安部、教育部": "部牵头，科技部、公安总部、教育部"}
PUBLISHING = {"warehouse", "catalog", "release", *view_names()}  # the publishing step's assets


def _manifest(raw: Path) -> dict:
    return yaml.safe_load((raw / "sources.yaml").read_text(encoding="utf-8"))


def _write_manifest(raw: Path, manifest: dict) -> None:
    (raw / "sources.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_copy(raw: Path, doc_id: str, text: str, **entry) -> None:
    """A second manifest entry: the plan's text (or an edited copy) under another document id."""
    data = text.encode("utf-8")
    (raw / f"{doc_id}.txt").write_bytes(data)
    manifest = _manifest(raw)
    first = manifest["documents"][0]
    manifest["documents"].append(
        dict(first, document_id=doc_id, path=f"{doc_id}.txt", sha256=hashlib.sha256(data).hexdigest(), **entry)
    )
    _write_manifest(raw, manifest)


def broken_text() -> str:
    text = seed_text()
    for old, new in TYPOS.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture()
def setup(tmp_path, monkeypatch):
    """A raw/ with the plan and a broken copy, the PLANS_* folders in tmp_path, and a persistent instance."""
    raw = make_raw(tmp_path / "raw")
    add_copy(raw, BROKEN, broken_text(), vocabulary_of=DOC_ID)
    for variable, value in {
        "PLANS_RAW_DIR": raw,
        "PLANS_WAREHOUSE_DIR": tmp_path / "wh",
        "PLANS_CATALOG_DIR": tmp_path / "cat",
    }.items():
        monkeypatch.setenv(variable, str(value))
    from pipelines.definitions import defs

    (tmp_path / "home").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "home")) as instance:
        instance.add_dynamic_partitions("documents", [DOC_ID, BROKEN])
        yield {"raw": raw, "tmp": tmp_path, "instance": instance, "defs": defs}


def _run_document(setup, doc_id: str, selection: list[str] | None = None) -> dg.ExecuteInProcessResult:
    job = setup["defs"].resolve_job_def("build_documents")
    kw = {"asset_selection": [dg.AssetKey(k) for k in selection]} if selection else {}
    return job.execute_in_process(
        instance=setup["instance"], partition_key=doc_id, run_config=QUIET, raise_on_error=False, **kw
    )


def _failure_text(result: dg.ExecuteInProcessResult) -> str:
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    data = failure.step_failure_data
    assert data.user_failure_data is not None  # a dg.Failure of ours, not a framework error
    return str(data.user_failure_data.description)


def test_a_failing_document_explains_every_problem_in_its_run(setup):
    result = _run_document(setup, BROKEN)
    assert not result.success
    text = _failure_text(result)
    # every problem at once, grouped by check with a count, each naming file, line, table, row and the fix
    assert f"document {BROKEN} (raw/{BROKEN}.txt): 2 problems" in text
    assert "parsed: 2 problems" in text
    assert "'7O'" in text and "table indicators" in text and "correct the figure in the source" in text
    assert f"[file raw/{BROKEN}.txt, line " in text and "row 序号 3" in text
    assert "department '公安总部' is not in schemas/vocab/departments.csv" in text
    assert "add it with its full name, English name and kind" in text
    # the run's log carries the same report at ERROR; no line lists outputs that did not appear
    logs = setup["instance"].all_logs(result.run_id)
    errors = [e.user_message for e in logs if e.level == logging.ERROR]
    assert any("公安总部" in m and "'7O'" in m for m in errors), errors
    assert not any("did not yield or return expected outputs" in (e.user_message or "") for e in logs)
    assert not any("DagsterAssetCheckFailedError" in (e.user_message or "") for e in logs)
    # the run's own failure event names the cause, not just the step
    run_failure = next(e for e in logs if e.dagster_event and e.dagster_event.event_type_value == "PIPELINE_FAILURE")
    assert "公安总部" in str(run_failure.dagster_event.event_specific_data), run_failure.user_message


def test_a_failing_second_document_leaves_the_first_green(setup):
    instance = setup["instance"]
    assert _run_document(setup, DOC_ID).success
    assert not _run_document(setup, BROKEN).success
    for table in ("source_documents", "plan_documents", "indicators", "annex_tasks"):
        assert instance.get_materialized_partitions(dg.AssetKey(table)) == {DOC_ID}, table
    statuses = {}
    for check in ("verified", "parsed", "valid"):
        asset = "source_documents" if check == "verified" else "plan_documents"
        key = dg.AssetCheckKey(dg.AssetKey(asset), check)
        for info in instance.event_log_storage.get_asset_check_partition_info([key]):
            statuses[(check, info.partition_key)] = info.latest_execution_status.value
    assert statuses[("verified", DOC_ID)] == "SUCCEEDED" and statuses[("parsed", DOC_ID)] == "SUCCEEDED"
    assert statuses[("valid", DOC_ID)] == "SUCCEEDED"
    assert statuses[("verified", BROKEN)] == "SUCCEEDED" and statuses[("parsed", BROKEN)] == "FAILED"


def test_load_asset_value_gives_a_table_for_a_document(setup):
    assert _run_document(setup, DOC_ID).success
    defs, instance = setup["defs"], setup["instance"]
    rows = defs.load_asset_value("indicators", partition_key=DOC_ID, instance=instance)
    assert isinstance(rows, pd.DataFrame) and len(rows) == 34 and set(rows.document_id) == {DOC_ID}
    model = defs.load_asset_value("plan_documents", partition_key=DOC_ID, instance=instance)
    assert model.document_id == DOC_ID and len(model.paragraphs) == 220


def _requested(result) -> set[str]:
    return {r.key.to_user_string() for r in result.results if r.true_subset.size > 0}


def _tick(setup, cursor=None) -> dg.EvaluateAutomationConditionsResult:
    """One tick of the automation sensor, through Dagster's tester (dg.evaluate_automation_conditions). The
    daemon's tick reads the documents' partitions through a caching queryer; the tester asks the instance's
    sqlite again for every subset it serializes into the cursor (about 3,000 queries a tick, 30 s of a run here).
    Here they are read once per tick, as the daemon's queryer reads them: the partitions cannot change within a
    tick, so what is requested is the same."""
    instance = setup["instance"]
    once = functools.cache(instance.get_dynamic_partitions)
    with mock.patch.object(instance, "get_dynamic_partitions", once):
        return dg.evaluate_automation_conditions(defs=setup["defs"], instance=instance, cursor=cursor)


def test_materializing_one_table_republishes_by_automation(setup):
    """Dagster's automation sensor evaluates the publishing assets' conditions at every tick; here the same
    evaluation, tick by tick: after any materialization upstream it requests the warehouse, catalogue and release."""
    defs, instance = setup["defs"], setup["instance"]
    start = _tick(setup)  # the sensor's first tick: a new instance
    assert _requested(start) == set()
    assert _run_document(setup, DOC_ID).success
    shared = [k for a in SHARED_ASSETS for k in a.keys]
    job = defs.resolve_job_def("build_catalog")
    assert job.execute_in_process(instance=instance, run_config=QUIET, asset_selection=shared).success
    tick = _tick(setup, start.cursor)
    assert _requested(tick) == PUBLISHING
    publishing = [dg.AssetKey(k) for k in sorted(PUBLISHING)]
    assert job.execute_in_process(instance=instance, run_config=QUIET, asset_selection=publishing).success
    idle = _tick(setup, tick.cursor)
    assert _requested(idle) == set()
    # one table of one document, as a click on `indicators` in the UI materializes it
    assert _run_document(setup, DOC_ID, selection=["indicators"]).success
    after = _tick(setup, idle.cursor)
    # the warehouse and the views that read indicators; the run launched for them is the whole publishing step
    assert {"warehouse", "catalog", "release", "indicator_targets", "target_outcomes"} <= _requested(after)
    assert _requested(after) <= PUBLISHING and "department_workload" not in _requested(after)


def test_a_document_never_checked_does_not_hold_the_release_back(setup):
    """The broken copy has no checked partition; the plan's own update still republishes, without it."""
    defs, instance = setup["defs"], setup["instance"]
    start = _tick(setup)
    shared = [k for a in SHARED_ASSETS for k in a.keys]
    job = defs.resolve_job_def("build_catalog")
    assert job.execute_in_process(instance=instance, run_config=QUIET, asset_selection=shared).success
    assert not _run_document(setup, BROKEN).success
    assert _run_document(setup, DOC_ID).success
    tick = _tick(setup, start.cursor)
    assert _requested(tick) == PUBLISHING
    publishing = [dg.AssetKey(k) for k in sorted(PUBLISHING)]
    published = job.execute_in_process(instance=instance, run_config=QUIET, asset_selection=publishing)
    assert published.success
    docs = pd.read_parquet(setup["tmp"] / "wh" / "parquet" / "documents.parquet").document_id.tolist()
    assert docs == [DOC_ID]


def _sense(setup, cursor: str | None):
    from pipelines.resources import PlanPaths
    from pipelines.sensors import raw_manifest_sensor

    paths = PlanPaths.now()
    ctx = dg.build_sensor_context(instance=setup["instance"], cursor=cursor, resources={"paths": paths})
    result = raw_manifest_sensor(ctx)
    assert isinstance(result, dg.SensorResult), result
    return result


def test_the_sensor_sees_entries_and_fixes_and_the_fixed_document_passes(setup):
    raw = setup["raw"]
    first = _sense(setup, None)
    assert sorted(str(r.partition_key) for r in first.run_requests if r.partition_key) == [BROKEN, DOC_ID]
    assert [r.job_name for r in first.run_requests if not r.partition_key] == ["build_catalog"]  # shared tables
    assert not _run_document(setup, BROKEN).success
    assert _sense(setup, first.cursor).run_requests == []  # nothing changed: nothing to run
    # a manifest entry edited (a title corrected): its document is rebuilt, not the others
    manifest = _manifest(raw)
    manifest["documents"][1]["title_en"] += " (copy)"
    _write_manifest(raw, manifest)
    edited = _sense(setup, first.cursor)
    assert [r.partition_key for r in edited.run_requests] == [BROKEN]
    # the fix of the failed document: its text corrected and its sha256 updated
    data = seed_text().encode("utf-8")
    (raw / f"{BROKEN}.txt").write_bytes(data)
    manifest["documents"][1]["sha256"] = hashlib.sha256(data).hexdigest()
    _write_manifest(raw, manifest)
    fixed = _sense(setup, edited.cursor)
    assert [r.partition_key for r in fixed.run_requests] == [BROKEN]
    assert _run_document(setup, BROKEN).success


def test_adding_vocabulary_of_starts_a_run_that_passes(setup):
    """Adding `vocabulary_of` to a document's entry starts its run at the next tick, and the run passes."""
    raw = setup["raw"]
    manifest = _manifest(raw)
    manifest["documents"][1].pop("vocabulary_of")
    data = seed_text().encode("utf-8")
    (raw / f"{BROKEN}.txt").write_bytes(data)
    manifest["documents"][1]["sha256"] = hashlib.sha256(data).hexdigest()
    _write_manifest(raw, manifest)
    first = _sense(setup, None)
    manifest["documents"][1]["vocabulary_of"] = DOC_ID
    _write_manifest(raw, manifest)
    tick = _sense(setup, first.cursor)
    assert [r.partition_key for r in tick.run_requests] == [BROKEN]
    run = _run_document(setup, BROKEN)
    assert run.success
    checks = {
        e.asset_check_evaluation_data.check_name: e.asset_check_evaluation_data.passed
        for e in run.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }
    assert checks["reviewed"] and checks["valid"] and checks["parsed"]


def test_an_edited_vocabulary_starts_a_run_of_every_document_and_of_the_shared_tables(setup, tmp_path):
    from pipelines.sensors import SHARED, fingerprints

    vocab = tmp_path / "vocab"
    import shutil

    from schemas.vocabulary import VOCAB_DIR

    shutil.copytree(VOCAB_DIR, vocab)
    before = fingerprints(setup["raw"], vocab)
    with open(vocab / "glossary.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    after = fingerprints(setup["raw"], vocab)
    assert {k for k in before if before[k] != after[k]} == {DOC_ID, BROKEN, SHARED}
