"""One asset per published table: extract → validate (blocking checks) → DataFrame.

Tables are partitioned by document, except `departments`, the shared vocabulary. When a blocking
check fails the asset records the check results and fails without storing its output, so the last
good version of that document's table is what the warehouse and catalogue keep using.
"""

import dagster as dg
import pandas as pd

from pipelines.assets.audit import audit_result, audit_spec
from pipelines.assets.combine import SOURCE_SHA
from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.checks import check_specs, referenced_tables, run_checks
from pipelines.errors import PlanDataError
from pipelines.extract.tables import extract_table
from pipelines.jobs import SHARED_TABLES  # noqa: E402  (one table for every document: not partitioned)
from pipelines.partitions import documents_partitions
from schemas.registry import TABLES
from schemas.spec import table_spec


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


def _preview(df: pd.DataFrame, rows: int = 5) -> str:
    head = df.head(rows).astype("string").fillna("")
    for col in head.columns:
        head[col] = head[col].str.slice(0, 40).str.replace("|", "\\|", regex=False)
    lines = ["| " + " | ".join(head.columns) + " |", "|" + " --- |" * len(head.columns)]
    lines += ["| " + " | ".join(r) + " |" for r in head.itertuples(index=False, name=None)]
    return "\n".join(lines)


def build_table_asset(table: str) -> dg.AssetsDefinition:
    spec = table_spec(table)
    shared = table in SHARED_TABLES
    refs = referenced_tables(table)
    # The shared vocabulary is not an input of per-document runs: it is read from its declaration's source.
    ins = {r: dg.AssetIn(r) for r in refs if r not in SHARED_TABLES}
    if not shared:
        ins["plan_documents"] = dg.AssetIn("plan_documents")
    column_schema = dagster_table_schema(table)
    audited = table == "indicator_consistency"

    @dg.asset(
        name=table,
        group_name="tables",
        ins=ins,
        owners=OWNERS,
        kinds={"pandas", "pandera"},
        code_version=CODE_VERSION,
        check_specs=check_specs(table) + ([audit_spec(table)] if audited else []),
        partitions_def=None if shared else documents_partitions,
        description=f"{spec.title_zh} / {spec.title_en}. {spec.description_en}",
        metadata={"dagster/column_schema": column_schema, "primary_key": ", ".join(spec.primary_key)},
    )
    def _table(context: dg.AssetExecutionContext, **inputs):
        doc = inputs.pop("plan_documents", None)
        docs = [doc] if doc is not None else []
        inputs.update({r: extract_table(r, []) for r in refs if r in SHARED_TABLES})
        df = extract_table(table, docs)
        valid, results = run_checks(table, df, inputs, [d.document_id for d in docs])
        yield from results
        if audited:
            yield audit_result(valid)
        failed = [r.description for r in results if not r.passed]
        if failed:
            raise PlanDataError(
                "; ".join(failed),
                document_id=doc.document_id if doc else None,
                table=table,
                hint="nothing of this document is published until its checks pass",
            )
        if doc is not None:
            valid.attrs[SOURCE_SHA] = doc.source.sha256  # lets the release keep a document's tables together
        yield dg.Output(
            valid,
            metadata={
                "dagster/row_count": len(valid),
                "dagster/column_schema": column_schema,
                "preview": dg.MetadataValue.md(_preview(valid)),
            },
        )

    return _table


TABLE_ASSETS = [build_table_asset(t) for t in TABLES]
