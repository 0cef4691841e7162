"""Charts drawn at build time: this module computes the geometry, templates/charts.html.j2 writes the SVG.

Keeping the numbers here (pure functions of the tables) and the markup in Jinja means every text
from the data reaches the SVG through autoescaping, and the met/missed rules can be unit-tested.
"""

from __future__ import annotations

import math

import pandas as pd

from schemas.vocabulary import read_yaml

PROGRESS_SCALE = read_yaml("progress.yaml")["statuses"]

WIDTH = 960
LABEL_W = 400  # room for a Chinese name above its (possibly truncated) English name
PLOT_X0, PLOT_X1 = 410, 800
ROW_H = 38
TOP, BOTTOM = 54, 16
EN_CHARS = 72  # English labels longer than this are cut; the full text stays in the row's <title>

STATUS = {
    "met": ("已完成", "met", "#2e7d32"),
    "missed": ("未完成", "missed", "#c62828"),
    "unknown": ("无数据", "no data", "#9e9e9e"),
    "no data": ("无数据", "no data", "#9e9e9e"),
    "not comparable": ("不可比", "not comparable", "#757575"),
}


def _short(text: str, limit: int = EN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _axis(max_pct: float, step: int = 25) -> tuple[float, list[dict]]:
    top = max(100, math.ceil(max_pct / step) * step)
    return top, [{"pct": p, "x": _x(p, top)} for p in range(0, top + 1, step)]


def _x(value: float, top: float) -> float:
    return round(PLOT_X0 + (PLOT_X1 - PLOT_X0) * min(value, top) / top, 1)


def _place_bars(rows: list[dict]) -> tuple[list[dict], float]:
    """Each row's y and bar end x on a percent axis wide enough for the longest bar; (ticks, x of 100%)."""
    top, ticks = _axis(max([row["pct"] for row in rows if row["pct"] is not None] or [100]))
    for i, row in enumerate(rows):
        row["y"] = TOP + i * ROW_H + ROW_H / 2
        row["x"] = _x(row["pct"], top) if row["pct"] is not None else PLOT_X0
    return ticks, _x(100, top)


def _chart(kind: str, chart_id: str, rows: list[dict], **fields) -> dict:
    """A chart's common frame: size, plot area and the x where row labels end."""
    return {
        "kind": kind,
        "id": chart_id,
        "width": WIDTH,
        "height": TOP + len(rows) * ROW_H + BOTTOM,
        "label_x": LABEL_W,
        "plot_x0": PLOT_X0,
        "plot_x1": PLOT_X1,
        "top": TOP,
        "rows": rows,
        **fields,
    }


def _view(tables: dict[str, pd.DataFrame], view: str, document_id: str) -> dict[str, pd.DataFrame]:
    """A view's rows for one document, per indicator table (a plan without such a table: none)."""
    rows = tables.get(view)
    if rows is None:
        return {}
    rows = rows[rows.document_id == document_id]
    return {str(t): group.sort_values("indicator_no") for t, group in rows.groupby("table_id", sort=True)}


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _chart_id(kind: str, document_id: str, table_id: str, per_document: dict) -> str:
    """`chart-<kind>-<document>`, with the table where a document prints more than one table of the role."""
    return f"chart-{kind}-{document_id}" + (f"-{table_id}" if len(per_document) > 1 else "")


def _label(row) -> dict:
    unit = row.unit_zh if isinstance(row.unit_zh, str) else ""
    return {
        "zh": row.name_zh + (f"（{unit}）" if unit else ""),
        "en": _short(row.name_en),
        "en_full": row.name_en,
        "unit": unit,
    }


def targets_chart(tables: dict[str, pd.DataFrame], document_id: str) -> list[dict]:
    """Each targets table: every indicator's base as a share of its target (target = 100%), from the view
    indicator_targets."""
    per_table = _view(tables, "indicator_targets", document_id)
    charts = (_targets_chart(v, _chart_id("targets", document_id, t, per_table)) for t, v in per_table.items())
    return [c for c in charts if c]


def _targets_chart(view: pd.DataFrame, chart_id: str) -> dict | None:
    rows = []
    for r in view.itertuples():
        base, target = _num(r.base), _num(r.target)
        if not base or not target or r.target_is_cumulative_pp:
            continue
        lower = r.direction == "lower_is_better"  # the view's macro plans_direction decides
        rows.append(
            {
                "no": int(r.indicator_no),
                **_label(r),
                "pct": 100 * (target / base if lower else base / target),
                "base_text": r.base_text,
                "target_text": r.target_text,
                "multiple": base / target if lower else target / base,
            }
        )
    if not rows:
        return None
    base_year, target_year = int(view.base_year.iloc[0]), int(view.target_year.iloc[0])
    top, ticks = _axis(max(row["pct"] for row in rows))
    for i, row in enumerate(rows):
        row["y"] = TOP + i * ROW_H + ROW_H / 2
        row["x_base"], row["x_target"] = _x(row["pct"], top), _x(100, top)
    furthest = min(rows, key=lambda row: row["pct"])
    return _chart(
        "dumbbell",
        chart_id,
        rows,
        ticks=ticks,
        base_year=base_year,
        target_year=target_year,
        title_zh=f"主要指标：{base_year}年基数与{target_year}年目标",
        title_en=f"Indicator targets: {base_year} base against the {target_year} target",
        desc_zh=f"{len(rows)}项指标，每项以{target_year}年目标为100%，圆点为{base_year}年基数所占比例；"
        f"差距最大的是{furthest['zh']}（{furthest['base_text']} → {furthest['target_text']}）。",
        desc_en=f"{len(rows)} indicators, each scaled so that its {target_year} target is 100%; the dot is the "
        f"{base_year} base. The widest gap: {furthest['en_full']} "
        f"({furthest['base_text']} → {furthest['target_text']}).",
    )


def review_chart(tables: dict[str, pd.DataFrame], document_id: str) -> list[dict]:
    """Each review table: what was achieved as a share of the target (100% = reached), with the status the view
    indicator_review_results gives (the chart judges nothing itself)."""
    per_table = _view(tables, "indicator_review_results", document_id)
    charts = (_review_chart(v, _chart_id("review", document_id, t, per_table)) for t, v in per_table.items())
    return [c for c in charts if c]


def _review_chart(view: pd.DataFrame, chart_id: str) -> dict | None:
    rows = []
    for r in view.itertuples():
        status = "unknown" if r.status == "not comparable" else r.status
        goal, actual = _num(r.target_threshold), _num(r.actual)
        pct = None
        if status != "unknown" and goal and actual:
            pct = 100 * (goal / actual if r.comparator in ("<", "<=") else actual / goal)
        zh, en, colour = STATUS[status]
        rows.append(
            {
                "no": int(r.indicator_no),
                **_label(r),
                "status": status,
                "status_zh": zh,
                "status_en": en,
                "colour": colour,
                "pct": pct,
                "target_text": r.target_text or "—",
                "actual_text": r.actual_text or "—",
            }
        )
    if not rows:
        return None
    year = int(view.target_year.iloc[0])
    ticks, x100 = _place_bars(rows)
    missed = [row for row in rows if row["status"] == "missed"]
    met = sum(row["status"] == "met" for row in rows)
    return _chart(
        "bars_status",
        chart_id,
        rows,
        ticks=ticks,
        x100=x100,
        met=met,
        missed=len(missed),
        title_zh=f"上期目标完成情况：{year}年实际值占目标的比例",
        title_en=f"The last period's targets: the {year} result as a share of the target",
        desc_zh=f"{len(rows)}项指标中{met}项完成、{len(missed)}项未完成"
        + (f"（{'、'.join(row['zh'] for row in missed)}）" if missed else "")
        + "。",
        desc_en=f"{met} of {len(rows)} targets met, {len(missed)} missed"
        + (f" ({'; '.join(row['en_full'] for row in missed)})" if missed else "")
        + ".",
    )


def lead_departments_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """The departments named as lead (牵头) on the most annex tasks, in the order of the view
    department_workload (the chart counts nothing itself)."""
    view = tables.get("department_workload")
    if view is None:
        return None
    leads = view[(view.document_id == document_id) & (view.tasks_led > 0)]
    if leads.empty:
        return None
    annex = tables["annex_tasks"]
    tasks = int(annex[(annex.document_id == document_id) & annex.has_lead].shape[0])
    ranked = list(leads.itertuples())
    top = int(leads.tasks_led.max())
    # Dozens of departments lead a single task each: one summary row keeps the chart about the leaders.
    shown = [r for r in ranked if r.tasks_led > 1] or ranked
    others = ranked[len(shown) :]
    rows = [
        {
            "zh": r.name_zh,
            "en": _short(r.name_en),
            "en_full": r.name_en,
            "count": int(r.tasks_led),
            "label": str(int(r.tasks_led)),
            "colour": "#1565c0",
        }
        for r in shown
    ]
    if others:
        rows.append(
            {
                "zh": f"其他{len(others)}个单位",
                "en": f"{len(others)} other departments",
                "en_full": f"{len(others)} other departments: " + "、".join(r.name_zh for r in others),
                "count": 1,
                "label": "各1 / 1 each",
                "colour": "#90a4ae",
            }
        )
    for i, row in enumerate(rows):
        row["y"] = TOP + i * ROW_H + ROW_H / 2
        row["x"] = round(PLOT_X0 + (PLOT_X1 - PLOT_X0) * row["count"] / top, 1)
    return _chart(
        "bars_count",
        f"chart-leads-{document_id}",
        rows,
        title_zh="牵头重点任务最多的单位",
        title_en="Departments leading the most annex tasks",
        desc_zh=f"附件{tasks}项有牵头单位的任务中，{rows[0]['zh']}牵头{rows[0]['count']}项；"
        f"共{len(ranked)}个单位牵头至少1项，其中{len(others)}个单位各牵头1项。",
        desc_en=f"Of {tasks} annex tasks with a lead, {rows[0]['en_full']} leads {rows[0]['count']}; "
        f"{len(ranked)} departments lead at least one, {len(others)} of them exactly one.",
    )


def milestones_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """The priority actions' dated milestones on one time axis."""
    ms = tables["action_milestones"]
    ms = ms[ms.document_id == document_id].sort_values(["action_no", "year"])
    if ms.empty:
        return None
    actions = tables["priority_actions"]
    actions = actions[actions.document_id == document_id].sort_values("action_no")
    docs = tables["documents"].set_index("document_id")
    first = min(int(ms.year.min()), pd.Timestamp(docs.issued_date[document_id]).year)
    last = int(ms.year.max())
    span = max(last - first, 1)
    x_of = {y: round(PLOT_X0 + 20 + (PLOT_X1 - PLOT_X0 - 40) * (y - first) / span, 1) for y in range(first, last + 1)}
    rows = []
    for i, a in enumerate(actions.itertuples()):
        points = [
            {"year": int(m.year), "text": m.text_zh, "text_en": m.text_en, "x": x_of[int(m.year)]}
            for m in ms[ms.action_no == a.action_no].itertuples()
        ]
        rows.append(
            {
                "no": int(a.action_no),
                "zh": f"{a.action_no}. {a.title_zh}",
                "en": _short(a.title_en),
                "en_full": a.title_en,
                "points": points,
                "y": TOP + i * ROW_H + ROW_H / 2,
            }
        )
    years = sorted({p["year"] for r in rows for p in r["points"]})
    return _chart(
        "timeline",
        f"chart-milestones-{document_id}",
        rows,
        ticks=[{"year": y, "x": x} for y, x in x_of.items()],
        title_zh="优先行动的阶段目标",
        title_en="Milestones of the priority actions",
        desc_zh=f"{len(rows)}项优先行动共{len(ms)}个阶段目标，分别在{'、'.join(map(str, years))}年到期；"
        "每个圆点为一个阶段目标，全文见图下表格。",
        desc_en=f"{len(rows)} priority actions with {len(ms)} milestones due in {', '.join(map(str, years))}; "
        "each dot is one milestone, listed in full in the table below the chart.",
    )


def achieved_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """Was the plan achieved? Each table target's outcome as a share of the target, with the verdict of the
    published view target_outcomes (the chart draws the view's rows; it judges nothing itself)."""
    rows = []
    view = tables.get("target_outcomes")
    if view is None:
        return None
    verdicts = view[(view.document_id == document_id) & (view.target_kind == "indicator")]
    for v in verdicts.itertuples():
        comparable = v.status in ("met", "missed")
        pct = None
        if comparable and v.target_base:
            pct = 100 * (
                v.target_base / v.outcome_base if v.comparator in ("<", "<=") else v.outcome_base / v.target_base
            )
        zh, en, colour = STATUS[v.status]
        rows.append(
            {
                "no": int(v.indicator_no),
                "zh": v.metric_zh,
                "en": _short(v.metric_en),
                "en_full": v.metric_en,
                "status": v.status,
                "status_zh": zh,
                "status_en": en,
                "colour": colour,
                "pct": pct,
                "target_text": f"{v.target_text}（{v.target_year}）",
                "actual_text": f"{v.outcome_text}（{int(v.outcome_year)}）" if pd.notna(v.outcome_year) else "—",
            }
        )
    if not rows:
        return None
    ticks, x100 = _place_bars(rows)
    counts = {s: sum(row["status"] == s for row in rows) for s in ("met", "missed", "not comparable", "no data")}
    year = int(verdicts.target_year.max())
    return _chart(
        "bars_status",
        f"chart-achieved-{document_id}",
        rows,
        ticks=ticks,
        x100=x100,
        met=counts["met"],
        missed=counts["missed"],
        title_zh=f"目标实现了吗？{year}年实际结果占目标的比例",
        title_en=f"Was it achieved? The {year} outcome as a share of the target",
        desc_zh=f"{len(rows)}项主要指标中{counts['met']}项完成、{counts['missed']}项未完成、"
        f"{counts['not comparable']}项口径不可比、{counts['no data']}项无数据（规则与来源见 target_outcomes）。",
        desc_en=f"Of {len(rows)} table targets, {counts['met']} met, {counts['missed']} missed, "
        f"{counts['not comparable']} not comparable and {counts['no data']} without data (rule and sources: "
        "target_outcomes).",
    )


# the fixed scale of progress (schemas/vocab/progress.yaml), most advanced first, each with its colour
PROGRESS_COLOURS = {
    "complete": "#1b5e20",
    "substantial": "#66bb6a",
    "started": "#ffb300",
    "abandoned": "#6d4c41",
    "no_evidence": "#cfd8dc",
}
PROGRESS_STATUS = {s["status"]: s for s in PROGRESS_SCALE}  # the words of each status
PROGRESS_KEYS = {  # the views' column suffix → the status of the scale it counts
    "complete": "complete",
    "substantial": "substantial",
    "started": "started",
    "abandoned": "abandoned or superseded",
    "no_evidence": "no evidence found",
}


def _stacked(rows: list[dict], top: int) -> list[dict]:
    """Each row's y and its segments' x and width on a count axis of `top`."""
    for i, row in enumerate(rows):
        row["y"] = TOP + i * ROW_H + ROW_H / 2
        x = float(PLOT_X0)
        for seg in row["segments"]:
            w = (PLOT_X1 - PLOT_X0) * seg["count"] / top if top else 0
            seg["x"], seg["w"] = round(x, 1), round(w, 1)
            x += w
        row["x"] = round(x, 1)
    return rows


def _status_zh(key: str) -> str:
    """A status's short Chinese name (without the explanation in brackets)."""
    return PROGRESS_STATUS[PROGRESS_KEYS[key]]["zh"].split("（")[0]


def _segments(record, prefix: str) -> list[dict]:
    return [
        {
            "key": k,
            "status": PROGRESS_KEYS[k],
            "zh": _status_zh(k),
            "colour": colour,
            "count": int(getattr(record, f"{prefix}{k}")),
        }
        for k, colour in PROGRESS_COLOURS.items()
    ]


def action_progress_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """What became of each priority action: its milestones and implementing tasks by status, from the view
    action_progress (milestone_progress and task_progress; the chart counts nothing itself)."""
    view = tables.get("action_progress")
    if view is None:
        return None
    view = view[view.document_id == document_id]
    if view.empty or not (view.milestones.sum() + view.tasks.sum()):
        return None
    rows: list[dict] = []
    for r in view.itertuples():
        segments = [
            {**m, "count": m["count"] + t["count"]}
            for m, t in zip(_segments(r, "milestones_"), _segments(r, "tasks_"), strict=True)
        ]
        rows.append(
            {
                "zh": f"{r.action_no}. {r.title_zh}",
                "en": _short(r.title_en or ""),
                "en_full": r.title_en or "",
                "segments": segments,
                "label": f"{int(r.milestones)}+{int(r.tasks)}",
            }
        )
    top = max(sum(s["count"] for s in row["segments"]) for row in rows)
    total = {k: sum(s["count"] for row in rows for s in row["segments"] if s["key"] == k) for k in PROGRESS_COLOURS}
    return _chart(
        "bars_stacked",
        f"chart-action-progress-{document_id}",
        _stacked(rows, top),
        legend=_legend(),
        title_zh="优先行动进展：阶段目标与实施任务",
        title_en="Progress of the priority actions: milestones and implementing tasks",
        desc_zh=f"{len(rows)}项优先行动的阶段目标与附件实施任务共{sum(total.values())}项："
        f"已完成{total['complete']}项、大部分完成{total['substantial']}项、已启动{total['started']}项、"
        f"未找到证据{total['no_evidence']}项（行末数字为阶段目标数+任务数；证据见 milestone_progress、"
        "task_progress）。",
        desc_en=f"The milestones and implementing annex tasks of {len(rows)} priority actions, {sum(total.values())} "
        f"in all: {total['complete']} complete, {total['substantial']} substantial, {total['started']} started, "
        f"{total['no_evidence']} without evidence found (the figures at the bars' end: milestones + tasks; evidence: "
        "milestone_progress, task_progress).",
    )


def department_progress_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """What became of the tasks each department leads (those leading more than one), from the view
    department_progress."""
    view = tables.get("department_progress")
    if view is None:
        return None
    view = view[(view.document_id == document_id) & ~view.is_collective & (view.tasks_led > 1)]
    if view.empty:
        return None
    rows = [
        {
            "zh": r.name_zh,
            "en": _short(r.name_en),
            "en_full": r.name_en,
            "segments": _segments(r, "led_"),
            "label": str(int(r.tasks_led)),
        }
        for r in view.itertuples()
    ]
    top = int(view.tasks_led.max())
    done = int(view.led_complete.sum() + view.led_substantial.sum())
    return _chart(
        "bars_stacked",
        f"chart-department-progress-{document_id}",
        _stacked(rows, top),
        legend=_legend(),
        title_zh="各牵头单位的任务进展",
        title_en="Progress of the tasks each department leads",
        desc_zh=f"牵头2项以上任务的{len(rows)}个单位共牵头{int(view.tasks_led.sum())}项，"
        f"其中{done}项已完成或大部分完成（证据见 task_progress）。",
        desc_en=f"{len(rows)} departments leading two tasks or more lead {int(view.tasks_led.sum())} in all, {done} of "
        "them complete or substantial (evidence: task_progress).",
    )


def _legend() -> list[dict]:
    """The statuses side by side, each as wide as its words (a full-width character counts two)."""
    out, x = [], 6.0
    for k, colour in PROGRESS_COLOURS.items():
        zh, en = _status_zh(k), PROGRESS_KEYS[k]
        out.append({"zh": zh, "en": en, "colour": colour, "x": round(x, 1)})
        x += 16 + 11 * len(zh) + 6 * (len(en) + 3) + 14
    return out


# chart builder → the table whose package shows the chart
CHARTS = [
    (achieved_chart, "outcome_figures"),
    (targets_chart, "indicator_values"),
    (review_chart, "indicator_values"),
    (lead_departments_chart, "task_departments"),
    (milestones_chart, "action_milestones"),
    (action_progress_chart, "milestone_progress"),
    (department_progress_chart, "task_progress"),
]


def drawn_charts(build, tables: dict[str, pd.DataFrame], doc: str, drawn: dict) -> list[dict]:
    """The charts `build` draws for one document (none, one or several), drawn once whichever pages show them:
    `drawn` keeps them by (builder, document)."""
    if (build, doc) not in drawn:
        chart = build(tables, doc)
        drawn[build, doc] = chart if isinstance(chart, list) else [chart] if chart is not None else []
    return drawn[build, doc]


def charts_for(tables: dict[str, pd.DataFrame], doc: str, members: list[str], drawn: dict) -> list[dict]:
    """A package's charts of one document (`<package>/charts/<document>.html`): those drawn from one of its
    tables. `tables` are the document's own rows (schemas.frames.by_document); `drawn` keeps charts already drawn
    for another page."""
    return [chart for build, table in CHARTS if table in members for chart in drawn_charts(build, tables, doc, drawn)]
