"""The one Definitions object of the code location (workspace.yaml points here)."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.audit import indicator_consistency_agrees
from pipelines.assets.catalog import catalog, release
from pipelines.assets.document import plan_documents
from pipelines.assets.sources import source_documents
from pipelines.assets.tables import TABLE_ASSETS
from pipelines.assets.warehouse import warehouse
from pipelines.resources import PlanPaths

ASSETS = [source_documents, plan_documents, *TABLE_ASSETS, warehouse, catalog, release]

build_catalog = dg.define_asset_job(
    "build_catalog", selection=dg.AssetSelection.all(),
    description="Everything from raw/ to warehouse/ and catalog/: the same work as `python -m pipelines build`.")

daily_rebuild = dg.ScheduleDefinition(
    name="daily_rebuild", job=build_catalog, cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuild the warehouse and catalogue every day at 03:00 (off until switched on).")

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=[indicator_consistency_agrees],
    jobs=[build_catalog],
    schedules=[daily_rebuild],
    resources={"paths": PlanPaths()},
)
