"""A web page as a source: the plan as the government portal publishes it, read from its markup.

The page is parsed by lxml's HTML parser (libxml2), never by regular expressions over the markup, and
nothing in it is run or fetched: scripts, styles, frames, forms, media and hidden elements are skipped,
and the parser has no network access. The text was already decoded with the encoding the manifest
declares, so a ``<meta charset>`` that says otherwise changes nothing.

The page gives the same units as the text layouts (`pipelines.extract.layout`), so the document model
and every extractor read it unchanged:

* a paragraph (``<p>``, ``<div>``, a heading, a list item) is one unit; a ``<br>`` inside it is a line break
  of the same paragraph, unless the text after it is indented (``　　`` or ``&nbsp;&nbsp;``), which opens a new one;
* a data table (``<table>`` of two or more columns) gives one unit per row, its cells separated by tabs
  on the grid that ``rowspan`` and ``colspan`` make: a cell spanned from the row above or from the
  left is empty, and a row held by a single cell (a category, a title, a note) is plain text, as in a
  browser copy;
* a one-column table is framed text: each paragraph in it is a unit, and when it opens with 专栏 it
  is a box (``boxed``);
* a table that holds other tables is page layout: its cells are read as paragraphs;
* a lead sentence is the paragraph's opening run in bold (``<strong>``, ``<b>``, ``font-weight``) or
  in 楷体, ending with 。;
* provenance: each unit's lines are the source lines its text stands on (lxml's ``sourceline`` of the
  element, counted on through the line breaks inside it).

Only the page's content is read when it has the portal's content container (``UCAP-CONTENT``), so
its navigation, metadata table and footer stay out. Whatever container is read, the page's own furniture is
never plan text: a block whose every letter is inside a link (navigation, share and print buttons) is
dropped, and so is a unit that matches `page_furniture` in schemas/vocab/structure.yaml (the page's address,
a date stamp, 来源：…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from pipelines.extract.layout import Layout, Line, Unit, is_furniture
from pipelines.extract.text import clean

CONTENT_IDS = ("UCAP-CONTENT",)  # the portal's article container (gov.cn)
CONTENT_CLASSES = ("pages_content", "article-content", "TRS_Editor")
BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split()
)
SKIP = frozenset(
    "applet audio base button canvas embed frame frameset head iframe input link map math meta noembed noframes "
    "noscript object param script select style svg template textarea title video".split()
)
BOLD_TAGS = frozenset({"strong", "b"})
BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
KAITI = re.compile(r"楷体|kaiti|stkaiti", re.IGNORECASE)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
INDENT = re.compile(r"^[ \t\r\n]*(?:\u3000|\u00a0{2}|\u3000?\u00a0)")  # a paragraph's indent after a <br>
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534  # the limits HTML itself sets
MAX_CELLS = 1_000_000


class HtmlError(ValueError):
    """The page cannot be read as the plan: says why and at which source line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(message)


@dataclass
class _Block:
    """The text of one paragraph as (source line, text, emphasised) runs."""

    line: int
    runs: list[tuple[int, str, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return clean("".join(t for _, t, _ in self.runs))


@dataclass
class _TableMark:
    table: etree._Element


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el) -> bool:
    return el.get("hidden") is not None or bool(HIDDEN_STYLE.search(el.get("style") or ""))


def _emphasis(el) -> bool:
    tag = _tag(el)
    style = el.get("style") or ""
    face = el.get("face") or ""
    return tag in BOLD_TAGS or bool(BOLD_STYLE.search(style) or KAITI.search(style) or KAITI.search(face))


def _is_layout_table(table) -> bool:
    return any(True for _ in table.iterdescendants("table"))


def _walk(root, *, tables: bool) -> list[_Block | _TableMark]:
    """The paragraphs under `root` (its tail excluded), in document order; with `tables`, a data or framed
    table is left as a mark for the caller instead of being read as text."""
    out: list[_Block | _TableMark] = []
    block: _Block | None = None
    line = root.sourceline or 1
    emph: list[bool] = []
    broken = False  # a <br> was met: what follows opens a new paragraph if it is indented, else goes on

    def flush(at: int) -> None:
        nonlocal block, broken
        if block is not None and block.text:
            out.append(block)
        block = _Block(at)
        broken = False

    def add(text: str | None, emphasised: bool) -> None:
        nonlocal line, block, broken
        if not text:
            return
        if broken and text.strip(" \t\r\n"):
            if INDENT.match(text) or block is None or not block.text:
                flush(line)  # <br>　　next paragraph: the indent says a new one begins
            broken = False
        if block is None:
            block = _Block(line)
        block.runs.append((line, text, emphasised))
        line += text.count("\n")

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if el.sourceline:
                line = max(line, el.sourceline)
            if not tag or tag in SKIP or _hidden(el):  # comments, processing instructions, skipped elements
                walker.skip_subtree()
                emph.append(False)
                continue
            if tag in BLOCK:
                flush(line)
            elif tag == "br":
                broken = True
            if tables and tag == "table" and el is not root and not _is_layout_table(el):
                out.append(_TableMark(el))
                walker.skip_subtree()
                emph.append(False)
                continue
            emph.append((bool(emph) and emph[-1]) or _emphasis(el))
            if tag != "br":
                add(el.text, emph[-1])
        else:
            emph.pop()
            if tag in BLOCK:
                flush(line)
            if el is not root:
                add(el.tail, bool(emph) and emph[-1])
    flush(line)
    return out


def _lines(runs: list[tuple[int, str, bool]]) -> list[Line]:
    """The runs as pieces of source lines, HTML white space collapsed. A line break inside a paragraph is
    white space: it stays as a no-break space between the pieces, which `Unit.text` reads as the space it is."""
    pieces: dict[int, str] = {}
    for line, text, _ in runs:
        for k, part in enumerate(text.split("\n")):
            pieces[line + k] = pieces.get(line + k, "") + HTML_SPACE.sub(" ", part)
    kept = [(n, t.strip(" ")) for n, t in pieces.items() if t.strip(" \u3000\u00a0")]
    return [Line(n, t + ("\u00a0" if i + 1 < len(kept) else " ")) for i, (n, t) in enumerate(kept)]


def _lead(runs: list[tuple[int, str, bool]]) -> str | None:
    """The emphasised opening run, when it ends a sentence (with 。) and more text follows it."""
    head: list[str] = []
    rest = ""
    for _, text, emphasised in runs:
        if rest or not emphasised:
            if emphasised or text.strip():
                rest += text
            continue
        head.append(text)
    lead, tail = clean("".join(head)), clean(rest)
    if not lead or not tail:
        return None  # no emphasis, or the whole paragraph emphasised (a heading, not a lead)
    if lead.endswith("。"):
        return lead[:-1] or None
    if tail.startswith("。") and len(tail) > 1:
        return lead  # <strong>…</strong>。…
    return None


def _unit(block: _Block, boxed: bool | None) -> Unit | None:
    lines = _lines(block.runs)
    if not lines:
        return None
    return Unit(lines, boxed=boxed, lead=_lead(block.runs))


def _cell_text(cell) -> tuple[str, list[tuple[int, str, bool]]]:
    blocks = [b for b in _walk(cell, tables=False) if isinstance(b, _Block)]
    runs = [r for b in blocks for r in b.runs]
    return clean("".join(t for _, t, _ in runs)), runs


def _span(cell, name: str, limit: int) -> int:
    try:
        value = int((cell.get(name) or "1").strip())
    except ValueError:
        return 1
    return min(max(value, 1), limit)


def _rows(table) -> list:
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def _table_units(table) -> list[Unit]:
    units: list[Unit] = []
    for caption in table.iterchildren("caption"):
        for b in _walk(caption, tables=False):
            if isinstance(b, _Block) and (u := _unit(b, False)) is not None:
                units.append(u)
    rows = _rows(table)
    taken: set[tuple[int, int]] = set()
    grid: list[list[tuple[int, int, etree._Element]]] = []  # per row: (column, colspan, cell) of the cells it starts
    for r, tr in enumerate(rows):
        col = 0
        starts = []
        for cell in tr:
            if _tag(cell) not in ("td", "th") or _hidden(cell):
                continue
            while (r, col) in taken:
                col += 1
            rowspan = min(_span(cell, "rowspan", MAX_ROWSPAN), len(rows) - r)
            colspan = _span(cell, "colspan", MAX_COLSPAN)
            if len(taken) + rowspan * colspan > MAX_CELLS:
                raise HtmlError(f"the table spans more than {MAX_CELLS} cells", cell.sourceline)
            taken.update((r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan))
            starts.append((col, colspan, cell))
            col += colspan
        grid.append(starts)
    width = max((c + s for starts in grid for c, s, _ in starts), default=0)
    if width <= 1:  # framed text: a box (专栏) or a single-column layout
        blocks = [b for tr in rows for cell in tr if _tag(cell) in ("td", "th") for b in _walk(cell, tables=False)]
        text_blocks = [b for b in blocks if isinstance(b, _Block)]
        boxed = bool(text_blocks) and text_blocks[0].text.startswith("专栏")
        units.extend(u for b in text_blocks if (u := _unit(b, boxed)) is not None)
        return units
    for tr, starts in zip(rows, grid, strict=True):
        cells = [(c, cell, *_cell_text(cell)) for c, _, cell in starts]
        filled = [x for x in cells if x[2]]
        if len(filled) <= 1:  # empty cells beside a single one do not make it a row of cells
            cells = filled
        if not cells:
            continue
        if len(cells) == 1:  # a row held by one cell: a category, a title or a note, as plain text
            _, cell, _, runs = cells[0]
            if (u := _unit(_Block(cell.sourceline or tr.sourceline or 1, runs), False)) is not None:
                units.append(u)
            continue
        by_col = {c: (cell, text) for c, cell, text, _ in cells}
        first = min(by_col)
        lines = [Line(tr.sourceline or 1, "")]
        for c in range(first, width):
            cell, text = by_col.get(c, (None, ""))
            at = (cell.sourceline if cell is not None else None) or lines[-1].no
            lines.append(Line(at, text + ("\t" if c + 1 < width else " ")))
        units.append(Unit(lines, boxed=False))
    return units


def _content(root):
    for ident in CONTENT_IDS:
        found = root.xpath("//*[@id=$v]", v=ident)
        if found:
            return found[0]
    for name in CONTENT_CLASSES:
        found = root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), $v)]", v=f" {name} ")
        if found:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def parse(text: str):
    """The page's element tree; HtmlError for what the parser had to give up on."""
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise HtmlError(f"the page cannot be parsed as HTML: {exc.msg}", exc.lineno) from exc
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message:
            raise HtmlError(f"the page's markup is nested too deeply to be read ({error.message.strip()})", error.line)
    if root is None:
        raise HtmlError("the page holds no HTML")
    return root


LINK_ONLY_PUNCTUATION = re.compile(r"[\s\u00a0\u3000>|/·•【】\[\]（）()、,，:：]+")


def _drop_link_blocks(root) -> None:
    """Page furniture made of links (navigation, breadcrumbs, share and print buttons) is no text of the plan: a
    block whose every letter is inside a link is removed (its tail, the text after it, stays)."""
    for el in list(root.iter()):
        if _tag(el) not in BLOCK or _tag(el) in ("body", "table", "tbody", "thead", "tr"):
            continue
        text = LINK_ONLY_PUNCTUATION.sub("", "".join(el.itertext()))
        linked = LINK_ONLY_PUNCTUATION.sub("", "".join(t for a in el.iter("a") for t in a.itertext()))
        parent = el.getparent()
        if text and text == linked and parent is not None:
            if el.tail:  # the text after the block stays where it was
                before = el.getprevious()
                if before is not None:
                    before.tail = (before.tail or "") + el.tail
                else:
                    parent.text = (parent.text or "") + el.tail
            parent.remove(el)


def read_html(text: str) -> Layout:
    """The page's units, in reading order, without the page's own furniture."""
    root = parse(text)
    content = _content(root)
    _drop_link_blocks(content)
    units: list[Unit] = []
    for item in _walk(content, tables=True):
        if isinstance(item, _TableMark):
            units.extend(u for u in _table_units(item.table) if not is_furniture(u.text))
        elif (u := _unit(item, False)) is not None and not is_furniture(u.text):
            units.append(u)
    if any(u.lead is not None for u in units):  # the page marks lead sentences: its markup decides them
        for u in units:
            u.lead_marked = True
    return Layout("html", units)
