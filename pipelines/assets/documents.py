"""Every selected document in one step: verified source → document model → one checked table per contract table.

Each output is a partitioned asset stored by the CheckedStore IO manager (pipelines/assets/store.py), one file
per document, so `load_asset_value("indicators", partition_key=DOCUMENT_ID)` gives that document's rows.

Health per document: the checks (verified, parsed, valid, complete, reviewed, plan_agrees_with_itself) are
partitioned by document and evaluated once per document of the run, so a failing document leaves the others
green. A run is all or nothing: when any document of it has a blocking problem, nothing of the run is stored,
its log carries every problem at ERROR and the run fails with all of them, grouped by check with a count
(file, line, table, row and the fix). The sensor and the UI run one document per run; the command line runs
every document in one run (a partition range) and publishes only when all pass.
"""

import warnings
from collections.abc import Mapping
from typing import Any

import dagster as dg

from pipelines.assets.audit import AUDIT_CHECK, audit_description, disagreements
from pipelines.assets.common import CODE_VERSION, OWNERS, STORE
from pipelines.partitions import documents_partitions
from pipelines.process import (
    BLOCKING_CHECKS,
    COMPLETE_CHECK,
    MODEL_CHECK,
    REVIEW_CHECK,
    SOURCE_CHECK,
    VALID_CHECK,
    VALID_ROWS,
    Batch,
    DocumentOutcome,
    document_tables,
    problem_report,
    problems,
    process_documents,
)
from pipelines.publish.warehouse.release import published_parquet, table_name
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


def table_metadata(table: str) -> dict[str, Any]:
    """What the UI shows of a contract table: its columns, key, and the DuckDB table it is published as."""
    spec = table_spec(table)
    return {
        "dagster/column_schema": dagster_table_schema(table),
        "dagster/table_name": table_name(table),
        "primary_key": ", ".join(spec.primary_key),
    }


def table_description(table: str) -> str:
    spec = table_spec(table)
    return f"{spec.title_zh} / {spec.title_en}. {spec.description_en}"


def table_out(table: str, **kw) -> dg.AssetOut:
    """The asset of a contract table (a document's or a shared one), stored by the CheckedStore."""
    return dg.AssetOut(
        group_name="tables",
        owners=OWNERS,
        kinds={"pandas", "pandera"},
        code_version=CODE_VERSION,
        io_manager_key=STORE,
        description=table_description(table),
        metadata=table_metadata(table),
        **kw,
    )


OUTS = {
    "source_documents": dg.AssetOut(
        group_name="sources",
        owners=OWNERS,
        kinds={"yaml", "text"},
        code_version=CODE_VERSION,
        io_manager_key=STORE,
        is_required=False,
        description="One plan text listed in raw/sources.yaml, verified against its sha256 (also its data "
        "version) and decoded.",
    ),
    "plan_documents": dg.AssetOut(
        group_name="document",
        owners=OWNERS,
        kinds={"python"},
        code_version=CODE_VERSION,
        io_manager_key=STORE,
        is_required=False,
        description="The document model of one plan: normalised text, outline, paragraphs, boxes, indicator "
        "tables and the annex table, every block knowing its source lines.",
    ),
    # a run may select some tables only (the UI's "materialize" on one of them)
    **{t: table_out(t, is_required=False) for t in document_tables()},
}
INTERNAL_DEPS = {
    "source_documents": set(),
    "plan_documents": {dg.AssetKey("source_documents")},
    **{t: {dg.AssetKey("plan_documents")} for t in document_tables()},
}


def _check_spec(name: str, asset: str, description: str) -> dg.AssetCheckSpec:
    """A document check, partitioned by document; blocking when it is one of BLOCKING_CHECKS."""
    with warnings.catch_warnings():
        # Partitioned checks are what gives each document its own health (a preview API in Dagster 1.13).
        warnings.simplefilter("ignore", dg.PreviewWarning)
        return dg.AssetCheckSpec(
            name,
            asset=asset,
            blocking=name in BLOCKING_CHECKS,
            partitions_def=documents_partitions,
            description=description,
        )


CHECKS = [
    _check_spec(
        SOURCE_CHECK,
        "source_documents",
        "The file is listed in raw/sources.yaml, lies inside raw/, matches its sha256, "
        "decodes in its declared encoding and is not empty.",
    ),
    _check_spec(
        MODEL_CHECK,
        "plan_documents",
        "The document model (outline, paragraphs, boxes, tables, annex) and every table "
        "extractor read the text without error; each stopped extractor names its file, line and fix.",
    ),
    _check_spec(
        VALID_CHECK,
        "plan_documents",
        "Every table of the document passes its pandera declaration (types, keys, numbering, "
        "allowed values, clean text) and its keys resolve (foreign keys into the document's own tables and "
        "the shared vocabularies).",
    ),
    _check_spec(
        COMPLETE_CHECK,
        "plan_documents",
        "Warns where the document gives a table no row: a part the text does not have (no "
        "annex, no indicator table), or one the reader did not recognise. Published all the same.",
    ),
    _check_spec(
        REVIEW_CHECK,
        "plan_documents",
        "Warns while anything of the document waits for a person: English not reviewed for its "
        "exact Chinese (or reviewed for an earlier wording: stale), undecided figures, undeclared table "
        "roles, unconfirmed annex links, and parts of the structure not found. Published as pending "
        "meanwhile; `python -m pipelines review DOCUMENT_ID` lists them.",
    ),
    _check_spec(
        AUDIT_CHECK,
        AUDITED,
        audit_description(),
    ),
]


def _evaluation(asset: str, check: str, doc_id: str, passed: bool, description: str, **metadata):
    blocking = check in BLOCKING_CHECKS
    return dg.AssetCheckEvaluation(
        asset_key=dg.AssetKey(asset),
        check_name=check,
        passed=passed,
        partition=doc_id,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        blocking=blocking,
        description=description,
        metadata=metadata,
    )


def row_counts(batch: Batch) -> dict[str, dict[str, int]]:
    """document → table → how many rows of it passed, for every document table (0 where a document has none)."""
    tables = [t for t in document_tables() if t in batch.tables]
    counts = {t: batch.tables[t]["document_id"].value_counts().to_dict() for t in tables}
    return {d: {t: int(counts.get(t, {}).get(d, 0)) for t in document_tables()} for d in batch.outcomes}


def evaluations(batch: Batch, out: DocumentOutcome, rows: dict[str, int]) -> list[dg.AssetCheckEvaluation]:
    """One document's checks, as far as its run reached (a source that cannot be read is not parsed); `rows`, its
    row count per table, goes with its `valid` check (each table's count is on its materialization too)."""
    doc = out.document_id
    found = problems(out)

    def result(check: str, asset: str = "plan_documents", metadata: dict | None = None) -> dg.AssetCheckEvaluation:
        items = found.get(check, [])
        text = "\n".join(f"- {i}" for i in items) if items else "passed"
        return _evaluation(asset, check, doc, not items, text, problems=len(items), **(metadata or {}))

    done = [result(SOURCE_CHECK, "source_documents")]
    if out.stage == SOURCE_CHECK:
        return done
    done.append(result(MODEL_CHECK))
    if out.model is None:
        return done
    done.append(result(VALID_CHECK, metadata={VALID_ROWS: dg.MetadataValue.json(rows)} if out.passed else None))
    empty = sorted({f.table for f in out.warnings})
    done.append(
        _evaluation(
            "plan_documents",
            COMPLETE_CHECK,
            doc,
            not empty,
            f"no row in: {', '.join(empty)}" if empty else "every table has rows",
            empty_tables=len(empty),
        )
    )
    waiting = [*out.findings] + ([out.review.summary()] if out.review is not None and out.review.items else [])
    done.append(
        _evaluation(
            "plan_documents",
            REVIEW_CHECK,
            doc,
            not waiting,
            "; ".join(waiting) or "nothing waits for review",
            waiting=len(out.review.items) if out.review is not None else 0,
        )
    )
    consistency = batch.checked.get(AUDITED)
    if consistency is not None:
        mine = consistency[consistency["document_id"] == doc]
        bad = disagreements(mine)
        done.append(
            _evaluation(
                AUDITED,
                AUDIT_CHECK,
                doc,
                not bad,
                f"{len(bad)} of {len(mine)} checks disagree" if bad else "all agree",
                disagreements=dg.MetadataValue.md("\n".join(bad) or "none"),
            )
        )
    return done


def _value(values: Mapping[str, object], keys: list[str]):
    """What an output stores: the one document's value, or document_id → value for a range of documents."""
    return values[keys[0]] if len(keys) == 1 else values


def _outputs(context: dg.AssetExecutionContext, batch: Batch, keys: list[str], paths: PlanPaths, selected: set[str]):
    """The selected outputs of the documents `keys`, each document's row counts on its own materialization where
    the instance is kept. Dagster checks every such call against the run's whole range, so a run of N documents
    pays N² for them (12 s at 100 documents, measured); the command line's ephemeral instance, which nobody reads
    after the build, goes without (each document's counts are on its `valid` check all the same)."""
    split = by_document({t: batch.tables[t] for t in document_tables()}, keys)
    tables = {t: {d: split[d][t] for d in keys} for t in document_tables()}
    sources = {d: batch.outcomes[d].source for d in keys}
    models = {d: batch.outcomes[d].model for d in keys}
    one = keys[0] if len(keys) == 1 else None
    source_meta: dict[str, Any] = {"documents": len(keys)}
    if one is not None:
        source = sources[one]
        assert source is not None
        source_meta |= {"path": dg.MetadataValue.path(str(paths.raw / source.path)), "sha256": source.sha256}
    if "source_documents" in selected:
        yield dg.Output(_value(sources, keys), "source_documents", metadata=source_meta)
    model_meta: dict[str, Any] = {"documents": len(keys)}
    if one is not None and models[one] is not None:
        model = models[one]
        assert model is not None
        model_meta |= {
            "outline_entries": len(model.sections),
            "paragraphs": len(model.paragraphs),
            "boxes": len(model.boxes),
            "indicator_tables": len(model.tables),
            "layout": model.layout.kind,
        }
    if "plan_documents" in selected:
        yield dg.Output(_value(models, keys), "plan_documents", metadata=model_meta)
    for t in document_tables():
        if t not in selected:
            continue
        metadata: dict[str, Any] = {
            "dagster/uri": published_parquet(paths.warehouse, t).as_uri(),
            "published": dg.MetadataValue.path(str(published_parquet(paths.warehouse, t))),
        }
        if len(keys) == 1 or not context.instance.is_ephemeral:
            for d, frame in tables[t].items():  # each document's materialization carries its own row count
                context.add_asset_metadata({"dagster/row_count": len(frame)}, asset_key=t, partition_key=d)
        yield dg.Output(_value(tables[t], keys), t, metadata=metadata)


@dg.multi_asset(
    name="document_tables",
    outs=OUTS,
    internal_asset_deps=INTERNAL_DEPS,
    check_specs=CHECKS,
    partitions_def=documents_partitions,
    # the UI's backfills and the sensor run one document per run (its own health); the command line a range
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    can_subset=True,  # one table alone may be materialized (the UI); the checks come per document, as evaluations
)
def document_tables_step(context: dg.AssetExecutionContext, paths: PlanPaths):
    keys = list(context.partition_keys)
    batch = process_documents(paths.raw, keys)
    checks = context.selected_asset_check_keys
    rows = row_counts(batch)
    for doc_id in keys:
        for evaluation in evaluations(batch, batch.outcomes[doc_id], rows[doc_id]):
            if dg.AssetCheckKey(evaluation.asset_key, evaluation.check_name) in checks:
                yield evaluation  # yielded, not logged: a run that fails next keeps them
    failed = [batch.outcomes[d] for d in batch.failed]
    if failed:
        report = "\n\n".join(problem_report(out) for out in failed)
        context.log.error(report)
        count = sum(sum(map(len, problems(out).values())) for out in failed)
        raise dg.Failure(
            description=f"{len(failed)} of {len(keys)} document(s) failed with {count} problem(s); nothing of "
            f"this run was stored.\n\n{report}",
            metadata={"failed_documents": dg.MetadataValue.json([o.document_id for o in failed])},
            allow_retries=False,
        )
    selected = {k.to_user_string() for k in context.selected_asset_keys}
    yield from _outputs(context, batch, keys, paths, selected)
