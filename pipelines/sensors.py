"""Keep the document partitions in sync with raw/sources.yaml and rebuild what changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg

from pipelines.errors import PlanDataError
from pipelines.extract.source import read_manifest, resolve_inside
from pipelines.jobs import build_catalog, build_documents
from pipelines.partitions import DOCUMENTS, documents_partitions
from pipelines.resources import PlanPaths


def manifest_fingerprints(raw: Path) -> dict[str, str]:
    """document_id → sha256 of the file's current bytes (the manifest's value where it cannot be read)."""
    out = {}
    for entry in read_manifest(raw):
        try:
            data = resolve_inside(raw, str(entry["path"]), raw / "sources.yaml").read_bytes()
            out[entry["document_id"]] = hashlib.sha256(data).hexdigest()
        except (OSError, PlanDataError):
            out[entry["document_id"]] = str(entry["sha256"])
    return out


def plan_changes(current: dict[str, str], known: set[str], seen: dict[str, str]):
    """What to add, delete and (re)build: new documents and documents whose bytes changed."""
    add = sorted(set(current) - known)
    delete = sorted(known - set(current))
    build = sorted(k for k, sha in current.items() if seen.get(k) != sha)
    return add, delete, build


@dg.sensor(
    job=build_documents,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches raw/sources.yaml and the files it lists: adds and removes document partitions and "
    "requests a build of every new or changed document (unchanged ones are not recomputed).",
)
def raw_manifest_sensor(context: dg.SensorEvaluationContext, paths: PlanPaths):
    try:
        current = manifest_fingerprints(paths.raw)
    except PlanDataError as exc:
        return dg.SkipReason(str(exc))
    known = set(context.instance.get_dynamic_partitions(DOCUMENTS))
    seen = json.loads(context.cursor) if context.cursor else {}
    add, delete, build = plan_changes(current, known, seen)
    requests: list[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest] = []
    if add:
        requests.append(documents_partitions.build_add_request(add))
    if delete:
        requests.append(documents_partitions.build_delete_request(delete))
    return dg.SensorResult(
        run_requests=[dg.RunRequest(partition_key=k, run_key=f"{k}:{current[k]}") for k in build],
        dynamic_partitions_requests=requests,
        cursor=json.dumps(current, sort_keys=True),
    )


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[build_documents],
    request_job=build_catalog,
    default_status=dg.DefaultSensorStatus.RUNNING,
    name="publish_after_documents",
    description="After a document is rebuilt successfully, rebuild the warehouse and catalogue.",
)
def publish_after_documents(context: dg.RunStatusSensorContext):
    return dg.RunRequest(run_key=context.dagster_run.run_id)
