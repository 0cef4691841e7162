import dagster as dg

from pipelines.assets.combine import TABLE_INS, combine_all
from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.publish.warehouse import stage_warehouse
from pipelines.resources import PlanPaths


@dg.asset(
    group_name="warehouse",
    owners=OWNERS,
    kinds={"duckdb", "parquet"},
    code_version=CODE_VERSION,
    ins=TABLE_INS,
    pool="duckdb_writer",
    op_tags={"plans/writes": "duckdb"},
    description="plans.duckdb (every document's tables with keys, views and bilingual comments) and "
    "parquet/<table>.parquet, written into a staging folder; `release` swaps them in.",
)
def warehouse(context: dg.AssetExecutionContext, paths: PlanPaths, **inputs) -> str:
    tables, excluded = combine_all(inputs)
    for doc_id, why in excluded.items():
        context.log.warning(f"document {doc_id} is left out of this release: {why}")
    stage = stage_warehouse(tables, paths.warehouse)
    context.add_output_metadata(
        {
            "staged_at": str(stage),
            "left_out": dg.MetadataValue.json(excluded),
            "documents": dg.MetadataValue.json(sorted(set(tables["documents"].document_id))),
            "rows": dg.MetadataValue.json({t: len(df) for t, df in tables.items()}),
        }
    )
    return str(stage)
