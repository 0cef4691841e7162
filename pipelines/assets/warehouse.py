import dagster as dg

from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.publish.warehouse import stage_warehouse
from pipelines.resources import PlanPaths
from schemas.registry import TABLES


@dg.asset(group_name="warehouse", owners=OWNERS, kinds={"duckdb", "parquet"}, code_version=CODE_VERSION,
          ins={t: dg.AssetIn(t) for t in TABLES}, pool="duckdb_writer",
          description="plans.duckdb (tables with keys and bilingual comments) and parquet/<table>.parquet, "
                      "written into a staging folder under the warehouse folder; `release` swaps them in.")
def warehouse(context: dg.AssetExecutionContext, paths: PlanPaths, **tables) -> str:
    stage = stage_warehouse(tables, paths.warehouse)
    context.add_output_metadata({"staged_at": str(stage),
                                 "rows": dg.MetadataValue.json({t: len(df) for t, df in tables.items()})})
    return str(stage)
