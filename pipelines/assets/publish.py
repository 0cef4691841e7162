"""Every checked document and shared table → the warehouse, the catalogue, and their release, in one step.

The step loads every table through the CheckedStore IO manager: each document partition as its latest
successful run stored it (a document whose newest run failed keeps its last checked version, with a
warning; one never checked is left out whole), stages the warehouse and the catalogue beside the published
folders, and swaps both in only once both were staged and validated. Declarative automation runs it after
any upstream materialization.
"""

from pathlib import Path
from typing import Any

import dagster as dg
import pandas as pd
import pyarrow.parquet as pq

from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.errors import PlanDataError
from pipelines.extract.source import load_source, read_manifest
from pipelines.lock import build_lock
from pipelines.partitions import DOCUMENTS
from pipelines.process import document_tables, shared_tables
from pipelines.publish.stage import publish
from pipelines.publish.warehouse.database import PARQUET
from pipelines.publish.warehouse.lineage import column_lineage, tables_of
from pipelines.publish.warehouse.release import published_database, published_parquet, table_name
from pipelines.publish.warehouse.views import view_names, view_spec, views
from pipelines.resources import PlanPaths
from pipelines.validate import without_dangling_keys
from schemas.frames import frame
from schemas.registry import TABLES
from schemas.spec import table_spec

# Any materialization upstream republishes (a job, the UI, the command line, a backfill): Dagster's default
# automation sensor evaluates this condition. Unlike `eager`, a document partition never materialized (a new
# document whose run failed) does not hold the others back (it is left out of the release with a warning); a
# shared table not yet made does, since every release needs all of them.
AUTOMATION = dg.AutomationCondition.eager().without(
    ~dg.AutomationCondition.any_deps_missing()
) & ~dg.AutomationCondition.any_deps_match(dg.AutomationCondition.missing()).allow(
    dg.AssetSelection.assets(*shared_tables())
)

SPECS = [
    dg.AssetSpec(
        "warehouse",
        deps=["source_documents", *TABLES],
        group_name="warehouse",
        owners=OWNERS,
        kinds={"duckdb", "parquet"},
        code_version=CODE_VERSION,
        automation_condition=AUTOMATION,
        description="plans.duckdb (every document's tables with keys, views and bilingual comments) and "
        "parquet/<table>.parquet, staged beside the published folder; `release` swaps them in.",
    ),
    *[
        dg.AssetSpec(
            v.name,
            deps=tables_of(v.name),
            group_name="views",
            owners=OWNERS,
            kinds={"duckdb", "sql"},
            code_version=CODE_VERSION,
            automation_condition=AUTOMATION,
            description=f"{v.title_zh} / {v.title_en}. A view of plans.duckdb (sql/{v.name}.sql), published as "
            f"Parquet too. {v.description_en}",
            metadata={"dagster/table_name": table_name(v.name)},
        )
        for v in views()
    ],
    dg.AssetSpec(
        "catalog",
        deps=["warehouse", *view_names()],
        group_name="catalog",
        owners=OWNERS,
        kinds={"frictionless", "html", "json"},
        code_version=CODE_VERSION,
        automation_condition=AUTOMATION,
        description="Frictionless data packages (one per theme and one with everything), catalog.json and the "
        "static site, staged from the warehouse's tables and validated with frictionless.",
    ),
    dg.AssetSpec(
        "release",
        deps=["warehouse", "catalog"],
        group_name="catalog",
        owners=OWNERS,
        kinds={"duckdb", "frictionless"},
        code_version=CODE_VERSION,
        automation_condition=AUTOMATION,
        description="Publishes the staged warehouse and catalogue together, only once both were built and "
        "validated: each file or folder is replaced by a rename, so readers never see half a build.",
    ),
]
INS = {name: dg.AssetIn(name) for name in ["source_documents", *TABLES]}


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
    documents: list[dict], shared: dict[str, pd.DataFrame], warn=lambda message: None
) -> dict[str, pd.DataFrame]:
    """Every table over the stored documents (in document id order) plus the shared tables, as their own steps
    checked and stored them. A shared row of a document that is not published, or naming a row its document does
    not have (a milestone of a text read without its priority actions), is left out, and `warn` says which: what
    is published never holds a key to nothing."""
    tables = {}
    for t in document_tables():
        parts = [d["tables"][t] for d in documents]
        tables[t] = pd.concat(parts, ignore_index=True) if parts else frame(t, [])
    published = {d["document_id"] for d in documents}
    for t, rows in shared.items():
        if "document_id" in rows.columns:
            rows = rows[rows["document_id"].isin(published)].reset_index(drop=True)
        if any(table_spec(r).per_document for r in table_spec(t).references):
            rows, report = without_dangling_keys(t, rows, tables)
            if not report.passed:
                keys = ", ".join(str(f.key) for f in report.failures[:10])
                warn(f"{t}: {len(report.failures)} row(s) left out, naming rows their document does not have: {keys}")
        tables[t] = rows
    return {t: tables[t] for t in TABLES}


def stored_documents(inputs: dict, warn=lambda message: None) -> list[dict]:
    """The documents whose source and every table are stored (their latest successful run), in document id
    order; a partition never checked is left out with a warning."""
    sources = inputs["source_documents"]
    documents, left_out = [], []
    for doc_id in sorted(set(sources) | {d for t in document_tables() for d in inputs[t]}):
        if doc_id not in sources or any(doc_id not in inputs[t] for t in document_tables()):
            left_out.append(doc_id)
            continue
        source = sources[doc_id]
        tables = {t: inputs[t][doc_id] for t in document_tables()}
        documents.append({"document_id": doc_id, "sha256": source.sha256, "meta": source.meta, "tables": tables})
    for doc_id in left_out:
        warn(f"document {doc_id} is left out of this release: it has no checked tables")
    return documents


def view_metadata(name: str, warehouse: Path) -> dict[str, Any]:
    """A published view's rows, columns, where it is, and the table columns each of its columns is computed from."""
    parquet = published_parquet(warehouse, name)
    lineage = dg.TableColumnLineage(
        deps_by_column={
            column: [dg.TableColumnDep(asset_key=dg.AssetKey(t), column_name=c) for t, c in pairs]
            for column, pairs in column_lineage(name).items()
            if pairs
        }
    )
    spec = view_spec(name)
    return {
        "dagster/row_count": pq.read_metadata(parquet).num_rows,
        "dagster/uri": parquet.as_uri(),
        "dagster/column_lineage": lineage,
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(c.name, c.type, description=f"{c.title_zh} / {c.title_en}") for c in spec.columns]
        ),
        "published": dg.MetadataValue.path(str(parquet)),
    }


@dg.multi_asset(
    name="publish",
    specs=SPECS,
    ins=INS,
    pool="duckdb_writer",
    op_tags={"plans/writes": "duckdb"},
    can_subset=False,
)
def publish_step(context: dg.AssetExecutionContext, paths: PlanPaths, **inputs):
    # one build at a time on these folders, whatever started it (and the folders apart: see folders_apart)
    with build_lock(paths.warehouse, paths.catalog, paths.raw):
        documents = stored_documents(inputs, warn=context.log.warning)
        partitions = context.instance.get_dynamic_partitions(DOCUMENTS)
        left_out = sorted(set(partitions) - {d["document_id"] for d in documents})
        tables = combine(documents, {t: inputs[t] for t in shared_tables()}, warn=context.log.warning)
        texts = source_texts(paths.raw, documents)
        for d in documents:
            if d["document_id"] not in texts:
                context.log.warning(
                    f"document {d['document_id']} is published as last checked (sha256 {d['sha256'][:12]}…): its "
                    "file has changed or left the manifest since, and its run has not passed again"
                )
        metas = [d["meta"] for d in documents]
        released = publish(tables, metas, texts, paths.warehouse, paths.catalog)
        index = released.index
    if released.kept:
        context.log.info(
            f"kept in the catalogue what the build does not write: {', '.join(released.kept)} (a person's files at "
            "its top are carried into every release)"
        )
    yield dg.MaterializeResult(
        asset_key="warehouse",
        metadata={
            "documents": dg.MetadataValue.json([d["document_id"] for d in documents]),
            "left_out": dg.MetadataValue.json(left_out),
            "rows": dg.MetadataValue.json({t: len(df) for t, df in tables.items()}),
            "database": dg.MetadataValue.path(str(published_database(paths.warehouse))),
            "parquet": dg.MetadataValue.path(str(paths.warehouse / PARQUET)),
        },
    )
    for name in view_names():
        yield dg.MaterializeResult(asset_key=name, metadata=view_metadata(name, paths.warehouse))
    yield dg.MaterializeResult(
        asset_key="catalog",
        metadata={
            "packages": dg.MetadataValue.md(
                "\n".join(
                    f"- {p['name']} {p['version']} ({len(p['resources'])} resources, valid: {p['validation']['valid']})"
                    for p in index["packages"]
                )
            ),
            "catalog.json": dg.MetadataValue.path(str(paths.catalog / "catalog.json")),
        },
    )
    yield dg.MaterializeResult(
        asset_key="release",
        metadata={
            "warehouse": dg.MetadataValue.path(str(paths.warehouse)),
            "catalog": dg.MetadataValue.path(str(paths.catalog)),
        },
    )
