"""The Dagster UI starts from workspace.yaml and its GraphQL API lists the assets and their checks;
`dagster asset materialize` (a real instance, the multiprocess executor) honours PLANS_* folders."""

from __future__ import annotations

import json
import os
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
from tests.helpers import ROOT, make_raw

pytestmark = pytest.mark.slow  # starts dagster dev and Dagster CLI processes

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
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path_factory.mktemp("dagster_home"))}
    proc = subprocess.Popen(
        [DAGSTER, "dev", "-w", str(ROOT / "workspace.yaml"), "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
            pytest.fail("dagster dev did not answer within 120 s")
        yield port
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # dagster dev shuts its code servers down on Ctrl-C
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def test_ui_lists_assets_and_blocking_checks(ui):
    query = (
        "{ assetNodes { assetKey { path } groupName "
        "assetChecksOrError { ... on AssetChecks { checks { name blocking } } } } }"
    )
    nodes = None
    for _ in range(30):  # the code location may still be loading
        data = _graphql(ui, query)
        nodes = data.get("data", {}).get("assetNodes")
        if nodes:
            break
        time.sleep(1)
    assert nodes, data
    by_key = {n["assetKey"]["path"][-1]: n for n in nodes}
    assert set(TABLES) | {"source_documents", "plan_documents", "warehouse", "catalog", "release"} <= set(by_key)
    assert by_key["indicators"]["groupName"] == "tables"
    checks = {c["name"]: c["blocking"] for c in by_key["indicators"]["assetChecksOrError"]["checks"]}
    assert checks == {"schema": True, "completeness": True, "foreign_keys": True}


def test_dagster_cli_runs_honour_the_folders(tmp_path):
    """`dagster asset materialize` for a document partition, then `dagster job execute -j build_catalog`, on a
    real (sqlite) instance, write where PLANS_* point."""
    import dagster as dg
    from dagster._core.instance.ref import InstanceRef

    from pipelines.assets.documents import document_tables_step

    raw = make_raw(tmp_path / "raw")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(tmp_path / "wh"),
        "PLANS_CATALOG_DIR": str(tmp_path / "cat"),
    }
    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        instance.add_dynamic_partitions("documents", ["cn-13th-fyp-informatization-2016"])
    selection = ",".join(sorted(k.to_user_string() for k in document_tables_step.keys))
    for args in (
        ["asset", "materialize", "--select", selection, "--partition", "cn-13th-fyp-informatization-2016"],
        ["job", "execute", "-j", "build_catalog"],
    ):
        result = subprocess.run(
            [DAGSTER, *args, "-m", "pipelines.definitions"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "wh" / "plans.duckdb").is_file() and (tmp_path / "cat" / "catalog.json").is_file()


def test_asset_graph_page_renders_the_flow(ui):
    """Headless Chromium opens the global asset lineage page: the five groups render as a graph."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(f"http://127.0.0.1:{ui}/asset-groups", wait_until="networkidle", timeout=120_000)
            skip = page.get_by_role("button", name="Skip")  # the community sign-up dialog of a new instance
            if skip.count():
                skip.click()
            for group in ("sources", "document", "tables", "warehouse", "catalog"):
                label = page.get_by_text(group, exact=True).last
                label.wait_for(timeout=60_000)
                assert label.is_visible(), group
            assert page.locator("svg path").count() >= 4  # the edges between the groups
        finally:
            browser.close()
