"""Every checked document → the shared vocabulary, the warehouse, the catalogue, and their release, in one step.

The step reads the checked tables of every document partition from the store (a document whose
checks failed is absent from it, so it is left out whole), stages the warehouse and the catalogue
beside the published folders, and swaps both in only once both were staged and validated.
"""

from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.assets import store
from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.errors import PlanDataError
from pipelines.extract.source import load_source, read_manifest
from pipelines.lock import build_lock
from pipelines.partitions import DOCUMENTS
from pipelines.process import document_tables, shared_tables
from pipelines.publish.stage import publish
from pipelines.resources import PlanPaths
from pipelines.validate import without_dangling_keys
from schemas.frames import frame
from schemas.registry import TABLES
from schemas.spec import table_spec

SPECS = [
    dg.AssetSpec(
        "warehouse",
        deps=list(TABLES),
        group_name="warehouse",
        owners=OWNERS,
        kinds={"duckdb", "parquet"},
        code_version=CODE_VERSION,
        description="plans.duckdb (every document's tables with keys, views and bilingual comments) and "
        "parquet/<table>.parquet, staged beside the published folder; `release` swaps them in.",
    ),
    dg.AssetSpec(
        "catalog",
        deps=list(TABLES),
        group_name="catalog",
        owners=OWNERS,
        kinds={"frictionless", "html", "json"},
        code_version=CODE_VERSION,
        description="Frictionless data packages (one per theme and one with everything), catalog.json and the "
        "static site, staged and validated with frictionless.",
    ),
    dg.AssetSpec(
        "release",
        deps=["warehouse", "catalog"],
        group_name="catalog",
        owners=OWNERS,
        kinds={"duckdb", "frictionless"},
        code_version=CODE_VERSION,
        description="Publishes the staged warehouse and catalogue together, only once both were built and "
        "validated: each file or folder is replaced by a rename, so readers never see half a build.",
    ),
]


def source_texts(raw: Path, documents: list[dict]) -> dict[str, list[str]]:
    """The lines of each published document's source, read again and checked against the sha256 it was built from
    (a document whose file has since changed, or left the manifest, gets no source page until it is rebuilt)."""
    entries = {e["document_id"]: e for e in read_manifest(raw)}
    out = {}
    for d in documents:
        try:
            source = load_source(raw, entries[d["document_id"]])
        except (KeyError, PlanDataError):
            continue
        if source.sha256 == d["sha256"]:
            out[d["document_id"]] = source.lines
    return out


def combine(
    documents: list[dict], shared: dict[str, pd.DataFrame | None], warn=lambda message: None
) -> dict[str, pd.DataFrame]:
    """Every table over the stored documents (in document id order) plus the shared tables, as their own steps
    checked and stored them. A shared row of a document that is not published, or naming a row its document does
    not have (a milestone of a text read without its priority actions), is left out, and `warn` says which: what
    is published never holds a key to nothing."""
    tables = {}
    for t in document_tables():
        parts = [d["tables"][t] for d in documents]
        tables[t] = pd.concat(parts, ignore_index=True) if parts else frame(t, [])
    missing = sorted(t for t, rows in shared.items() if rows is None)
    if missing:
        raise PlanDataError(
            f"the shared table(s) {', '.join(missing)} have no checked rows in this instance",
            hint="materialize their steps (they run before publish in the job build_catalog)",
        )
    published = {d["document_id"] for d in documents}
    for t, rows in shared.items():
        assert rows is not None
        if "document_id" in rows.columns:
            rows = rows[rows["document_id"].isin(published)].reset_index(drop=True)
        if any(table_spec(r).per_document for r in table_spec(t).references):
            rows, report = without_dangling_keys(t, rows, tables)
            if not report.passed:
                keys = ", ".join(str(f.key) for f in report.failures[:10])
                warn(f"{t}: {len(report.failures)} row(s) left out, naming rows their document does not have: {keys}")
        tables[t] = rows
    return {t: tables[t] for t in TABLES}


@dg.multi_asset(
    name="publish",
    specs=SPECS,
    pool="duckdb_writer",
    op_tags={"plans/writes": "duckdb"},
    can_subset=False,
)
def publish_step(context: dg.AssetExecutionContext, paths: PlanPaths):
    with build_lock(paths.warehouse):  # one build at a time on these folders, whatever started it
        doc_ids = sorted(context.instance.get_dynamic_partitions(DOCUMENTS))
        documents = store.load(context.instance, doc_ids)
        shared = {t: store.load_shared(context.instance, t) for t in shared_tables()}
        tables = combine(documents, shared, warn=context.log.warning)
        left_out = sorted(set(doc_ids) - {d["document_id"] for d in documents})
        for doc_id in left_out:
            context.log.warning(f"document {doc_id} is left out of this release: it has no checked tables")
        metas = [d["meta"] for d in documents]
        index = publish(tables, metas, source_texts(paths.raw, documents), paths.warehouse, paths.catalog)
    yield dg.MaterializeResult(
        asset_key="warehouse",
        metadata={
            "documents": dg.MetadataValue.json([d["document_id"] for d in documents]),
            "left_out": dg.MetadataValue.json(left_out),
            "rows": dg.MetadataValue.json({t: len(df) for t, df in tables.items()}),
        },
    )
    yield dg.MaterializeResult(
        asset_key="catalog",
        metadata={
            "packages": dg.MetadataValue.md(
                "\n".join(
                    f"- {p['name']} {p['version']} ({len(p['resources'])} resources, valid: {p['validation']['valid']})"
                    for p in index["packages"]
                )
            )
        },
    )
    yield dg.MaterializeResult(
        asset_key="release", metadata={"warehouse": str(paths.warehouse), "catalog": str(paths.catalog)}
    )
