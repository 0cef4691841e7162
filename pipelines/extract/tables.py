"""One extractor per published table: PlanDocument → rows. Pure functions, no I/O beyond vocabularies."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pandas as pd

from pipelines.errors import PlanDataError
from pipelines.extract import annex as annex_rows
from pipelines.extract import targets
from pipelines.extract.indicators import Cell, growth_bounds, implied_growth, read_indicators, units, value
from pipelines.extract.model import Box, Paragraph, PlanDocument, Section
from pipelines.extract.pending import Pending, ReviewQueue
from pipelines.extract.source import read_outcome_files
from pipelines.extract.translation import English, paragraph_key
from pipelines.settings import folder
from schemas.frames import frame
from schemas.vocabulary import UNKNOWN_ROLE, VOCAB_DIR, IndicatorTable, english, measure, read_csv, read_yaml
from schemas.vocabulary import departments as department_vocab

Rows = list[dict]


def _structure() -> dict:
    return read_yaml("structure.yaml")


# --- text ---------------------------------------------------------------------------------------


def documents(doc: PlanDocument) -> Rows:
    m = doc.source.meta
    return [
        {
            "document_id": doc.document_id,
            "title_zh": m["title_zh"],
            "title_en": m["title_en"],
            "issuer_zh": m["issuer_zh"],
            "issuer_en": m["issuer_en"],
            "document_number": m["document_number"],
            "issued_date": pd.Timestamp(m["issued_date"]),
            "source_file": doc.source.shown,
            "source_sha256": doc.source.sha256,
            "origin_url": m["origin_url"],
            "terms_of_use": " ".join(str(m["terms_of_use"]).split()),
            "line_count": len(doc.source.lines),
        }
    ]


def outline(doc: PlanDocument) -> Rows:
    meta = doc.source.meta
    rows = []
    title_en: str | None
    en = English.of(doc)
    reviewed = english("document")  # a reviewed English title wins over one composed from the manifest
    for ordinal, s in enumerate(doc.sections, 1):
        if s.section_id in ("notice", "preamble") and s.title_zh in reviewed:
            title_en = reviewed[s.title_zh]
        elif s.section_id in ("notice", "preamble") and not (meta.get("title_en") and meta.get("issuer_en")):
            title_en = en.title("document", s.title_zh, s.line_start, "raw/sources.yaml: title_en, issuer_en")
        elif s.section_id == "notice":
            title_en = f"Notice of the {meta['issuer_en']} on Issuing {meta['title_en']}"
        elif s.section_id == "preamble":
            title_en = meta["title_en"]
        else:
            kind = "chapter" if s.level == 1 else "section"
            title_en = English.of(doc).title(kind, s.title_zh, s.line_start, f"{s.number_zh or ''}{s.title_zh}")
        rows.append(
            {
                "document_id": doc.document_id,
                "section_id": s.section_id,
                "ordinal": ordinal,
                "level": s.level,
                "number_zh": s.number_zh,
                "title_zh": s.title_zh,
                "title_en": title_en,
                "parent_section_id": s.parent_section_id,
                "line_start": s.line_start,
                "line_end": s.line_end,
            }
        )
    return rows


def _key(p: Paragraph) -> str:
    return paragraph_key(p.section_id, p.ordinal)


def _context(doc: PlanDocument, p: Paragraph) -> str:
    """Where a paragraph stands, for a reviewer: its section's number and title (and its box)."""
    s = doc.section(p.section_id)
    where = f"{s.number_zh or ''}{s.title_zh}"
    return where + (f" · 专栏{p.project_no}" if p.project_no else "")


def paragraphs(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    return [
        {
            "document_id": doc.document_id,
            "paragraph_id": p.paragraph_id,
            "section_id": p.section_id,
            "ordinal": p.ordinal,
            "project_no": p.project_no,
            "heading_zh": p.heading,
            "heading_en": en(f"{_key(p)}#heading", p.heading, p.unit.line_start, _context(doc, p)),
            "text_zh": p.text,
            "text_en": en(_key(p), p.text, p.unit.line_start, _context(doc, p)),
            "line_start": p.unit.line_start,
            "line_end": p.unit.line_end,
        }
        for p in doc.paragraphs
    ]


# --- indicators ---------------------------------------------------------------------------------


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
                    _context(doc, c.paragraph),
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


def major_projects(doc: PlanDocument) -> Rows:
    return [
        {
            "document_id": doc.document_id,
            "project_no": b.project_no,
            "title_zh": b.title_zh,
            "title_en": English.of(doc).title("project", b.title_zh, b.header.line_start, f"专栏{b.project_no}"),
            "section_id": b.section_id,
            "component_count": len(b.paragraphs),
            "line_start": b.header.line_start,
            "line_end": b.line_end,
        }
        for b in doc.boxes
    ]


def project_components(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    return [
        {
            "document_id": doc.document_id,
            "project_no": b.project_no,
            "component_no": k,
            "heading_zh": p.heading,
            "heading_en": en(f"{_key(p)}#heading", p.heading, p.unit.line_start, _context(doc, p)),
            "text_zh": p.text,
            "text_en": en(_key(p), p.text, p.unit.line_start, _context(doc, p)),
            "paragraph_id": p.paragraph_id,
            "line_start": p.unit.line_start,
            "line_end": p.unit.line_end,
        }
        for b in doc.boxes
        for k, p in enumerate(b.paragraphs, 1)
    ]


def _action_sections(doc: PlanDocument) -> list[tuple[Section, Paragraph, list[Paragraph]]]:
    """Sections that state a 行动目标 are priority actions, numbered in order (read once per document)."""
    return doc.once("actions", lambda: _read_action_sections(doc))


def _read_action_sections(doc: PlanDocument) -> list[tuple[Section, Paragraph, list[Paragraph]]]:
    prefix = _structure()["action_target_prefix"]
    out = []
    for s in doc.sections:
        if s.level != 2:
            continue
        paras = doc.section_paragraphs(s.section_id)
        target = next((p for p in paras if p.text.startswith(prefix)), None)
        if target is not None:
            out.append((s, target, [p for p in paras if p is not target]))
    return out


def priority_actions(doc: PlanDocument) -> Rows:
    prefix = _structure()["action_target_prefix"]
    en = English.of(doc)
    return [
        {
            "document_id": doc.document_id,
            "action_no": k,
            "title_zh": s.title_zh,
            "title_en": en.title("section", s.title_zh, s.line_start, f"{s.number_zh}{s.title_zh}"),
            "section_id": s.section_id,
            "target_text_zh": target.text[len(prefix) :],
            "target_text_en": en(
                f"{_key(target)}#target", target.text[len(prefix) :], target.unit.line_start, _context(doc, target)
            ),
            "line_start": s.line_start,
            "line_end": s.line_end,
        }
        for k, (s, target, _) in enumerate(_action_sections(doc), 1)
    ]


def action_milestones(doc: PlanDocument) -> Rows:
    structure = _structure()
    prefix, lead = structure["action_target_prefix"], re.compile(structure["milestone_lead"])
    en = English.of(doc)
    rows = []
    for k, (_, target, _) in enumerate(_action_sections(doc), 1):
        text = target.text[len(prefix) :]
        marks = list(lead.finditer(text))  # a target with no dated part gives no milestone
        for n, m in enumerate(marks):
            end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
            part = text[m.end() : end].rstrip("；。;")
            start_off, end_off = len(prefix) + m.start(), len(prefix) + end - 1
            rows.append(
                {
                    "document_id": doc.document_id,
                    "action_no": k,
                    "year": int(m.group(1)),
                    "text_zh": part,
                    "text_en": en(
                        f"{_key(target)}#{m.group(1)}", part, target.unit.line_at(start_off), _context(doc, target)
                    ),
                    "line_start": target.unit.line_at(start_off),
                    "line_end": target.unit.line_at(end_off),
                }
            )
    return rows


def action_tasks(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    rows = []
    for k, (_, _, tasks) in enumerate(_action_sections(doc), 1):
        for n, p in enumerate(tasks, 1):
            rows.append(
                {
                    "document_id": doc.document_id,
                    "action_no": k,
                    "task_no": n,
                    "heading_zh": p.heading,
                    "heading_en": en(f"{_key(p)}#heading", p.heading, p.unit.line_start, _context(doc, p)),
                    "text_zh": p.text,
                    "text_en": en(_key(p), p.text, p.unit.line_start, _context(doc, p)),
                    "line_start": p.unit.line_start,
                    "line_end": p.unit.line_end,
                }
            )
    return rows


def _joined(parts: list[str | None]) -> str | None:
    """The English of several paragraphs, or None (a gap) when any one of them has none."""
    return None if any(p is None for p in parts) else " ".join(p for p in parts if p)


def policy_measures(doc: PlanDocument) -> Rows:
    titles = set(_structure()["policy_chapter_titles"])
    chapters = [s for s in doc.sections if s.level == 1 and s.title_zh in titles]
    en = English.of(doc)
    rows: Rows = []
    for chapter in chapters:
        for s in doc.children(chapter.section_id):
            paras = doc.section_paragraphs(s.section_id, boxes=True)
            rows.append(
                {
                    "document_id": doc.document_id,
                    "measure_no": len(rows) + 1,
                    "title_zh": s.title_zh,
                    "title_en": en.title("section", s.title_zh, s.line_start, f"{s.number_zh}{s.title_zh}"),
                    "text_zh": "".join(p.text for p in paras),
                    "text_en": _joined([en(_key(p), p.text, p.unit.line_start, _context(doc, p)) for p in paras]),
                    "line_start": s.line_start,
                    "line_end": s.line_end,
                }
            )
    return rows


# --- annex -------------------------------------------------------------------------------------


def _annex(doc: PlanDocument) -> list[annex_rows.AnnexRow]:
    """The annex's rows, read once per document."""
    return doc.once("annex", lambda: annex_rows.read_rows(doc, list(department_vocab())))


def annex_tasks(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    kinds = {name: d["kind"] for name, d in department_vocab().items()}
    rows = []
    for r in _annex(doc):
        assignments, open_ended = annex_rows.split_responsibility(doc, r)
        rows.append(
            {
                "document_id": doc.document_id,
                "task_no": r.task_no,
                "task_zh": r.task_zh,
                "task_en": en.title("annex_task", r.task_zh, r.line_start, f"附件 序号{r.task_no}"),
                "responsibility_zh": r.responsibility_zh,
                "is_open_ended": open_ended,
                "has_lead": any(a.role == "lead" for a in assignments),
                "names_collective": any(kinds.get(a.name_zh) == "collective" for a in assignments),
                "line_start": r.line_start,
                "line_end": r.line_end,
            }
        )
    return rows


def task_departments(doc: PlanDocument) -> Rows:
    vocab = department_vocab()
    rows = []
    for r in _annex(doc):
        assignments, _ = annex_rows.split_responsibility(doc, r)
        for a in assignments:
            if a.name_zh not in vocab:
                raise PlanDataError(
                    f"department {a.name_zh!r} is not in schemas/vocab/departments.csv",
                    file=doc.source.shown,
                    document_id=doc.document_id,
                    table="task_departments",
                    row=f"序号 {r.task_no}",
                    line=r.line_start,
                    hint="add it with its full name, English name and kind, or fix the text",
                )
            rows.append(
                {
                    "document_id": doc.document_id,
                    "task_no": r.task_no,
                    "department_id": vocab[a.name_zh]["department_id"],
                    "role": a.role,
                    "ordinal": a.ordinal,
                }
            )
    return rows


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


def _core(heading: str) -> str:
    """A component heading without its leading verb and trailing 建设: 推进宽带乡村建设 → 宽带乡村."""
    words = _structure()["link_matching"]
    for verb in words["heading_verbs"]:
        if heading.startswith(verb):
            heading = heading[len(verb) :]
            break
    for tail in words["heading_tails"]:
        heading = heading.removesuffix(tail)
    return heading


def _introduced(doc: PlanDocument, box: Box) -> list[str]:
    """The 工程 the body paragraph just before a box announces (…实施宽带乡村和…基础网络完善工程。)."""
    before = [
        p
        for p in doc.paragraphs
        if p.section_id == box.section_id and p.project_no is None and p.unit.line_end < box.header.line_start
    ]
    if not before:
        return []
    verbs = "|".join(_structure()["project_task_verbs"])
    return re.findall(rf"(?:{verbs})([^，。；：、]{{2,40}}?工程)", before[-1].text)


def _link_rows(doc: PlanDocument, key: str, candidates: dict[int, dict]) -> Rows:
    """Task ↔ box or action links: a task that (组织)实施 the title or an announced 工程, or whose text holds
    every component heading's core; then the reviewed decisions (confirm, reject) of the vocabulary."""
    verbs = _structure()["project_task_verbs"]
    kind = "project" if key == "project_no" else "action"
    reviewed = annex_link_reviews(doc.vocabulary_id)
    rows = []
    for r in _annex(doc):
        for number, names in candidates.items():
            basis = [
                b
                for b, found in (
                    ("title", any(v + t in r.task_zh for v in verbs for t in names["title"])),
                    ("introducing_sentence", any(v + t in r.task_zh for v in verbs for t in names["introduced"])),
                    ("component_headings", bool(names["cores"]) and all(c in r.task_zh for c in names["cores"])),
                )
                if found
            ]
            decision = reviewed.get((kind, number, r.task_no))
            if decision == "reject":
                continue
            if basis or decision == "confirm":
                rows.append(
                    {
                        "document_id": doc.document_id,
                        "task_no": r.task_no,
                        key: number,
                        "match_basis": "; ".join(basis) if basis else "reviewed",
                    }
                )
    confirmed_unlinked = {n for (k, n, _), d in reviewed.items() if d == "unlinked" and k == kind}
    unlinked = sorted(set(candidates) - {row[key] for row in rows} - confirmed_unlinked)
    if _annex(doc):  # a document without an annex has nothing to link (its structure report says so)
        for number in unlinked:  # a reviewer confirms a link, or records why there is none
            title, line = candidates[number]["title"][0], candidates[number]["line"]
            ReviewQueue.of(doc).add(Pending("annex_link", f"{kind},{number}", title, line, f"{kind} {number}"))
    return rows


def annex_link_reviews(document_id: str) -> dict[tuple[str, int, int | None], str]:
    """(project|action, number, task_no or None) → confirm / reject / unlinked, from the reviewed vocabulary."""
    name = f"annex_links/{document_id}.csv"
    if not (VOCAB_DIR / name).exists():
        return {}
    return {
        (r["kind"], int(r["number"]), int(r["task_no"]) if r["task_no"] else None): r["decision"]
        for r in read_csv(name)
    }


def annex_task_projects(doc: PlanDocument) -> Rows:
    candidates = {
        b.project_no: {
            "title": [b.title_zh],
            "introduced": _introduced(doc, b),
            "cores": [_core(p.heading) for p in b.paragraphs if p.heading],
            "line": b.header.line_start,
        }
        for b in doc.boxes
    }
    return _link_rows(doc, "project_no", candidates)


def annex_task_actions(doc: PlanDocument) -> Rows:
    candidates = {
        k: {"title": [s.title_zh], "introduced": [], "cores": [], "line": s.line_start}
        for k, (s, _, _) in enumerate(_action_sections(doc), 1)
    }
    return _link_rows(doc, "action_no", candidates)


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
