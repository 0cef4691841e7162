"""One extractor per published table, by name: PlanDocument → rows (per document) or raw/ → rows (shared).

The extractors live by subject: text_rows (documents, outline, paragraphs), indicator_rows (the indicator tables,
the audit, the quantified targets), programme_rows (boxes, actions, measures), assignment_rows (the annex and its
links) and shared_rows (the vocabularies and the cited outcome files). Pure functions, no I/O beyond vocabularies
and the files raw/sources.yaml lists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pipelines.extract.assignment_rows import annex_task_actions, annex_task_projects, annex_tasks, task_departments
from pipelines.extract.indicator_rows import indicator_consistency, indicator_values, indicators, quantified_targets
from pipelines.extract.model import PlanDocument
from pipelines.extract.programme_rows import (
    action_milestones,
    action_tasks,
    major_projects,
    policy_measures,
    priority_actions,
    project_components,
)
from pipelines.extract.shared_rows import (
    department_successors,
    departments,
    indicator_lineage,
    milestone_progress,
    outcome_figures,
    task_holders,
    task_progress,
)
from pipelines.extract.text_rows import documents, outline, paragraphs
from pipelines.settings import folder
from schemas.frames import frame

Rows = list[dict]

PER_DOCUMENT: dict[str, Callable[[PlanDocument], Rows]] = {
    "documents": documents,
    "outline": outline,
    "paragraphs": paragraphs,
    "indicators": indicators,
    "indicator_values": indicator_values,
    "indicator_consistency": indicator_consistency,
    "quantified_targets": quantified_targets,
    "major_projects": major_projects,
    "project_components": project_components,
    "priority_actions": priority_actions,
    "action_milestones": action_milestones,
    "action_tasks": action_tasks,
    "policy_measures": policy_measures,
    "annex_tasks": annex_tasks,
    "task_departments": task_departments,
    "annex_task_projects": annex_task_projects,
    "annex_task_actions": annex_task_actions,
}


# The tables shared by every document, read from the vocabularies.
SHARED: dict[str, Callable[[Path], Rows]] = {
    "departments": departments,
    "department_successors": department_successors,
    "outcome_figures": outcome_figures,
    "indicator_lineage": indicator_lineage,
    "milestone_progress": milestone_progress,
    "task_holders": task_holders,
    "task_progress": task_progress,
}


def extract_table(table: str, docs: list[PlanDocument], raw: Path | None = None) -> pd.DataFrame:
    """One table for all documents, in document order; a shared table reads its vocabulary or raw/ files."""
    if table in SHARED:
        return frame(table, SHARED[table](raw if raw is not None else folder("raw_dir")))
    rows: Rows = []
    for doc in docs:
        rows.extend(PER_DOCUMENT[table](doc))
    return frame(table, rows)
