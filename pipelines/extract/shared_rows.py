"""Extractors of the tables shared by every document: the department vocabulary and its successors, and the
cited files under `outcomes:` in raw/sources.yaml (outcome figures, lineage, progress, task holders)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pandas as pd

from pipelines.extract.indicator_rows import unit_of
from pipelines.extract.source import read_outcome_files
from schemas.vocabulary import read_csv

Rows = list[dict]


def departments(raw: Path | None = None) -> Rows:
    """The department vocabulary (one table for all documents)."""
    return [
        {k: r[k] for k in ("department_id", "name_zh", "full_name_zh", "name_en", "kind")}
        for r in read_csv("departments.csv")
    ]


def outcome_figures(raw: Path) -> Rows:
    """Outcome figures from the files under `outcomes:` in raw/sources.yaml, converted to base units."""
    rows = []
    for entry, text in read_outcome_files(raw):
        for n, r in enumerate(csv.DictReader(io.StringIO(text)), 2):
            row: dict = {k: (v if v != "" else None) for k, v in r.items()}
            where = {"file": f"raw/{entry['path']}", "line": n, "table": "outcome_figures", "row": r["outcome_id"]}
            unit = unit_of(r["unit_zh"], **where) if r["unit_zh"] else None
            value = Decimal(r["value"]) if r["value"] else None
            row |= {
                "comparable": r["comparable"] == "true",
                "is_primary": r["is_primary"] == "true",
                "value": float(value) if value is not None else None,
                "unit_en": unit["unit_en"] if unit else None,
                "value_base": float(value * Decimal(unit["multiplier"])) if unit and value is not None else None,
                "unit_base": unit["base_unit_en"] if unit else None,
                "source_file": f"raw/{entry['path']}",
            }
            rows.append(row)
    return rows


def cited_rows(raw: Path, table: str) -> Rows:
    """The rows of every cited file under `outcomes:` in raw/sources.yaml that feeds `table` (empty cells are
    missing values; the declaration coerces each column to its type)."""
    rows = []
    for _, text in read_outcome_files(raw, table):
        rows += [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(io.StringIO(text))]
    return rows


def indicator_lineage(raw: Path) -> Rows:
    return cited_rows(raw, "indicator_lineage")


def milestone_progress(raw: Path) -> Rows:
    return cited_rows(raw, "milestone_progress")


def task_progress(raw: Path) -> Rows:
    return cited_rows(raw, "task_progress")


def task_holders(raw: Path) -> Rows:
    return cited_rows(raw, "task_holders")


def department_successors(raw: Path | None = None) -> Rows:
    """What became of each department after the plan: the reviewed, cited vocabulary."""
    rows = []
    for r in read_csv("department_successors.csv"):
        row: dict = {k: (v or None) for k, v in r.items()}
        row["effective_date"] = pd.Timestamp(r["effective_date"]) if r["effective_date"] else None
        rows.append(row)
    return rows
