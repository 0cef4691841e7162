"""The code location with the Celery executor: each step is a Celery task (workspace.yaml beside this file).

Workers: `dagster-celery worker start -A dagster_celery.app -y deploy/celery/run_config.yaml`.
"""

from dagster_celery import celery_executor

from pipelines.definitions import make_definitions

defs = make_definitions(celery_executor)
