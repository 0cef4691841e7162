"""Extractors of the indicator tables and the prose targets: indicators, their values, the audit of the plan
against itself, and the quantified targets."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from pipelines.errors import PlanDataError
from pipelines.extract import targets
from pipelines.extract.indicators import Cell, growth_bounds, implied_growth, read_indicators, units, value
from pipelines.extract.model import PlanDocument
from pipelines.extract.pending import Pending, ReviewQueue
from pipelines.extract.text_rows import text_context
from pipelines.extract.translation import English
from schemas.vocabulary import UNKNOWN_ROLE, IndicatorTable, measure

Rows = list[dict]


def indicators(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    rows = []
    for block_table in {r.table.table_id: r.table for r in read_indicators(doc)}.values():
        if block_table.role == UNKNOWN_ROLE:  # a reviewer declares its id, role and measures
            first = next(r for r in read_indicators(doc) if r.table is block_table)
            names = tuple(m.name for m in block_table.measures)
            context = f"{block_table.table_id}: {len(names)} value columns"
            ReviewQueue.of(doc).add(
                Pending(
                    "table_role",
                    block_table.table_id,
                    block_table.title_zh,
                    first.line_start,
                    context,
                    None,
                    (("measures", names),),
                )
            )
    for r in read_indicators(doc):
        where = f"{r.table_id} #{r.indicator_no}"
        u = _unit(doc, r.unit_zh, r.line_start, where)
        rows.append(
            {
                "document_id": doc.document_id,
                "table_id": r.table_id,
                "indicator_no": r.indicator_no,
                "table_role": r.table.role,
                "table_title_zh": r.table.title_zh,
                "table_title_en": r.table.title_en,
                "category_zh": r.category_zh,
                "category_en": en.title("indicator_category", r.category_zh, r.line_start, where),
                "name_zh": r.name_zh,
                "name_en": en.title("indicator", r.name_zh, r.line_start, where),
                "unit_zh": r.unit_zh,
                "unit_en": u and u["unit_en"],
                "unit_multiplier": float(u["multiplier"]) if u else None,
                "base_unit_en": u and u["base_unit_en"],
                "attribute_zh": r.attribute_zh,
                "attribute_en": en.title("indicator_attribute", r.attribute_zh, r.line_start, where),
                "line_start": r.line_start,
                "line_end": r.line_end,
            }
        )
    return rows


def _unit(doc: PlanDocument, code: str | None, line: int, where: str) -> dict | None:
    """The unit of schemas/vocab/units.csv, or None and a pending item where no reviewer has added it yet (the
    figures are published as printed; their base units wait for the unit's multiplier)."""
    unit = units().get(code or "")
    if unit is None:
        English.of(doc).title("unit", code, line, where)  # the unit's English, multiplier and base unit wait
    return unit


def unit_of(code: str | None, **where) -> dict:
    """A unit of schemas/vocab/units.csv (no code: the unitless row); an error naming where it is used if absent."""
    unit = units().get(code or "")
    if unit is None:
        raise PlanDataError(
            f"unit {code!r} is not in schemas/vocab/units.csv",
            hint="add the unit with its English name and multiplier",
            **where,
        )
    return unit


def indicator_values(doc: PlanDocument) -> Rows:
    rows = []
    for r in read_indicators(doc):
        u = units().get(r.unit_zh or "")
        for name, c in r.cells.items():
            m = measure(name)
            if c.value is None:
                base, unit = None, None
            elif c.is_cumulative_pp:
                base, unit = c.value, "percentage points"
            elif m.is_growth:
                base, unit = c.value, "percent per year"
            elif u is None:
                base, unit = None, None  # the unit awaits review: no base units yet
            else:  # exact decimals: 17.1 万亿元 is 17 100 000 000 000 yuan, not 1.7100000000000002e13
                base, unit = float(Decimal(str(c.value)) * Decimal(u["multiplier"])), u["base_unit_en"]
            rows.append(
                {
                    "document_id": doc.document_id,
                    "table_id": r.table_id,
                    "indicator_no": r.indicator_no,
                    "measure": name,
                    "measure_kind": m.kind,
                    "measure_year": m.year,
                    "raw_text": c.raw_text,
                    "value": c.value,
                    "value_alt": c.value_alt,
                    "qualifier": c.qualifier,
                    "is_cumulative_pp": c.is_cumulative_pp,
                    "value_base": base,
                    "value_unit_en": unit,
                    "line_start": r.line_start,
                    "line_end": r.line_end,
                }
            )
    return rows


def quantified_targets(doc: PlanDocument) -> Rows:
    """Every decided target, and every candidate no reviewer has decided yet (pending: no metric, no verdict)."""
    rows: Rows = []
    for decided in targets.decide(doc):
        c, d = decided.candidate, decided.decision
        if d is not None and not d.is_target:
            continue
        line = c.paragraph.unit.line_at(c.offset)
        where = f"{c.key} {c.figure.printed}"
        u = _unit(doc, d.unit_zh, line, where) if d is not None else None
        digits = Decimal(re.match(r"\d+(?:\.\d+)?", c.figure.printed).group())  # type: ignore[union-attr]
        rows.append(
            {
                "document_id": doc.document_id,
                "target_no": len(rows) + 1,
                "review_status": "pending" if d is None else "reviewed",
                "paragraph_id": c.paragraph.paragraph_id,
                "paragraph_key": c.key,
                "occurrence": c.occurrence,
                "year": c.year,
                "year_basis": c.year_basis,
                "metric_zh": d and d.metric_zh,
                "metric_en": d and (d.metric_en if d.metric_zh else None),
                "comparator": targets.comparator(c.clause, c.figure),
                "value": float(digits),
                "figure_zh": c.figure.printed,
                "unit_zh": d and d.unit_zh,
                "unit_en": u and u["unit_en"],
                "value_base": float(digits * Decimal(u["multiplier"])) if u else None,
                "unit_base": u and u["base_unit_en"],
                "clause_zh": c.clause,
                "table_id": d.indicator[0] if d and d.indicator else None,
                "indicator_no": d.indicator[1] if d and d.indicator else None,
                "line_start": line,
                "line_end": line,
            }
        )
        if d is None:
            stale = decided.stale
            ReviewQueue.of(doc).add(
                Pending(
                    "decision",
                    c.key,
                    c.clause,
                    line,
                    text_context(doc, c.paragraph),
                    None
                    if stale is None
                    else f"{'target' if stale.is_target else 'not a target'} ({stale.year}): {stale.clause_zh}",
                    (("figure", c.figure.printed), ("occurrence", c.occurrence), ("year", c.year)),
                )
            )
    return rows


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.4g}"


def indicator_consistency(doc: PlanDocument) -> Rows:
    """Growth implied by base and target (a targets table) against the printed growth; for a review table, the
    baseline that the target and the result each imply at the start of the period."""
    rows = []
    for r in read_indicators(doc):
        table = r.table
        cells = {m.kind: r.cells[m.name] for m in table.measures}
        base_row = {"document_id": doc.document_id, "table_id": r.table_id, "indicator_no": r.indicator_no}
        if table.role == "targets":
            rows.append(base_row | _growth_check(cells["base"], cells["target"], cells["target_growth"], table))
        elif table.role == "review":
            unit = units().get(r.unit_zh or "")
            rows.append(base_row | _baseline_check(cells, table, unit["unit_en"] if unit else None))
        # a table whose role is not declared yet has no audit: what its columns mean waits for review
    return rows


def _agree(printed: Cell, lo: float, hi: float) -> bool:
    p_lo, p_hi = growth_bounds(printed)
    return p_lo <= hi + 1e-9 and lo <= p_hi + 1e-9


def _growth_check(base: Cell, target: Cell, growth: Cell, table: IndicatorTable) -> dict:
    years = table.growth_years or 0  # declared for every review and targets table
    printed = f"{base.raw_text} → {target.raw_text}, growth {growth.raw_text}"
    out = {"check_id": "implied_growth", "printed": printed, "expected_value": growth.value}
    if None in (base.value, target.value, growth.value):
        return out | {
            "implied_value": None,
            "implied_min": None,
            "implied_max": None,
            "unit_en": None,
            "agrees": None,
            "explanation_en": "Not comparable: a cell is empty (—).",
        }
    if growth.is_cumulative_pp:
        b_lo, b_hi = growth_bounds(base)
        t_lo, t_hi = growth_bounds(target)
        implied, lo, hi = value(target) - value(base), t_lo - b_hi, t_hi - b_lo
        unit, how = "percentage points", "target − base"
    else:
        implied, lo, hi = implied_growth(base, target, years)
        unit, how = "percent per year", f"(target / base)^(1/{years}) − 1"
    agrees = _agree(growth, lo, hi)
    note = (
        f"{how} = {implied:.2f} (between {lo:.2f} and {hi:.2f} given the rounding of the printed cells); "
        f"printed {growth.raw_text}: {'agrees' if agrees else 'DISAGREES'}."
    )
    if growth.qualifier or target.qualifier or base.qualifier:
        note += " Bounds (>, <) are compared as if exact."
    return out | {
        "implied_value": round(implied, 6),
        "implied_min": round(lo, 6),
        "implied_max": round(hi, 6),
        "unit_en": unit,
        "agrees": agrees,
        "explanation_en": note,
    }


def _baseline_check(cells: dict[str, Cell], table: IndicatorTable, unit_en: str | None) -> dict:
    """Both the target and the result, taken back by their growth over the period, imply the period's baseline."""
    years = table.growth_years or 0  # declared for every review and targets table
    t, tg, a, ag = (cells[k] for k in ("target", "target_growth", "actual", "actual_growth"))
    printed = f"target {t.raw_text} ({tg.raw_text}), actual {a.raw_text} ({ag.raw_text})"
    out = {"check_id": f"implied_baseline_{table.base_year}", "printed": printed}
    if None in (t.value, tg.value, a.value, ag.value) or tg.is_cumulative_pp != ag.is_cumulative_pp:
        return out | {
            "expected_value": None,
            "implied_value": None,
            "implied_min": None,
            "implied_max": None,
            "unit_en": None,
            "agrees": None,
            "explanation_en": "Not comparable: a cell is empty (—) or the two growth cells differ in kind.",
        }

    def baseline(level: Cell, growth: Cell) -> tuple[float, float, float]:
        l_lo, l_hi = growth_bounds(level)
        g_lo, g_hi = growth_bounds(growth)
        if growth.is_cumulative_pp:
            return value(level) - value(growth), l_lo - g_hi, l_hi - g_lo

        def f(lv: float, g: float) -> float:
            return lv / math.pow(1 + g / 100, years)

        return f(value(level), value(growth)), f(l_lo, g_hi), f(l_hi, g_lo)

    tv, t_lo, t_hi = baseline(t, tg)
    av, a_lo, a_hi = baseline(a, ag)
    agrees = t_lo <= a_hi + 1e-9 and a_lo <= t_hi + 1e-9
    how = "level − cumulative change" if tg.is_cumulative_pp else f"level / (1 + growth)^{years}"
    note = (
        f"{table.base_year} baseline ({how}): from the target {tv:.4g} (range {t_lo:.4g}–{t_hi:.4g}), from the result "
        f"{av:.4g} (range {a_lo:.4g}–{a_hi:.4g}): {'agree' if agrees else 'DISAGREE'}."
    )
    if any(c.qualifier for c in (t, tg, a, ag)):
        note += " Bounds (>, <) are compared as if exact."
    return out | {
        "expected_value": round(tv, 6),
        "implied_value": round(av, 6),
        "implied_min": round(a_lo, 6),
        "implied_max": round(a_hi, 6),
        "unit_en": unit_en,  # a level at the period's start, in the printed unit
        "agrees": agrees,
        "explanation_en": note,
    }


# --- boxes, actions, measures ------------------------------------------------------------------
