"""The one Definitions object of the code location (workspace.yaml points here)."""

import dagster as dg

from pipelines.assets.documents import document_tables_step
from pipelines.assets.publish import publish_step
from pipelines.assets.shared import SHARED_ASSETS
from pipelines.jobs import build_catalog, build_documents
from pipelines.partitions import DOCUMENTS
from pipelines.resources import PlanPaths
from pipelines.sensors import publish_after_documents, raw_manifest_sensor

ASSETS = [document_tables_step, *SHARED_ASSETS, publish_step]


@dg.schedule(
    job=build_documents,
    cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuild every document at 03:00 (off until switched on); publish_after_documents then "
    "rebuilds the warehouse and catalogue.",
)
def daily_rebuild(context: dg.ScheduleEvaluationContext):
    keys = context.instance.get_dynamic_partitions(DOCUMENTS)
    return [dg.RunRequest(partition_key=k, run_key=f"{k}:{context.scheduled_execution_time:%Y-%m-%d}") for k in keys]


def make_definitions(executor: dg.ExecutorDefinition) -> dg.Definitions:
    """The code location with a given executor: in-process here, multiprocess or Celery in deploy/."""
    return dg.Definitions(
        assets=ASSETS,
        jobs=[build_documents, build_catalog],
        schedules=[daily_rebuild],
        sensors=[raw_manifest_sensor, publish_after_documents],
        resources={"paths": PlanPaths()},
        executor=executor,
    )


# One machine by default: every step in the run's own process (DuckDB's single writer is never contended).
defs = make_definitions(dg.in_process_executor)
