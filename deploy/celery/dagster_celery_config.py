"""Celery settings of the workers (`dagster-celery worker start -y deploy/celery/run_config.yaml` puts this folder
on the workers' PYTHONPATH, and dagster_celery's app reads this module): the broker and result backend the runs
use, from the same environment variables as deploy/celery/run_config.yaml."""

import os

broker_url = os.environ["CELERY_BROKER_URL"]
result_backend = os.environ["CELERY_RESULT_BACKEND"]
# one step at a time per worker process: a step is seconds of CPU, not I/O
worker_prefetch_multiplier = 1
