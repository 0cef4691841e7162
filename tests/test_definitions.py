"""The Dagster code location: loads, validates, and its assets do not change by accident."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.publish.warehouse.views import view_names
from schemas.registry import TABLES
from tests.helpers import ROOT

SNAPSHOT = Path(__file__).parent / "snapshots" / "assets.json"


def _snapshot() -> list[dict]:
    graph = defs.resolve_asset_graph()
    out = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        out.append(
            {
                "key": key.to_user_string(),
                "group": node.group_name,
                "description": node.description,
                "kinds": sorted(node.kinds),
                "owners": list(node.owners),
                "code_version": node.code_version,
                "deps": sorted(k.to_user_string() for k in node.parent_keys),
                "checks": sorted(c.name for c in node.check_keys),
            }
        )
    return out


def test_definitions_load_with_every_table():
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert set(TABLES) <= keys
    assert {"source_documents", "plan_documents", "warehouse", "catalog", "release"} <= keys
    publishing = defs.resolve_job_def("build_catalog").asset_layer.executable_asset_keys
    assert {k.to_user_string() for k in publishing} == {
        "departments",
        "department_successors",
        "outcome_figures",
        "indicator_lineage",
        "milestone_progress",
        "task_holders",
        "task_progress",
        "warehouse",
        "catalog",
        "release",
        *view_names(),
    }
    assert defs.resolve_schedule_def("daily_rebuild").default_status == dg.DefaultScheduleStatus.STOPPED


def test_asset_snapshot_unchanged():
    """Keys, groups, descriptions, kinds, owners and checks. After a deliberate change:
    UPDATE_SNAPSHOTS=1 python3 tasks.py test tests/test_definitions.py"""
    current = _snapshot()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        pytest.skip(f"{SNAPSHOT.name} rewritten: review its diff, then run again without UPDATE_SNAPSHOTS")
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing: create it with UPDATE_SNAPSHOTS=1"
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_table_is_checked_by_a_blocking_check():
    """A shared table has its own blocking schema check; a document's tables are checked per document, by the
    blocking partitioned check `valid` of plan_documents (one evaluation per document, not per table)."""
    from pipelines.process import document_tables

    graph = defs.resolve_asset_graph()
    specs = {
        (s.asset_key.to_user_string(), s.name): s
        for a in defs.assets or []
        if isinstance(a, dg.AssetsDefinition)
        for s in a.check_specs
    }
    valid = specs[("plan_documents", "valid")]
    assert valid.blocking and valid.partitions_def is not None
    for table in TABLES:
        if table in document_tables():
            assert graph.get(dg.AssetKey(table)).partitions_def == valid.partitions_def, table
        else:
            assert specs[(table, "schema")].blocking, table


@pytest.mark.slow  # a dagster CLI process
def test_dagster_definitions_validate_cli():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-w", str(ROOT / "workspace.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
