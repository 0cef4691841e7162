"""Watch what Dagster cannot see: raw/sources.yaml, the files it lists and the vocabularies.

Everything else follows by declarative automation (the warehouse and catalogue republish after any upstream
materialization; see pipelines/assets/publish.py). The sensor's cursor holds one fingerprint per document
(its manifest entry, its file's bytes, and the vocabularies) and one of the shared tables' inputs, so a
changed entry (`vocabulary_of` added), a corrected file or an edited vocabulary each start a run: a fix to a
failed document too. Every vocabulary file counts for every document, because reviewed English and
decisions are a memory any document may draw on.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg

from pipelines.assets.shared import SHARED_ASSETS
from pipelines.errors import PlanDataError
from pipelines.extract.source import MANIFEST, load_manifest_yaml, read_manifest, resolve_inside
from pipelines.jobs import build_catalog, build_documents
from pipelines.partitions import DOCUMENTS, documents_partitions
from pipelines.resources import PlanPaths
from schemas.vocabulary import VOCAB_DIR

SHARED = "shared tables"  # the cursor's key for the shared tables' inputs


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def _entry(entry: dict) -> bytes:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def _file(raw: Path, entry: dict) -> bytes:
    """The listed file's bytes (its manifest sha256 where it cannot be read: its run will say why)."""
    try:
        return resolve_inside(raw, str(entry["path"]), raw / MANIFEST).read_bytes()
    except (OSError, PlanDataError):
        return str(entry.get("sha256")).encode()


def vocabulary_digest(vocab: Path = VOCAB_DIR) -> str:
    """One fingerprint of every vocabulary file (name and bytes)."""
    files = sorted(p for p in vocab.rglob("*") if p.is_file()) if vocab.is_dir() else []
    return _digest(*(part for p in files for part in (str(p.relative_to(vocab)).encode(), p.read_bytes())))


def fingerprints(raw: Path, vocab: Path = VOCAB_DIR) -> dict[str, str]:
    """document_id → fingerprint of its entry, its file and the vocabularies; SHARED → that of the shared tables'
    inputs (the manifest's other sections, the outcome files, the vocabularies)."""
    vocabulary = vocabulary_digest(vocab).encode()
    out = {e["document_id"]: _digest(_entry(e), _file(raw, e), vocabulary) for e in read_manifest(raw)}
    manifest = load_manifest_yaml(raw / MANIFEST) or {}
    others = {k: v for k, v in manifest.items() if k != "documents"} if isinstance(manifest, dict) else {}
    files = [_file(raw, e) for e in others.get("outcomes") or [] if isinstance(e, dict)]
    out[SHARED] = _digest(_entry(others), *files, vocabulary)
    return out


def plan_changes(current: dict[str, str], known: set[str], seen: dict[str, str]):
    """What to add, delete and (re)build: new documents and documents whose fingerprint changed."""
    docs = {k: v for k, v in current.items() if k != SHARED}
    add = sorted(set(docs) - known)
    delete = sorted(known - set(docs))
    build = sorted(k for k, fp in docs.items() if seen.get(k) != fp)
    return add, delete, build


@dg.sensor(
    jobs=[build_documents, build_catalog],
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches raw/sources.yaml, the files it lists and schemas/vocab/: adds and removes document "
    "partitions, requests a run of every new or changed document (entry, file or vocabulary), and of the shared "
    "tables when their files change. Publishing follows by declarative automation.",
)
def raw_manifest_sensor(context: dg.SensorEvaluationContext, paths: PlanPaths):
    try:
        current = fingerprints(paths.raw)
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
    runs = [dg.RunRequest(job_name=build_documents.name, partition_key=k, run_key=f"{k}:{current[k]}") for k in build]
    if seen.get(SHARED) != current[SHARED]:  # the first tick makes them, then each change of their inputs
        runs.append(
            dg.RunRequest(
                job_name=build_catalog.name,
                asset_selection=[k for a in SHARED_ASSETS for k in a.keys],
                run_key=f"shared:{current[SHARED]}",
            )
        )
    return dg.SensorResult(
        run_requests=runs, dynamic_partitions_requests=requests, cursor=json.dumps(current, sort_keys=True)
    )
