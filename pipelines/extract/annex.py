"""重点任务分工方案: rebuild the two-column rows (task, responsibility) and split the departments.

In the PDF text each row prints its 重点工作 cell, then its 负责单位 cell; where a row crosses a
page break both cells continue on the next page, so the cells interleave. A row is rebuilt
page by page: on each page its task lines come first, then its department lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.errors import PlanDataError
from pipelines.extract.layout import Line
from pipelines.extract.model import PlanDocument, TableBlock
from pipelines.extract.text import clean

ROW_START = re.compile(r"^(\d{1,3})(?:\s+(\S.*))?$")
RESPONSIBILITY = re.compile(r"^(?P<body>.+?)(?P<open>等)?按职责分工负责$")


@dataclass
class AnnexRow:
    task_no: int
    task_zh: str
    responsibility_zh: str
    line_start: int
    line_end: int


@dataclass
class Assignment:
    name_zh: str
    role: str  # lead | responsible
    ordinal: int


def _fail(
    doc: PlanDocument, message: str, *, line: int, row: int | None = None, hint: str | None = None
) -> PlanDataError:
    return PlanDataError(
        message,
        file=doc.source.shown,
        document_id=doc.document_id,
        table="annex_tasks",
        row=None if row is None else f"序号 {row}",
        line=line,
        hint=hint,
    )


def _starts_with_department(text: str, names: list[str]) -> bool:
    return any(text.startswith(n) for n in names)


def read_rows(doc: PlanDocument, department_names: list[str]) -> list[AnnexRow]:
    block = doc.annex
    if block is None:
        return []
    if "\t" in block.title.raw or any("\t" in u.raw for u in block.units):
        return _read_tabbed(doc, block)
    return _read_pdf(doc, block, sorted(department_names, key=len, reverse=True))


def _read_tabbed(doc: PlanDocument, block: TableBlock) -> list[AnnexRow]:
    rows = []
    for unit in block.units:
        cells = [c.strip() for c in unit.raw.split("\t")]
        if len(cells) != 3 or not cells[0].isdigit():
            raise _fail(
                doc,
                f"expected 3 tab-separated cells (序号, 重点工作, 负责单位), found {len(cells)}",
                line=unit.line_start,
            )
        rows.append(AnnexRow(int(cells[0]), clean(cells[1]), clean(cells[2]), unit.line_start, unit.line_end))
    return _check_numbers(doc, rows)


def _read_pdf(doc: PlanDocument, block: TableBlock, names: list[str]) -> list[AnnexRow]:
    # (line, text, closes a unit) for every line of the table body
    flat: list[tuple[Line, str, bool]] = []
    for unit in block.units:
        for k, ln in enumerate(unit.lines):
            flat.append((ln, ln.text.strip(), k == len(unit.lines) - 1))
    starts = []
    for idx, (_ln, text, _) in enumerate(flat):
        first_of_unit = idx == 0 or flat[idx - 1][2]
        if first_of_unit and ROW_START.match(text):
            starts.append(idx)
    if not starts or starts[0] != 0:
        line = flat[0][0].no if flat else block.title.line_start
        raise _fail(doc, "the table does not start with a row number", line=line)
    rows = []
    for n, begin in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(flat)
        number_line, number_text, closes = flat[begin]
        m = ROW_START.match(number_text)
        assert m is not None  # `starts` holds only lines that match it
        number = int(m.group(1))
        body: list[tuple[Line, str, bool]] = []
        if m.group(2):
            body.append((number_line, m.group(2), closes))
        body.extend(flat[begin + 1 : end])
        task, resp = _split_cells(body, names)
        if not task or not resp:
            raise _fail(
                doc,
                "could not find both cells (重点工作 and 负责单位) of this row",
                line=number_line.no,
                row=number,
                hint="each row needs a task ending in 。 and a department list ending in 负责",
            )
        rows.append(
            AnnexRow(
                number,
                clean("".join(t for _, t, _ in task)),
                clean("".join(t for _, t, _ in resp)),
                number_line.no,
                body[-1][0].no,
            )
        )
    return _check_numbers(doc, rows)


def _split_cells(body, names):
    task: list[str] = []
    resp: list[str] = []
    task_done = False
    chunk: list = []
    chunks = []
    for item in body:
        if item[0].page_break_before and chunk:
            chunks.append(chunk)
            chunk = []
        chunk.append(item)
    if chunk:
        chunks.append(chunk)
    for chunk in chunks:
        if task_done:
            resp.extend(chunk)
            continue
        cut = None
        for k, (_, text, closes) in enumerate(chunk):
            if closes and text.endswith("。"):
                cut = k + 1
                break
        if cut is not None:
            task_done = True
        else:  # the task cell goes on over the page: its department lines start with a department
            lo = 0 if task else 1
            cut = next((k for k in range(lo, len(chunk)) if _starts_with_department(chunk[k][1], names)), len(chunk))
        task.extend(chunk[:cut])
        resp.extend(chunk[cut:])
    return task, resp


def _check_numbers(doc: PlanDocument, rows: list[AnnexRow]) -> list[AnnexRow]:
    seen: dict[int, AnnexRow] = {}
    for expected, row in enumerate(rows, 1):
        if row.task_no in seen:
            raise _fail(
                doc,
                f"row number {row.task_no} appears twice (first at line {seen[row.task_no].line_start})",
                line=row.line_start,
                row=row.task_no,
                hint="renumber or remove the duplicated row",
            )
        if row.task_no != expected:
            raise _fail(
                doc,
                f"row number {row.task_no} where {expected} was expected",
                line=row.line_start,
                row=row.task_no,
                hint="a row is missing or out of order",
            )
        seen[row.task_no] = row
    return rows


def split_responsibility(doc: PlanDocument, row: AnnexRow) -> tuple[list[Assignment], bool]:
    """`A、B牵头，C、D等按职责分工负责` → A, B lead; C, D responsible; open-ended (等)."""
    m = RESPONSIBILITY.match(row.responsibility_zh)
    if not m:
        raise _fail(
            doc,
            f"负责单位 {row.responsibility_zh!r} does not end with 按职责分工负责",
            line=row.line_start,
            row=row.task_no,
        )
    body = m.group("body")
    if "牵头，" in body:
        lead, rest = body.split("牵头，", 1)
    elif body.endswith("牵头"):
        lead, rest = body[:-2], ""
    else:
        lead, rest = "", body
    out: list[Assignment] = []
    for role, part in (("lead", lead), ("responsible", rest)):
        for name in filter(None, part.split("、")):
            out.append(Assignment(name, role, len(out) + 1))
    return out, m.group("open") is not None
