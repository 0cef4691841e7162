"""The Dagster UI starts from workspace.yaml and its GraphQL API lists the assets and their checks; a run of
`dagster job execute` on a real instance honours the PLANS_* folders."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from schemas.registry import TABLES
from tests.browser import ARGS, require_chromium
from tests.helpers import DOC_ID, QUIET, ROOT, make_raw

pytestmark = pytest.mark.slow  # starts dg dev and Dagster CLI processes

DAGSTER = str(Path(sys.executable).parent / "dagster")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def ui(tmp_path_factory):
    """`python3 tasks.py ui` (dg dev) on a fresh home, over a raw/ holding the plan and a broken copy of it: the
    manifest sensor starts a run per document at once, and the broken one fails."""
    from tests.test_dagster import BROKEN, add_copy, broken_text

    root = tmp_path_factory.mktemp("ui")
    raw = make_raw(root / "raw")
    add_copy(raw, BROKEN, broken_text(), vocabulary_of=DOC_ID)
    port = _free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(root / "home"),
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(root / "wh"),
        "PLANS_CATALOG_DIR": str(root / "cat"),
    }
    log = root / "ui.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "tasks.py", "ui", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
                break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail("dg dev did not answer within 120 s:\n" + log.read_text(errors="replace")[-3000:])
        yield {"port": port, "log": log, "home": root / "home"}
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # dg dev shuts its code servers and daemon down on Ctrl-C
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def test_the_ui_starts_without_a_warning(ui):
    """dg dev in a home with the project's dagster.yaml: no Python warning, no WARNING line while it starts."""
    assert (ui["home"] / "dagster.yaml").read_bytes() == (ROOT / "deploy" / "local" / "dagster.yaml").read_bytes()
    text = ui["log"].read_text(errors="replace")
    startup = text.split("Serving dagster-webserver", 1)[0]
    assert "Serving dagster-webserver" in text
    flagged = [
        line
        for line in startup.splitlines()
        if re.search(r"Warning\b|\bWARNING\b|superseded|deprecated|does not match", line)
        and " - dagster - DEBUG - " not in line  # a run's own events (a check's WARN severity) are not startup
    ]
    assert not flagged, "\n".join(flagged)


def test_ui_lists_assets_and_blocking_checks(ui):
    query = (
        "{ assetNodes { assetKey { path } groupName "
        "assetChecksOrError { ... on AssetChecks { checks { name blocking } } } } }"
    )
    nodes = None
    for _ in range(30):  # the code location may still be loading
        data = _graphql(ui["port"], query)
        nodes = data.get("data", {}).get("assetNodes")
        if nodes:
            break
        time.sleep(1)
    assert nodes, data
    by_key = {n["assetKey"]["path"][-1]: n for n in nodes}
    assert set(TABLES) | {"source_documents", "plan_documents", "warehouse", "catalog", "release"} <= set(by_key)
    assert by_key["indicators"]["groupName"] == "tables"
    checks = {c["name"]: c["blocking"] for c in by_key["plan_documents"]["assetChecksOrError"]["checks"]}
    assert checks == {"parsed": True, "valid": True, "complete": False, "reviewed": False}
    checks = {c["name"]: c["blocking"] for c in by_key["departments"]["assetChecksOrError"]["checks"]}
    assert checks == {"schema": True}


def test_dagster_cli_runs_honour_the_folders(tmp_path, monkeypatch):
    """The document run on a real (sqlite) instance, then `dagster job execute -j build_catalog` in a process of
    its own: it reads the document's tables from that instance and writes where PLANS_* point."""
    import dagster as dg
    from dagster._core.instance.ref import InstanceRef

    from pipelines.definitions import defs

    raw = make_raw(tmp_path / "raw")
    home = tmp_path / "home"
    home.mkdir()
    folders = {
        "DAGSTER_HOME": str(home),
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(tmp_path / "wh"),
        "PLANS_CATALOG_DIR": str(tmp_path / "cat"),
    }
    for name, value in folders.items():
        monkeypatch.setenv(name, value)
    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        instance.add_dynamic_partitions("documents", [DOC_ID])
        run = defs.resolve_job_def("build_documents").execute_in_process(
            instance=instance, partition_key=DOC_ID, run_config=QUIET
        )
        assert run.success
    assert not (tmp_path / "wh").exists() and not (tmp_path / "cat").exists()
    result = subprocess.run(
        [DAGSTER, "job", "execute", "-j", "build_catalog", "-m", "pipelines.definitions"],
        cwd=ROOT,
        env={**os.environ, **folders},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "wh" / "plans.duckdb").is_file() and (tmp_path / "cat" / "catalog.json").is_file()
    index = json.loads((tmp_path / "cat" / "catalog.json").read_text(encoding="utf-8"))
    assert [d["document_id"] for d in index["documents"]] == [DOC_ID]


def test_asset_graph_page_renders_the_flow(ui):
    """Headless Chromium opens the global asset lineage page: the five groups render as a graph."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(f"http://127.0.0.1:{ui['port']}/asset-groups", wait_until="networkidle", timeout=120_000)
            skip = page.get_by_role("button", name="Skip")  # the community sign-up dialog of a new instance
            if skip.count():
                skip.click()
            for group in ("sources", "document", "tables", "warehouse", "views", "catalog"):
                label = page.get_by_text(group, exact=True).last
                label.wait_for(timeout=60_000)
                assert label.is_visible(), group
            assert page.locator("svg path").count() >= 4  # the edges between the groups
        finally:
            browser.close()


def _failed_run(port: int) -> str:
    """The id of the broken copy's failed run, once the sensor's run of it has failed."""
    query = "{ runsOrError(filter: {statuses: [FAILURE]}) { ... on Runs { results { runId tags { key value } } } } }"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        runs = _graphql(port, query).get("data", {}).get("runsOrError", {}).get("results") or []
        for run in runs:
            if {"key": "dagster/partition", "value": "broken-copy"} in run["tags"]:
                return run["runId"]
        time.sleep(2)
    pytest.fail("no failed run of broken-copy within 240 s")


def test_a_failed_run_page_shows_every_problem(ui):
    """Headless Chromium opens the failed run of the broken copy: its page shows the failure with both problems,
    the file, the line and the vocabulary file to edit, without opening the asset's Checks tab."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    run_id = _failed_run(ui["port"])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(f"http://127.0.0.1:{ui['port']}/runs/{run_id}", wait_until="networkidle", timeout=120_000)
            skip = page.get_by_role("button", name="Skip")
            if skip.count():
                skip.click()
            for text in ("2 problems", "公安总部", "schemas/vocab/departments.csv", "raw/broken-copy.txt, line 2308"):
                page.get_by_text(text, exact=False).first.wait_for(timeout=60_000)
            body = page.locator("body").inner_text()
            assert "did not yield or return expected outputs" not in body
            assert "DagsterAssetCheckFailedError" not in body
        finally:
            browser.close()
