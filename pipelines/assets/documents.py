"""Every selected document in one step: verified source → document model → one checked table per contract table.

One multi-asset, so a run costs one step whatever the number of documents: the sensor's run for one
changed document and the command line's run for a hundred alike (single-run backfill policy). Each
asset keeps its own key, group, column schema and blocking checks in the UI, and each document its own
partition: a document that fails a check is not materialized, its checked tables are forgotten, and
the other documents of the run are materialized and stored.
"""

import dagster as dg

from pipelines.assets import store
from pipelines.assets.audit import audit_result, audit_spec
from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.checks import check_result, check_specs, stage_check_specs
from pipelines.partitions import documents_partitions
from pipelines.process import (
    MODEL_CHECK,
    REVIEW_CHECK,
    SOURCE_CHECK,
    Batch,
    checks_of,
    document_tables,
    process_documents,
)
from pipelines.resources import PlanPaths
from schemas.frames import by_document
from schemas.spec import table_spec

AUDITED = "indicator_consistency"  # the plan audited against itself: a warning, never blocking


def dagster_table_schema(table: str) -> dg.TableSchema:
    spec = table_spec(table)
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                c.name,
                c.type,
                description=f"{c.title_zh} / {c.title_en}: {c.description_en}",
                constraints=dg.TableColumnConstraints(nullable=c.nullable),
            )
            for c in spec.columns
        ]
    )


def table_asset_spec(table: str, deps: list[str], **kw) -> dg.AssetSpec:
    spec = table_spec(table)
    return dg.AssetSpec(
        table,
        deps=deps,
        group_name="tables",
        owners=OWNERS,
        kinds={"pandas", "pandera"},
        code_version=CODE_VERSION,
        description=f"{spec.title_zh} / {spec.title_en}. {spec.description_en}",
        metadata={"dagster/column_schema": dagster_table_schema(table), "primary_key": ", ".join(spec.primary_key)},
        **kw,
    )


SPECS = [
    dg.AssetSpec(
        "source_documents",
        group_name="sources",
        owners=OWNERS,
        kinds={"yaml", "text"},
        code_version=CODE_VERSION,
        skippable=True,
        description="One plan text listed in raw/sources.yaml, verified against its sha256 (also its data "
        "version) and decoded.",
    ),
    dg.AssetSpec(
        "plan_documents",
        deps=["source_documents"],
        group_name="document",
        owners=OWNERS,
        kinds={"python"},
        code_version=CODE_VERSION,
        skippable=True,
        description="The document model of one plan: normalised text, outline, paragraphs, boxes, indicator "
        "tables and the annex table, every block knowing its source lines.",
    ),
    *[table_asset_spec(t, ["plan_documents", *table_spec(t).references], skippable=True) for t in document_tables()],
]
CHECKS = [*stage_check_specs(), *(c for t in document_tables() for c in check_specs(t)), audit_spec(AUDITED)]


def _review_result(batch: Batch) -> dg.AssetCheckResult:
    """What waits for a person, per document: a warning naming each document, its counts and stale items."""
    lines = []
    for doc_id, out in batch.outcomes.items():
        if out.review is not None and (out.review.items or out.findings):
            lines += [f"[{doc_id}] {f}" for f in out.findings]
            if out.review.items:
                lines.append(f"[{doc_id}] {out.review.summary()}")
    return dg.AssetCheckResult(
        asset_key="plan_documents",
        check_name=REVIEW_CHECK,
        passed=not lines,
        severity=dg.AssetCheckSeverity.WARN,
        description="; ".join(lines) if lines else "nothing waits for review",
        metadata={"documents": len(batch.outcomes), "waiting": len(lines)},
    )


def _stage_result(batch: Batch, asset: str, stage: str) -> dg.AssetCheckResult:
    errors = [str(o.error) for o in batch.outcomes.values() if o.stage == stage and o.error is not None]
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=stage,
        passed=not errors,
        description="; ".join(errors) if errors else f"{len(batch.outcomes)} document(s) passed",
        metadata={"documents": len(batch.outcomes), "failed": len(errors)},
    )


def _materializations(batch: Batch) -> list[dg.AssetMaterialization]:
    rows = {t: df.groupby("document_id", sort=False).size().to_dict() for t, df in batch.tables.items()}
    events = []
    for doc_id in batch.passed:
        out = batch.outcomes[doc_id]
        assert out.source is not None and out.model is not None
        events.append(
            dg.AssetMaterialization(
                "source_documents",
                partition=doc_id,
                metadata={
                    "path": f"raw/{out.source.path}",
                    "lines": len(out.source.lines),
                    "sha256": out.source.sha256,
                },
                tags={"dagster/data_version": out.source.sha256},
            )
        )
        events.append(
            dg.AssetMaterialization(
                "plan_documents",
                partition=doc_id,
                metadata={
                    "outline_entries": len(out.model.sections),
                    "paragraphs": len(out.model.paragraphs),
                    "boxes": len(out.model.boxes),
                    "indicator_tables": len(out.model.tables),
                    "layout": out.model.layout.kind,
                },
            )
        )
        for t in document_tables():
            events.append(
                dg.AssetMaterialization(t, partition=doc_id, metadata={"dagster/row_count": rows[t].get(doc_id, 0)})
            )
    return events


@dg.multi_asset(
    name="document_tables",
    specs=SPECS,
    check_specs=CHECKS,
    partitions_def=documents_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    can_subset=True,  # so that a check is reported only when its table was reached (outputs are optional)
)
def document_tables_step(context: dg.AssetExecutionContext, paths: PlanPaths):
    doc_ids = list(context.partition_keys)
    batch = process_documents(paths.raw, doc_ids)
    for doc_id, tables in by_document(batch.tables, batch.passed).items():
        out = batch.outcomes[doc_id]
        assert out.source is not None
        store.save(context.instance, doc_id, out.source.sha256, out.source.meta, tables)
    for doc_id in batch.failed:
        store.forget(context.instance, doc_id)
    selected = context.selected_asset_keys
    for event in _materializations(batch):
        if event.asset_key in selected:
            context.log_event(event)
    results = [
        _stage_result(batch, "source_documents", SOURCE_CHECK),
        _stage_result(batch, "plan_documents", MODEL_CHECK),
        _review_result(batch),
    ]
    if batch.reports:  # some document reached the tables: their checks ran
        results += [check_result(t, name, batch.reports[(t, name)]) for t in document_tables() for name in checks_of(t)]
        results.append(audit_result(AUDITED, batch.tables[AUDITED]))
    checks = context.selected_asset_check_keys
    yield from (r for r in results if r.asset_key and dg.AssetCheckKey(r.asset_key, str(r.check_name)) in checks)
