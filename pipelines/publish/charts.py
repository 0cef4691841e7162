"""Charts drawn at build time: this module computes the geometry, templates/charts.html.j2 writes the SVG.

Keeping the numbers here (pure functions of the tables) and the markup in Jinja means every text
from the data reaches the SVG through autoescaping, and the met/missed rules can be unit-tested.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from schemas.views import (
    LOWER_IS_BETTER_UNITS,
    TARGET_OUTCOMES,
    direction_sql,
    requirement_sql,
    status_sql,
    threshold_sql,
)

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


def _values(tables: dict[str, pd.DataFrame], document_id: str, table_id: str) -> pd.DataFrame:
    """One row per indicator with its measures side by side (value, raw text, qualifier...)."""
    ind = tables["indicators"]
    ind = ind[(ind.document_id == document_id) & (ind.table_id == table_id)]
    vals = tables["indicator_values"]
    vals = vals[(vals.document_id == document_id) & (vals.table_id == table_id)]
    if vals.empty:  # a plan without this table: no chart
        return ind.set_index("indicator_no").iloc[0:0]
    wide = vals.pivot(
        index="indicator_no",
        columns="measure",
        values=["value", "value_alt", "raw_text", "qualifier", "is_cumulative_pp"],
    )
    wide.columns = [f"{m}.{field}" for field, m in wide.columns]
    return ind.set_index("indicator_no").join(wide).sort_index()


def _get(row, measure: str, field: str):
    value = row.get(f"{measure}.{field}")
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _label(row) -> dict:
    unit = row.unit_zh if isinstance(row.unit_zh, str) else ""
    return {
        "zh": row.name_zh + (f"（{unit}）" if unit else ""),
        "en": _short(row.name_en),
        "en_full": row.name_en,
        "unit": unit,
    }


def targets_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """13th FYP: each indicator's 2015 base as a share of its 2020 target (target = 100%)."""
    rows = []
    for no, r in _values(tables, document_id, "targets_13th").iterrows():
        base, target = _get(r, "base_2015", "value"), _get(r, "target_2020", "value")
        if base is None or target is None or not target or not base or _get(r, "target_2020", "is_cumulative_pp"):
            continue
        lower = r.unit_zh in LOWER_IS_BETTER_UNITS
        rows.append(
            {
                "no": int(no),
                **_label(r),
                "pct": 100 * (target / base if lower else base / target),
                "base_text": _get(r, "base_2015", "raw_text"),
                "target_text": _get(r, "target_2020", "raw_text"),
                "multiple": base / target if lower else target / base,
            }
        )
    if not rows:
        return None
    top, ticks = _axis(max(row["pct"] for row in rows))
    for i, row in enumerate(rows):
        row["y"] = TOP + i * ROW_H + ROW_H / 2
        row["x_base"], row["x_target"] = _x(row["pct"], top), _x(100, top)
    furthest = min(rows, key=lambda row: row["pct"])
    return _chart(
        "dumbbell",
        f"chart-targets-{document_id}",
        rows,
        ticks=ticks,
        title_zh="“十三五”主要指标：2015年基数与2020年目标",
        title_en="13th FYP indicators: 2015 base against the 2020 target",
        desc_zh=f"{len(rows)}项指标，每项以2020年目标为100%，圆点为2015年基数所占比例；"
        f"差距最大的是{furthest['zh']}（{furthest['base_text']} → {furthest['target_text']}）。",
        desc_en=f"{len(rows)} indicators, each scaled so that its 2020 target is 100%; the dot is the 2015 base. "
        f"The widest gap: {furthest['en_full']} ({furthest['base_text']} → {furthest['target_text']}).",
    )


def judge(cases: list[tuple]) -> list[tuple[str, float | None, str]]:
    """(status, threshold, requirement) of each (target, target_alt, qualifier, actual, unit_zh), decided by the
    same SQL rule as the warehouse view review_12th_results, so the chart and the view cannot disagree."""
    if not cases:
        return []
    rows = pd.DataFrame(cases, columns=["target", "alt", "qualifier", "actual", "unit_zh"]).astype(
        {"target": "float64", "alt": "float64", "actual": "float64", "qualifier": "object", "unit_zh": "object"}
    )
    requirement = requirement_sql("qualifier")
    threshold = threshold_sql("target", "alt", requirement)
    sql = (
        f"SELECT {status_sql(threshold, 'actual', 'NULL', requirement)}, {threshold}, {requirement} "
        f"FROM (SELECT *, {direction_sql('unit_zh')} AS direction FROM rows) ORDER BY n"
    )
    con = duckdb.connect()
    try:
        con.register("rows", rows.assign(n=range(len(rows))))
        out = con.execute(sql).fetchall()
    finally:
        con.close()
    return [("unknown" if status == "not_comparable" else status, goal, req) for status, goal, req in out]


def review_status(
    target: float | None,
    target_alt: float | None,
    qualifier: str | None,
    actual: float | None,
    lower_is_better: bool = False,
) -> str:
    """Was a 12th-FYP target met? `>` makes the target a minimum, `<` a maximum; `—` (None) cannot be judged."""
    unit = LOWER_IS_BETTER_UNITS[0] if lower_is_better else None
    return judge([(target, target_alt, qualifier, actual, unit)])[0][0]


def review_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """12th FYP: what was achieved by 2015 as a share of the target (100% = reached), met or missed."""
    rows = []
    values = _values(tables, document_id, "review_12th")
    verdicts = judge(
        [
            (
                _get(r, "target_2015", "value"),
                _get(r, "target_2015", "value_alt"),
                _get(r, "target_2015", "qualifier"),
                _get(r, "actual_2015", "value"),
                r.unit_zh if isinstance(r.unit_zh, str) else None,
            )
            for _, r in values.iterrows()
        ]
    )
    for (no, r), (status, goal, requirement) in zip(values.iterrows(), verdicts, strict=True):
        actual = _get(r, "actual_2015", "value")
        pct = None
        if status != "unknown" and goal and actual:
            pct = 100 * (goal / actual if requirement == "at_most" else actual / goal)
        zh, en, colour = STATUS[status]
        rows.append(
            {
                "no": int(no),
                **_label(r),
                "status": status,
                "status_zh": zh,
                "status_en": en,
                "colour": colour,
                "pct": pct,
                "target_text": _get(r, "target_2015", "raw_text") or "—",
                "actual_text": _get(r, "actual_2015", "raw_text") or "—",
            }
        )
    if not rows:
        return None
    ticks, x100 = _place_bars(rows)
    missed = [row for row in rows if row["status"] == "missed"]
    met = sum(row["status"] == "met" for row in rows)
    return _chart(
        "bars_status",
        f"chart-review-{document_id}",
        rows,
        ticks=ticks,
        x100=x100,
        met=met,
        missed=len(missed),
        title_zh="“十二五”目标完成情况：2015年实际值占目标的比例",
        title_en="12th FYP targets: the 2015 result as a share of the target",
        desc_zh=f"{len(rows)}项指标中{met}项完成、{len(missed)}项未完成"
        + (f"（{'、'.join(row['zh'] for row in missed)}）" if missed else "")
        + "。",
        desc_en=f"{met} of {len(rows)} targets met, {len(missed)} missed"
        + (f" ({'; '.join(row['en_full'] for row in missed)})" if missed else "")
        + ".",
    )


def lead_departments_chart(tables: dict[str, pd.DataFrame], document_id: str) -> dict | None:
    """The departments named as lead (牵头) on the most annex tasks."""
    td = tables["task_departments"]
    lead = td[(td.document_id == document_id) & (td.role == "lead")]
    if lead.empty:
        return None
    deps = tables["departments"].reset_index(drop=True)
    order = {d: i for i, d in enumerate(deps.department_id)}  # ties keep the vocabulary's order
    counts = lead.groupby("department_id").size()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0]))
    names = deps.set_index("department_id")
    top = max(counts)
    tasks = lead.task_no.nunique()
    # Dozens of departments lead a single task each: one summary row keeps the chart about the leaders.
    shown = [kv for kv in ranked if kv[1] > 1] or ranked
    others = ranked[len(shown) :]
    rows = [
        {
            "zh": names.name_zh.get(dep, dep),
            "en": _short(names.name_en.get(dep, dep)),
            "en_full": names.name_en.get(dep, dep),
            "count": int(n),
            "label": str(int(n)),
            "colour": "#1565c0",
        }
        for dep, n in shown
    ]
    if others:
        rows.append(
            {
                "zh": f"其他{len(others)}个单位",
                "en": f"{len(others)} other departments",
                "en_full": f"{len(others)} other departments: "
                + "、".join(names.name_zh.get(dep, dep) for dep, _ in others),
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
    view = tables.get(TARGET_OUTCOMES.name)
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


# chart builder → the table whose package shows the chart
CHARTS = [
    (achieved_chart, "outcome_figures"),
    (targets_chart, "indicator_values"),
    (review_chart, "indicator_values"),
    (lead_departments_chart, "task_departments"),
    (milestones_chart, "action_milestones"),
]


def charts_for(tables: dict[str, pd.DataFrame], members: list[str]) -> list[dict]:
    """The charts a package page shows: those drawn from one of its tables, for every document."""
    out = []
    for build, table in CHARTS:
        if table in members:
            for doc in sorted(tables["documents"].document_id):
                chart = build(tables, doc)
                if chart is not None:
                    out.append(chart)
    return out
