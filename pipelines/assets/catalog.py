from pathlib import Path

import dagster as dg

from pipelines.assets.combine import TABLE_INS, combine_all
from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.publish.catalog import build_date, stage_catalog
from pipelines.publish.packages import swap_in
from pipelines.publish.warehouse import swap_warehouse
from pipelines.resources import PlanPaths


@dg.asset(
    group_name="catalog",
    owners=OWNERS,
    kinds={"frictionless", "html", "json"},
    code_version=CODE_VERSION,
    ins={"source_documents": dg.AssetIn("source_documents", metadata={"allow_missing_partitions": True}), **TABLE_INS},
    description="Frictionless data packages (one per theme and one with everything), catalog.json and the "
    "static site, built in a staging folder and validated with frictionless.",
)
def catalog(context: dg.AssetExecutionContext, paths: PlanPaths, source_documents, **inputs) -> str:
    tables, _ = combine_all(inputs)
    published = set(tables["documents"].document_id)
    # one partition loads as the value itself, several as {partition key: value}
    sources = source_documents.values() if isinstance(source_documents, dict) else [source_documents]
    metas = [d.meta for d in sorted(sources, key=lambda d: d.document_id) if d.document_id in published]
    stage, index = stage_catalog(tables, paths.catalog, build_date(metas))
    context.add_output_metadata(
        {
            "staged_at": str(stage),
            "packages": dg.MetadataValue.md(
                "\n".join(
                    f"- {p['name']} {p['version']} ({len(p['resources'])} resources, valid: {p['validation']['valid']})"
                    for p in index["packages"]
                )
            ),
        }
    )
    return str(stage)


@dg.asset(
    group_name="catalog",
    owners=OWNERS,
    kinds={"duckdb", "frictionless"},
    code_version=CODE_VERSION,
    description="Publishes the staged warehouse and catalogue together, only once both were built and "
    "validated: each file or folder is replaced by a rename, so readers never see half a build.",
)
def release(context: dg.AssetExecutionContext, paths: PlanPaths, warehouse: str, catalog: str) -> dict:
    swap_warehouse(Path(warehouse), paths.warehouse)
    swap_in(Path(catalog), paths.catalog)
    context.add_output_metadata({"warehouse": str(paths.warehouse), "catalog": str(paths.catalog)})
    return {"warehouse": str(paths.warehouse), "catalog": str(paths.catalog)}
