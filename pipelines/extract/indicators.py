"""The indicator tables: rows of (number, name with unit, value cells) → indicators + indicator_values."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pipelines.errors import PlanDataError
from pipelines.extract.model import (
    NOTE,
    PlanDocument,
    TableBlock,
    is_header_row,
    is_value_cell,
    is_value_row,
    row_start,
    split_cells,
    table_words,
)
from pipelines.extract.text import clean
from schemas.constants import DASHES
from schemas.vocabulary import UNKNOWN_ROLE, IndicatorTable, Measure, indicator_tables, measure, read_csv

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
    table: IndicatorTable
    indicator_no: int
    category_zh: str | None
    name_zh: str
    unit_zh: str | None
    attribute_zh: str | None  # 预期性 / 约束性, where the table has an attribute column
    cells: dict[str, Cell]
    line_start: int
    line_end: int

    @property
    def table_id(self) -> str:
        return self.table.table_id


@dataclass(frozen=True)
class Header:
    """What a table's header rows say: its value columns (years and growth, left to right, each with the kind a
    group word above it gives) and whether it has an attribute column."""

    values: tuple[tuple[str, int | None, str | None], ...]  # (year | growth, year, group kind)
    attribute: bool

    def measures(self) -> tuple[Measure, ...]:
        """The measures of a table no entry declares: value_YYYY and growth, or the kind a group word gives."""
        names: list[str] = []
        for column, year, kind in self.values:
            base = f"{kind or 'value'}_{year}" if column == "year" else (f"{kind}_growth" if kind else "growth")
            name, n = base, 2
            while name in names:  # a year printed twice without a group word above it
                name, n = f"{base}_{n}", n + 1
            names.append(name)
        return tuple(measure(n) for n in names)


def read_header(units: list) -> Header:
    """The header rows' words, in order: years and growth columns are values; a group word (规划目标) names the
    kind of the value columns that follow it, the columns shared evenly among the groups."""
    words = table_words()["columns"]
    text = "".join(u.text for u in units)

    def one_of(names) -> str:
        return "|".join(sorted(map(re.escape, names), key=len, reverse=True))

    token = re.compile(
        f"(?P<year>{words['year']})|(?P<growth>{one_of(words['growth'])})|(?P<attribute>{one_of(words['attribute'])})"
        f"|(?P<group>{one_of(words['groups'])})"
    )
    columns: list[tuple[str, int | None]] = []
    groups: list[str] = []
    attribute = False
    for m in token.finditer(text):
        if m.group("year"):
            columns.append(("year", int(m.group("year")[:4])))
        elif m.group("growth"):
            columns.append(("growth", None))
        elif m.group("attribute"):
            attribute = True
        else:
            groups.append(words["groups"][m.group("group")])
    per_group = len(columns) // len(groups) if groups and len(columns) % len(groups) == 0 else 0
    values = tuple(
        (column, year, groups[k // per_group] if per_group else None) for k, (column, year) in enumerate(columns)
    )
    return Header(values, attribute)


def table_config(doc: PlanDocument, block: TableBlock, header: Header, ordinal: int) -> IndicatorTable:
    """The table's entry in indicator_tables.yaml, by its title; a table no entry declares is read by its header,
    with its role unknown, until a reviewer declares it."""
    for cfg in indicator_tables():
        if title_key(cfg.title_zh) == title_key(block.title_zh):
            return cfg
    measures = header.measures()
    if not measures:
        raise PlanDataError(
            f"indicator table titled {block.title_zh!r} has no year or growth column in its header",
            file=doc.source.shown,
            document_id=doc.document_id,
            table="indicators",
            line=block.title.line_start,
            hint="check the table's header rows, or declare the table in schemas/vocab/indicator_tables.yaml",
        )
    return IndicatorTable(f"table_{ordinal}", UNKNOWN_ROLE, block.title_zh, None, measures, None)


QUOTES = re.compile(r"[“”\"「」『』‘’'〝〞\s]")


def title_key(title: str) -> str:
    """A table title as it is matched: its quotation marks and spaces aside (“十四五” and "十四五" are one title)."""
    return QUOTES.sub("", title)


def split_name(text: str) -> tuple[str, str | None]:
    """`数（自）控化率（%）` → (`数（自）控化率`, `%`): the unit is the last pair of parentheses."""
    if text.endswith("）") and "（" in text:
        at = text.rindex("（")
        return text[:at], text[at + 1 : -1]
    return text, None


def read_table(doc: PlanDocument, block: TableBlock, ordinal: int = 1) -> list[IndicatorRow]:
    """Every row of one table. A row is its number (1. before the name, or a 序号 cell), perhaps after a
    category cell, then its name with the unit in parentheses, then one cell per value column and perhaps the
    attribute; the name may wrap over several units (PDF text), and a category may be a row of its own."""
    body = [u for u in block.units if not NOTE.match(u.text)]
    first_row = next((k for k, u in enumerate(body) if not is_header_row(u)), len(body))
    header = read_header(body[:first_row])
    cfg = table_config(doc, block, header, ordinal)
    measures = [m.name for m in cfg.measures]
    width = len(measures) + (1 if header.attribute else 0)  # cells after the name
    attributes = set(table_words()["attributes"])
    rows: list[IndicatorRow] = []
    category: str | None = None
    pending: tuple[int, list[str], list[str], int] | None = None  # (number, name cells, value cells, first line)
    expected = 1

    def fail(message: str, line: int, number: int | None = None, hint: str | None = None) -> PlanDataError:
        return PlanDataError(
            message,
            file=doc.source.shown,
            document_id=doc.document_id,
            table="indicators",
            row=None if number is None else f"{cfg.table_id} #{number}",
            line=line,
            hint=hint,
        )

    def finish(number: int, name_cells: list[str], value_cells: list[str], start: int, end: int) -> None:
        attribute = None
        if header.attribute and value_cells and value_cells[-1] in attributes:
            attribute, value_cells = value_cells[-1], value_cells[:-1]
        if len(value_cells) != len(measures):
            raise fail(
                f"{len(value_cells)} value cells where the table has {len(measures)} ({', '.join(measures)})",
                end,
                number,
                hint="correct the row in the source, or the table's measures in schemas/vocab/indicator_tables.yaml",
            )
        cells = {}
        for name, text in zip(measures, value_cells, strict=True):
            try:
                cells[name] = parse_cell(text)
            except ValueError as exc:
                raise fail(f"{name}: {exc}", end, number, hint="correct the figure in the source") from None
        label, unit = split_name(clean(" ".join(name_cells)))
        rows.append(IndicatorRow(cfg, number, category, label, unit, attribute, cells, start, end))

    def split_values(cells: list[str]) -> tuple[list[str], list[str]]:
        """(name cells, value cells): a row that ends with a figure has its values in its last cells (a garbled
        one among them is reported by its column); else the trailing run of figures, the rest still to come."""
        if len(cells) > width and is_value_cell(cells[-1]):
            return cells[:-width], cells[-width:]
        k = len(cells)
        while k > 0 and len(cells) - k < width and is_value_cell(cells[k - 1]):
            k -= 1
        return cells[:k], cells[k:]

    for unit in body[first_row:]:
        cells = [c for c in split_cells(unit) if c]
        start = row_start(cells)
        if start is not None and start[1] == expected and not (pending and is_value_row(unit)):
            if pending:
                raise fail("indicator has no values", pending[3], pending[0])
            cat, number, rest = start
            category = cat or category
            expected = number + 1
            name, values = split_values(rest)
            if len(values) >= width:
                finish(number, name, values, unit.line_start, unit.line_end)
            else:
                pending = (number, name, values, unit.line_start)
        elif pending and is_value_row(unit):
            values = pending[2] + cells
            if len(values) >= width:
                finish(pending[0], pending[1], values, pending[3], unit.line_end)
                pending = None
            else:
                pending = (pending[0], pending[1], values, pending[3])
        elif pending:
            name, values = split_values(cells)  # the name wraps over another unit, perhaps with its values
            pending = (pending[0], pending[1] + name, pending[2] + values, pending[3])
            if len(pending[2]) >= width:
                finish(pending[0], pending[1], pending[2], pending[3], unit.line_end)
                pending = None
        elif is_header_row(unit):
            continue  # a header fragment between rows (a table that repeats its header on a new page)
        elif start is not None:
            raise fail(
                f"indicator number {start[1]} where {expected} was expected "
                f"(a row is missing, duplicated or out of order)",
                unit.line_start,
                start[1],
            )
        else:
            category = unit.text  # a category row: the rows below it belong to it
    if pending:
        raise fail("indicator has no values", pending[3], pending[0])
    return rows


def read_indicators(doc: PlanDocument) -> list[IndicatorRow]:
    """Every indicator table's rows, read once per document."""
    return doc.once("indicators", lambda: _read_indicators(doc))


def _read_indicators(doc: PlanDocument) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    seen: set[str] = set()
    for ordinal, block in enumerate(doc.tables, 1):
        table_rows = read_table(doc, block, ordinal)
        if not table_rows:
            continue
        table_id = table_rows[0].table_id
        if table_id in seen:
            raise PlanDataError(
                f"table {table_id} is printed twice",
                file=doc.source.shown,
                document_id=doc.document_id,
                table="indicators",
                line=block.title.line_start,
            )
        seen.add(table_id)
        rows.extend(table_rows)
    return rows


def units() -> dict[str, dict]:
    """The reviewed units (a worklist row not filled in yet, without its multiplier, is not one)."""
    return {r["unit_zh"]: r for r in read_csv("units.csv") if r["multiplier"].strip() and r["unit_en"].strip()}


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
