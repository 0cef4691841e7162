"""The checked-in deployments load and validate: PostgreSQL storage with Kubernetes runs or Celery steps,
and the multiprocess executor on one machine (run for real on two documents)."""

from __future__ import annotations

import importlib
import runpy

import dagster as dg
import duckdb
import pytest
from dagster._config import process_config
from dagster._core.instance.config import dagster_instance_config

from tests.helpers import ROOT, make_raw

DEPLOY = ROOT / "deploy"
PG_ENV = {
    "DAGSTER_PG_HOST": "db",
    "DAGSTER_PG_USERNAME": "dagster",
    "DAGSTER_PG_PASSWORD": "secret",
    "DAGSTER_PG_DB": "dagster",
}


def _check_class(entry: dict) -> str:
    klass = getattr(importlib.import_module(entry["module"]), entry["class"])
    result = process_config(klass.config_type(), entry.get("config") or {})
    assert result.success, [e.message for e in result.errors or []]
    return klass.__name__


@pytest.mark.parametrize("name, launcher", [("k8s", "K8sRunLauncher"), ("celery", None)])
def test_instance_configuration_validates(monkeypatch, name, launcher):
    for key, value in PG_ENV.items():
        monkeypatch.setenv(key, value)
    config, _ = dagster_instance_config(str(DEPLOY / name))
    from dagster_postgres import PostgresRunStorage

    storage = process_config(PostgresRunStorage.config_type(), config["storage"]["postgres"])
    assert storage.success, [e.message for e in storage.errors or []]
    assert _check_class(config["run_coordinator"]) == "QueuedRunCoordinator"
    if launcher:
        assert _check_class(config["run_launcher"]) == launcher
    assert config["concurrency"]["pools"]["default_limit"] == 1


@pytest.mark.parametrize(
    "path, executor", [("celery/definitions.py", "celery"), ("multiprocess/definitions.py", "multiprocess")]
)
def test_deployment_code_locations_load(path, executor):
    defs = runpy.run_path(str(DEPLOY / path))["defs"]
    for job in ("build_documents", "build_catalog"):
        assert defs.resolve_job_def(job).executor_def.name == executor
    defs.resolve_asset_graph()


@pytest.mark.slow  # every step is a process of its own
def test_multiprocess_executor_builds_two_documents_in_one_run(tmp_path, monkeypatch):
    """The tested configuration for parallel steps: the real jobs and a real (sqlite) instance; both documents
    in one run of build_documents (a partition range), then build_catalog."""
    from tests.test_documents import SECOND, second_document

    raw = second_document(make_raw(tmp_path / "raw"))
    for key, value in {
        "PLANS_RAW_DIR": raw,
        "PLANS_WAREHOUSE_DIR": tmp_path / "wh",
        "PLANS_CATALOG_DIR": tmp_path / "cat",
    }.items():
        monkeypatch.setenv(key, str(value))
    (tmp_path / "home").mkdir()
    ids = ["cn-13th-fyp-informatization-2016", SECOND]
    both = {"dagster/asset_partition_range_start": ids[0], "dagster/asset_partition_range_end": ids[1]}
    with dg.instance_for_test(temp_dir=str(tmp_path / "home")) as instance:
        instance.add_dynamic_partitions("documents", ids)
        result = dg.execute_job(dg.reconstructable(_multiprocess_job_documents), instance=instance, tags=both)
        assert result.success
        evaluations = [
            e.dagster_event.asset_check_evaluation_data
            for e in instance.all_logs(result.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
            if e.dagster_event is not None
        ]
        result = dg.execute_job(dg.reconstructable(_multiprocess_job_catalog), instance=instance)
        assert result.success
        for doc_id in ids:  # each document's materialization carries its own row count, not the run's
            found = instance.fetch_materializations(
                dg.AssetRecordsFilter(asset_key=dg.AssetKey("annex_tasks"), asset_partitions=[doc_id]), limit=1
            ).records
            materialization = found[0].asset_materialization
            assert materialization is not None and materialization.metadata["dagster/row_count"].value == 74
            valid = [e for e in evaluations if e.check_name == "valid" and e.partition == doc_id]
            assert len(valid) == 1 and valid[0].passed  # and it carries the document's tables' counts together
            counts = valid[0].metadata["rows"].value
            assert isinstance(counts, dict) and counts["annex_tasks"] == 74 and len(counts) == 17
    con = duckdb.connect(str(tmp_path / "wh" / "plans.duckdb"), read_only=True)
    assert con.execute("select document_id, count(*) from annex_tasks group by 1 order by 1").fetchall() == [
        (ids[0], 74),
        (SECOND, 74),
    ]
    con.close()


def _multiprocess_job_documents():
    return runpy.run_path(str(DEPLOY / "multiprocess" / "definitions.py"))["defs"].resolve_job_def("build_documents")


def _multiprocess_job_catalog():
    return runpy.run_path(str(DEPLOY / "multiprocess" / "definitions.py"))["defs"].resolve_job_def("build_catalog")
