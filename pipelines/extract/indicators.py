"""The indicator tables: rows of (number, name with unit, value cells) → indicators + indicator_values."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pipelines.errors import PlanDataError
from pipelines.extract.model import NOTE, ROW, PlanDocument, TableBlock, is_header_row, is_value_row, split_cells
from pipelines.extract.text import clean
from schemas.constants import DASHES
from schemas.vocabulary import IndicatorTable, indicator_tables, read_csv

CELL = re.compile(
    r"^(?P<open>〔)?(?P<q1>[<>])?(?P<open2>〔)?(?P<q2>[<>])?(?P<value>\d+(?:\.\d+)?)"
    r"(?:/(?P<alt>\d+(?:\.\d+)?))?(?P<close>〕)?$"
)


@dataclass
class Cell:
    raw_text: str
    value: float | None
    value_alt: float | None
    qualifier: str | None
    is_cumulative_pp: bool
    decimals: int


def parse_cell(text: str) -> Cell:
    """`>79`, `—`, `〔2.8〕`, `〔>15〕`, `32/28`, `38.0` → parts; ValueError for anything else."""
    raw = re.sub(r"\s+", "", text)
    if raw in DASHES:
        return Cell(raw, None, None, None, False, 0)
    m = CELL.match(raw)
    if (
        not m
        or (m.group("open") or m.group("open2"))
        and not m.group("close")
        or m.group("close")
        and not (m.group("open") or m.group("open2"))
        or (m.group("q1") and m.group("q2"))
    ):
        raise ValueError(f"cell {text!r} is not a figure (expected forms: 12.5, >79, <1, 〔2.8〕, 〔>15〕, 32/28, —)")
    value = m.group("value")
    alt = m.group("alt")
    return Cell(
        raw,
        float(value),
        float(alt) if alt else None,
        m.group("q1") or m.group("q2"),
        bool(m.group("close")),
        len(value.partition(".")[2]),
    )


@dataclass
class IndicatorRow:
    table_id: str
    indicator_no: int
    category_zh: str | None
    name_zh: str
    unit_zh: str | None
    cells: dict[str, Cell]
    line_start: int
    line_end: int


def table_config(doc: PlanDocument, block: TableBlock) -> IndicatorTable:
    for cfg in indicator_tables():
        if cfg.title_zh == block.title_zh:
            return cfg
    raise PlanDataError(
        f"indicator table titled {block.title_zh!r} is not known",
        file=f"raw/{doc.source.path}",
        document_id=doc.document_id,
        table="indicators",
        line=block.title.line_start,
        hint="add it with its table_id, role and measures to schemas/vocab/indicator_tables.yaml",
    )


def split_name(text: str) -> tuple[str, str | None]:
    """`数（自）控化率（%）` → (`数（自）控化率`, `%`): the unit is the last pair of parentheses."""
    if text.endswith("）") and "（" in text:
        at = text.rindex("（")
        return text[:at], text[at + 1 : -1]
    return text, None


def read_table(doc: PlanDocument, block: TableBlock) -> list[IndicatorRow]:
    cfg = table_config(doc, block)
    measures = [m.name for m in cfg.measures]
    rows: list[IndicatorRow] = []
    category: str | None = None
    pending: tuple[int, list[str], int] | None = None  # (number, name tokens, line_start)

    def fail(message: str, line: int, number: int | None = None, hint: str | None = None) -> PlanDataError:
        return PlanDataError(
            message,
            file=f"raw/{doc.source.path}",
            document_id=doc.document_id,
            table="indicators",
            row=None if number is None else f"{cfg.table_id} #{number}",
            line=line,
            hint=hint,
        )

    def finish(number: int, name_tokens: list[str], value_cells: list[str], start: int, end: int) -> None:
        cells = {}
        for measure, text in zip(measures, value_cells, strict=False):
            try:
                cells[measure] = parse_cell(text)
            except ValueError as exc:
                raise fail(f"{measure}: {exc}", end, number, hint="correct the figure in the source") from None
        name, unit = split_name(clean(" ".join(name_tokens)))
        rows.append(IndicatorRow(cfg.table_id, number, category, name, unit, cells, start, end))

    for unit in block.units:
        if NOTE.match(unit.text):
            break
        cells = split_cells(unit)
        m = ROW.match(unit.text)
        if m:
            if pending:
                raise fail("indicator has no values", pending[2], pending[0])
            first = cells[0]
            number = int(first.split(".", 1)[0])
            cells = [first.split(".", 1)[1], *cells[1:]]
            tabbed = "\t" in unit.raw
            if (tabbed and len(cells) > 1) or (not tabbed and len(cells) > len(measures)):
                values = cells[-len(measures) :] if not tabbed else cells[1:]
                if len(values) != len(measures):
                    raise fail(
                        f"{len(values)} value cells where the table has {len(measures)} ({', '.join(measures)})",
                        unit.line_start,
                        number,
                    )
                name = cells[: len(cells) - len(measures)] if not tabbed else cells[:1]
                finish(number, name, values, unit.line_start, unit.line_end)
            else:
                pending = (number, cells, unit.line_start)
        elif pending and is_value_row(unit) or (pending and len(cells) == len(measures)):
            if len(cells) != len(measures):
                raise fail(
                    f"{len(cells)} value cells where the table has {len(measures)} ({', '.join(measures)})",
                    unit.line_start,
                    pending[0],
                )
            finish(pending[0], pending[1], cells, pending[2], unit.line_end)
            pending = None
        elif pending:
            pending = (pending[0], pending[1] + cells, pending[2])  # the name wraps over another unit
        elif is_header_row(unit):
            continue  # 指标, 规划目标, YYYY年, 年均增长（%）… in one row or in fragments
        else:
            category = unit.text  # (before the first row, the last such unit is the first category)
    if pending:
        raise fail("indicator has no values", pending[2], pending[0])
    for expected, row in enumerate(rows, 1):
        if row.indicator_no != expected:
            raise fail(
                f"indicator number {row.indicator_no} where {expected} was expected "
                f"(a row is missing, duplicated or out of order)",
                row.line_start,
                row.indicator_no,
            )
    return rows


def read_indicators(doc: PlanDocument) -> list[IndicatorRow]:
    """Every indicator table's rows, read once per document."""
    return doc.once("indicators", lambda: _read_indicators(doc))


def _read_indicators(doc: PlanDocument) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    seen: set[str] = set()
    for block in doc.tables:
        table_rows = read_table(doc, block)
        if not table_rows:
            continue
        table_id = table_rows[0].table_id
        if table_id in seen:
            raise PlanDataError(
                f"table {table_id} is printed twice",
                file=f"raw/{doc.source.path}",
                document_id=doc.document_id,
                table="indicators",
                line=block.title.line_start,
            )
        seen.add(table_id)
        rows.extend(table_rows)
    return rows


def units() -> dict[str, dict]:
    return {r["unit_zh"]: r for r in read_csv("units.csv")}


def value(cell: Cell) -> float:
    """The cell's number, where the caller has already set empty cells (—) aside."""
    assert cell.value is not None, cell.raw_text
    return cell.value


def growth_bounds(cell: Cell) -> tuple[float, float]:
    """The interval a printed figure stands for, given its rounding (half a unit of its last digit)."""
    half = 0.5 * 10 ** (-cell.decimals)
    return cell.value - half, cell.value + half


def implied_growth(base: Cell, target: Cell, years: int) -> tuple[float, float, float]:
    """Compound annual growth (percent) implied by base and target: (central, low, high)."""
    b_lo, b_hi = growth_bounds(base)
    t_lo, t_hi = growth_bounds(target)
    rate = lambda b, t: (math.pow(t / b, 1 / years) - 1) * 100  # noqa: E731
    return rate(base.value, target.value), rate(b_hi, t_lo), rate(b_lo, t_hi)
