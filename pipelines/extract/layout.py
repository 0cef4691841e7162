"""From the lines of a file to laid-out units: paragraphs and table cells with their source lines.

Two layouts are read:

* ``pdf``: text extracted from the PDF, one printed line per line. A line that ends with a space
  closes a unit (paragraph or cell); a line without one was wrapped and continues on the next
  non-blank line. Runs of two or more blank lines are page breaks. Boxes (专栏) are typeset
  wider than body text, which is how their end is found.
* ``clean``: text as copied from a web page: one paragraph per line, table cells separated by
  tabs, a box (专栏) as one block of lines closed by a blank line. Ideographic spaces (U+3000)
  inside words and as paragraph indents are layout, as are the page's own title lines.
* ``html``: the web page itself, read by `pipelines.extract.html` into the same units (a table
  row is one unit of tab-separated cells; lead sentences come from the page's typography).

The text layouts are detected from the text itself, never configured per file; ``html`` is the
source's declared format.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property

from pipelines.extract.text import clean, is_blank, width
from schemas.vocabulary import read_yaml


class TruncatedText(ValueError):
    """The PDF text ends inside a paragraph: every complete unit closes with a space."""

    def __init__(self, first: int, last: int) -> None:
        self.first, self.last = first, last
        super().__init__(f"the text ends mid-paragraph (lines {first}-{last} never close)")


@dataclass
class Line:
    no: int  # 1-based line number in the raw file
    text: str  # the raw line, trailing whitespace kept
    page_break_before: bool = False

    @cached_property
    def width(self) -> int:
        return width(self.text.strip())


@dataclass
class Unit:
    """A paragraph or table cell as laid out, with every source line it came from."""

    lines: list[Line]
    boxed: bool | None = None  # typeset inside a box frame (None: the layout cannot tell)
    block_end: bool = False  # clean layout: a blank line follows
    lead_marked: bool = False  # the layout marks lead sentences (bold or 楷体 in a web page)
    lead: str | None = None  # the marked lead sentence, without its final 。 (when lead_marked)

    @property
    def line_start(self) -> int:
        return self.lines[0].no

    @property
    def line_end(self) -> int:
        return self.lines[-1].no

    @cached_property
    def raw(self) -> str:
        """Lines joined without the wrap, inner spacing kept (table cells are split on it)."""
        return "".join(ln.text.strip(" \u3000\x0c\ufeff") for ln in self.lines)

    @cached_property
    def text(self) -> str:
        return clean(self.raw)

    def line_at(self, offset: int) -> int:
        """The source line holding character `offset` of `text` (de-spaced, de-wrapped)."""
        seen = 0
        for ln in self.lines:
            seen += len(clean(ln.text))
            if offset < seen:
                return ln.no
        return self.line_end


@dataclass
class Layout:
    kind: str  # "pdf", "clean" or "html"
    units: list[Unit] = field(default_factory=list)
    body_width: int | None = None


@cache
def _furniture() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in read_yaml("structure.yaml")["page_furniture"]))


def is_furniture(text: str) -> bool:
    """A line of a web page's own furniture (its address, a date stamp, 来源：, 【打印】 …), never plan text: the
    patterns are `page_furniture` in schemas/vocab/structure.yaml."""
    return bool(_furniture().fullmatch(text))


def detect_kind(lines: list[str]) -> str:
    content = [ln for ln in lines if not is_blank(ln)]
    if not content:
        return "clean"
    closing = sum(1 for ln in content if ln != ln.rstrip())
    tabbed = sum(1 for ln in content if "\t" in ln.strip())
    # PDF text closes units with a trailing space; a web copy has none and uses tabs in tables.
    return "pdf" if closing / len(content) > 0.2 and tabbed == 0 else "clean"


def read_layout(lines: list[str]) -> Layout:
    kind = detect_kind(lines)
    return _read_pdf(lines) if kind == "pdf" else _read_clean(lines)


def _read_pdf(lines: list[str]) -> Layout:
    units: list[Unit] = []
    pending: list[Line] = []
    blank_run = 0
    for no, text in enumerate(lines, 1):
        if is_blank(text):
            blank_run += 1
            continue
        line = Line(no, text.rstrip("\r\n"), page_break_before=blank_run >= 2 and bool(units or pending))
        blank_run = 0
        pending.append(line)
        if line.text != line.text.rstrip():
            units.append(Unit(pending))
            pending = []
    if pending:
        raise TruncatedText(pending[0].no, pending[-1].no)
    layout = Layout("pdf", units)
    _mark_boxes_by_width(layout)
    return layout


def _mark_boxes_by_width(layout: Layout) -> None:
    """Box text is set in a wider measure: a unit whose wrapped lines exceed the body width is boxed."""
    wrapped = Counter(ln.width for u in layout.units for ln in u.lines[:-1] if not ln.text[:1].isspace())
    if not wrapped:
        return
    body = wrapped.most_common(1)[0][0]
    layout.body_width = body
    for u in layout.units:
        inner = [ln.width + (2 if i == 0 else 0) for i, ln in enumerate(u.lines[:-1])]
        if inner:
            u.boxed = max(inner) > body + 2
        else:
            u.boxed = None


def _read_clean(lines: list[str]) -> Layout:
    units: list[Unit] = []
    for no, text in enumerate(lines, 1):
        if is_blank(text):
            if units:
                units[-1].block_end = True
            continue
        unit = Unit([Line(no, text.rstrip("\r\n") + " ")])
        if not is_furniture(unit.text):  # a copy of the whole page brings its furniture along
            units.append(unit)
    # A box is the block of lines that opens with its 专栏 title and closes at a blank line.
    inside = False
    for u in units:
        if u.text.startswith("专栏"):
            inside = True
            u.boxed = True
        else:
            u.boxed = inside
        if u.block_end:
            inside = False
    return Layout("clean", units)
