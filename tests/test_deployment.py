"""The scale-out deployment, run for real: Dagster's own PostgreSQL storage (dagster-postgres) and the Celery
executor with a Redis broker and two workers, as deploy/celery/ configures them, over several documents.

Needs PostgreSQL and Redis on localhost (.ci/run installs and starts Debian's postgresql and redis-server): a
role that may create databases (PLANS_PG_USER / PLANS_PG_PASSWORD, default plans / plans) and Redis on port
6379. Without them the tests skip with the reason; with PLANS_REQUIRE_DEPLOYMENT=1 (CI) they fail instead.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.helpers import DOC_ID, ROOT, make_raw, relative_digest, seed_text

pytestmark = [pytest.mark.slow, pytest.mark.deployment]

BIN = Path(sys.executable).parent
PG = {
    "host": os.environ.get("PLANS_PG_HOST", "localhost"),
    "user": os.environ.get("PLANS_PG_USER", "plans"),
    "password": os.environ.get("PLANS_PG_PASSWORD", "plans"),
}
REDIS = os.environ.get("PLANS_REDIS_URL", "redis://localhost:6379")
COPIES = ["copy-a", "copy-b"]


def _unavailable(reason: str):
    if os.environ.get("PLANS_REQUIRE_DEPLOYMENT") == "1":
        pytest.fail(f"the deployment tests must run here (PLANS_REQUIRE_DEPLOYMENT=1): {reason}")
    pytest.skip(reason)


def _redis_answers() -> bool:
    host, _, port = REDIS.removeprefix("redis://").partition(":")
    try:
        with socket.create_connection((host, int(port or 6379)), timeout=3) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def database():
    """A fresh PostgreSQL database for this module's instance, dropped afterwards."""
    import psycopg2

    try:
        admin = psycopg2.connect(dbname="postgres", connect_timeout=5, **PG)
    except psycopg2.OperationalError as exc:
        _unavailable(f"no PostgreSQL at {PG['host']} for role {PG['user']}: {str(exc).strip()}")
    if not _redis_answers():
        _unavailable(f"no Redis answering at {REDIS}")
    name = f"plans_test_{uuid.uuid4().hex[:8]}"
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def deployment(database, tmp_path_factory):
    """DAGSTER_HOME with deploy/celery/dagster.yaml, a raw/ of three documents, and two Celery workers."""
    from tests.test_dagster import add_copy

    root = tmp_path_factory.mktemp("deployment")
    home = root / "home"
    home.mkdir()
    (home / "dagster.yaml").write_bytes((ROOT / "deploy" / "celery" / "dagster.yaml").read_bytes())
    raw = make_raw(root / "raw")
    for doc_id in COPIES:
        add_copy(raw, doc_id, seed_text(), vocabulary_of=DOC_ID)
    broker = f"{REDIS}/{7 + uuid.uuid4().int % 8}"  # a database of its own, away from a developer's 0
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "DAGSTER_PG_HOST": PG["host"],
        "DAGSTER_PG_USERNAME": PG["user"],
        "DAGSTER_PG_PASSWORD": PG["password"],
        "DAGSTER_PG_DB": database,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(root / "wh"),
        "PLANS_CATALOG_DIR": str(root / "cat"),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    config = str(ROOT / "deploy" / "celery" / "run_config.yaml")
    # the storage's tables made once, before the workers start: two workers creating them at once in an empty
    # database race ("type job_ticks already exists", seen in CI), as deploy/README.md says
    migrate = subprocess.run([str(BIN / "dagster"), "instance", "migrate"], env=env, capture_output=True, text=True)
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    workers = []
    for n in (1, 2):
        log = open(root / f"worker{n}.log", "wb")  # noqa: SIM115  (closed below)
        workers.append(
            (
                subprocess.Popen(
                    [str(BIN / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app", "-y", config]
                    + ["-n", f"plans{n}-{database}", "--", "--concurrency=1"],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                ),
                log,
            )
        )
    try:
        deadline = time.monotonic() + 120
        while not all(
            f"plans{n}-{database}@" in (root / f"worker{n}.log").read_text(errors="replace")
            and "ready" in (root / f"worker{n}.log").read_text(errors="replace")
            for n in (1, 2)
        ):
            if time.monotonic() > deadline or any(p.poll() is not None for p, _ in workers):
                logs = "\n".join((root / f"worker{n}.log").read_text(errors="replace")[-2000:] for n in (1, 2))
                pytest.fail(f"the Celery workers did not start:\n{logs}")
            time.sleep(1)
        yield {"root": root, "env": env, "config": config, "raw": raw}
    finally:
        for proc, log in workers:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
            log.close()


def _dagster(deployment, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(BIN / "dagster"), *args],
        cwd=ROOT,
        env=deployment["env"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result


@pytest.fixture(scope="module")
def ran(deployment):
    """The main job through the deployment: the documents in one run, then the catalogue, on the workers."""
    import dagster as dg

    env = deployment["env"]
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with dg.DagsterInstance.get() as instance:
            instance.add_dynamic_partitions("documents", [DOC_ID, *COPIES])
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    tags = {"dagster/asset_partition_range_start": DOC_ID, "dagster/asset_partition_range_end": COPIES[-1]}
    location = ["-f", str(ROOT / "deploy" / "celery" / "definitions.py"), "-c", deployment["config"]]
    _dagster(deployment, "job", "execute", *location, "-j", "build_documents", "--tags", json.dumps(tags))
    _dagster(deployment, "job", "execute", *location, "-j", "build_catalog")
    return deployment


def test_the_deployment_publishes_what_the_local_build_publishes(ran, tmp_path):
    root = ran["root"]
    local = subprocess.run(
        [sys.executable, "-m", "pipelines", "build"],
        cwd=ROOT,
        env={
            **os.environ,
            "PLANS_RAW_DIR": str(ran["raw"]),
            "PLANS_WAREHOUSE_DIR": str(tmp_path / "wh"),
            "PLANS_CATALOG_DIR": str(tmp_path / "cat"),
        },
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert local.returncode == 0, local.stderr[-3000:]
    for folder in ("cat", "wh/parquet"):
        theirs, ours = relative_digest(root / folder), relative_digest(tmp_path / folder)
        assert theirs == ours and len(ours) > 20, folder
    index = json.loads((root / "cat" / "catalog.json").read_text(encoding="utf-8"))
    assert [d["document_id"] for d in index["documents"]] == [DOC_ID, *COPIES]


def test_the_postgres_event_log_holds_the_runs_and_both_workers_ran_steps(ran):
    import dagster as dg
    from dagster._core.storage.dagster_run import DagsterRunStatus

    env = ran["env"]
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with dg.DagsterInstance.get() as instance:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
            assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
            runs = instance.get_runs()
            assert sorted((r.job_name, r.status) for r in runs) == [
                ("build_catalog", DagsterRunStatus.SUCCESS),
                ("build_documents", DagsterRunStatus.SUCCESS),
            ]
            assert instance.get_materialized_partitions(dg.AssetKey("indicators")) == {DOC_ID, *COPIES}
            for run in runs:
                logs = instance.all_logs(run.run_id)
                submitted = [e for e in logs if "Submitting celery task" in (e.user_message or "")]
                assert submitted, run.job_name
            catalog_run = next(r for r in runs if r.job_name == "build_catalog")
            starts = [
                e.dagster_event
                for e in instance.all_logs(catalog_run.run_id)
                if e.dagster_event and e.dagster_event.event_type_value == "STEP_START"
            ]
            from pipelines.assets.shared import SHARED_ASSETS

            assert len(starts) == len(SHARED_ASSETS) + 1  # the shared tables and the publishing step
            assert len({e.pid for e in starts}) == 2, "both workers should have run steps"
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
