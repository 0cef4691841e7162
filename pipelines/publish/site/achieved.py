"""The "was it achieved?" page of each document, `achieved/<document>.html`: targets, milestones and tasks together.

Everything shown is read from the published tables and views (target_outcomes, indicator_lineage,
milestone_progress, task_progress, action_milestones, annex_tasks, implementing lead departments): the page judges
nothing itself. Each row states the kind of source its verdict or status rests on (official, official reprint,
secondary), links the page the evidence was read on, and links its own row on the table pages (the permalinks of
table_pages), so figures and sources are one click away.
"""

from __future__ import annotations

import pandas as pd

from pipelines.publish.site.table_pages import Anchors, cell_text

SOURCE_KIND = {  # how the page names each kind of source
    "official": ("官方", "official"),
    "official_reprint": ("官方转载", "official reprint"),
    "secondary": ("转述", "secondary"),
}


def _href(anchors: dict[str, Anchors], table: str, df: pd.DataFrame, index) -> str | None:
    """The permalink of the row at `index` of `table` (whose published rows are `df`), from an achieved page."""
    if table not in anchors:
        return None
    return f"../{anchors[table].href(df.index.get_loc(index))}"


def _rows_of(df: pd.DataFrame | None, document_id: str) -> pd.DataFrame:
    if df is None or df.empty:
        return pd.DataFrame()
    return df[df["document_id"] == document_id]


def _text(value) -> str | None:
    return cell_text(value)


def achieved_context(tables: dict[str, pd.DataFrame], anchors: dict[str, Anchors], document_id: str) -> dict:
    """What `achieved.html.j2` needs for one document."""
    outcomes = _rows_of(tables.get("target_outcomes"), document_id)
    lineage = _rows_of(tables.get("indicator_lineage"), document_id)
    later = {(r.table_id, int(r.indicator_no)): r for r in lineage.itertuples()}  # each indicator's next plan
    targets = []
    for index, r in outcomes.iterrows():
        link = later.get((r.table_id, int(r.indicator_no))) if pd.notna(r.indicator_no) else None
        targets.append(
            {
                "kind": r.target_kind,
                "no": _text(r.indicator_no if r.target_kind == "indicator" else r.target_no),
                "metric_zh": r.metric_zh,
                "metric_en": _text(r.metric_en),
                "year": _text(r.target_year),
                "target": f"{r.comparator} {r.target_text}",
                "outcome": _text(r.outcome_text),
                "outcome_when": _text(r.outcome_reference_date) or _text(r.outcome_year),
                "status": r.status,
                "gap": None if pd.isna(r.gap) else f"{r.gap:+.4g} {r.gap_unit_en}",
                "source_kind": SOURCE_KIND.get(r.source_kind) if isinstance(r.source_kind, str) else None,
                "publisher": _text(r.publisher),
                "url": _text(r.source_url),
                "definition_note": _text(r.definition_note),
                "other_figures": _text(r.other_figures),
                "search_note": _text(r.search_note),
                "href": _href(anchors, "target_outcomes", tables["target_outcomes"], index),
                "later": None
                if link is None
                else {
                    "plan_zh": link.later_plan_zh,
                    "plan_en": link.later_plan_en,
                    "name_zh": link.later_name_zh,
                    "name_en": _text(link.later_name_en),
                    "end_year": int(link.end_year),
                    "value": _text(link.value_at_end_as_printed),
                    "target_year": int(link.later_target_year),
                    "target": _text(link.later_target_as_printed),
                    "basis": link.match_basis,
                    "source_kind": SOURCE_KIND.get(link.source_kind) if isinstance(link.source_kind, str) else None,
                    "url": _text(link.url),
                },
            }
        )
    milestones = _progress(
        tables, anchors, document_id, "action_milestones", "milestone_progress", ["action_no", "year"]
    )
    tasks = _progress(tables, anchors, document_id, "annex_tasks", "task_progress", ["task_no"])
    actions = _rows_of(tables.get("priority_actions"), document_id)
    titles = {int(a.action_no): (a.title_zh, _text(a.title_en)) for a in actions.itertuples()}
    by_action: dict[int, list[dict]] = {}
    for m in milestones:
        by_action.setdefault(int(m["row"]["action_no"]), []).append(m)
    return {
        "document_id": document_id,
        "targets": targets,
        "target_counts": _counts(t["status"] for t in targets),
        "actions": [{"no": k, "title": titles.get(k), "milestones": v} for k, v in sorted(by_action.items())],
        "milestone_counts": _counts(m["status"] for m in milestones),
        "tasks": tasks,
        "task_counts": _counts(t["status"] for t in tasks),
    }


def _counts(statuses) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in statuses:
        out[s] = out.get(s, 0) + 1
    return out


def _progress(
    tables: dict[str, pd.DataFrame],
    anchors: dict[str, Anchors],
    document_id: str,
    base: str,
    table: str,
    key: list[str],
) -> list[dict]:
    """Every row of `base` (action_milestones, annex_tasks) of the document with its progress row, if any."""
    rows = _rows_of(tables.get(base), document_id)
    progress = _rows_of(tables.get(table), document_id)
    found = {tuple(int(r[k]) for k in key): (i, r) for i, r in progress.iterrows()}
    out = []
    for _, row in rows.iterrows():
        hit = found.get(tuple(int(row[k]) for k in key))
        i, p = hit if hit else (None, None)
        out.append(
            {
                "row": row,
                "status": p.status if p is not None else "no evidence found",
                "basis": _text(p.status_basis_en) if p is not None else None,
                "evidence": None
                if p is None or pd.isna(p.url)
                else {
                    "title": _text(p.title),
                    "number": _text(p.document_number),
                    "date": _text(p.published_date),
                    "publisher": _text(p.publisher),
                    "url": _text(p.url),
                    "source_kind": SOURCE_KIND.get(p.source_kind) if isinstance(p.source_kind, str) else None,
                },
                "href": _href(anchors, table, tables[table], i) if i is not None else None,
                "source_line": int(row["line_start"]),
            }
        )
    return out
