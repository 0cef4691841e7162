"""The one Definitions object of the code location (pyproject's [tool.dg] and workspace.yaml point here)."""

import dagster as dg

from pipelines.assets.common import STORE
from pipelines.assets.documents import document_tables_step
from pipelines.assets.publish import publish_step
from pipelines.assets.shared import SHARED_ASSETS
from pipelines.assets.store import CheckedStore
from pipelines.jobs import build_catalog, build_documents
from pipelines.partitions import DOCUMENTS
from pipelines.resources import PlanPaths
from pipelines.sensors import raw_manifest_sensor

ASSETS = [document_tables_step, *SHARED_ASSETS, publish_step]

# Declarative automation: the shared tables are made when missing, and the warehouse, catalogue and release follow
# any upstream materialization (their automation conditions), evaluated by Dagster's default automation sensor,
# switched on here so that a new instance publishes without a click.
automation = dg.AutomationConditionSensorDefinition(
    "default_automation_condition_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Evaluates the assets' automation conditions: republishes after any materialization upstream.",
)


@dg.schedule(
    job=build_documents,
    cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuild every document at 03:00 (off until switched on); declarative automation then "
    "republishes the warehouse and catalogue.",
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
        sensors=[raw_manifest_sensor, automation],
        resources={"paths": PlanPaths.from_env(), STORE: CheckedStore()},
        executor=executor,
    )


# One machine by default: every step in the run's own process (DuckDB's single writer is never contended).
defs = make_definitions(dg.in_process_executor)
