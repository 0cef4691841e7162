"""The document model: outline, paragraphs, boxes (专栏), indicator tables and the annex table.

Built once per document from the laid-out units; every table extractor reads this model and
never the raw lines. Every element keeps the units (and so the source lines) it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from pipelines.errors import PlanDataError
from pipelines.extract.html import HtmlError, read_html
from pipelines.extract.layout import Layout, TruncatedText, Unit, read_layout
from pipelines.extract.source import SourceDocument
from schemas.vocabulary import read_yaml

T = TypeVar("T")
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
CHAPTER = re.compile(r"^([一二三四五六七八九十]{1,3})、(\S.{0,29})$")
SECTION = re.compile(r"^（([一二三四五六七八九十]{1,3})）(\S.{0,39}?)。?$")
BOX = re.compile(r"^专栏(\d{1,3})(\S.{0,39})$")
ANNEX = re.compile(r"^附件[：:](\S.{0,39})$")
ANNEX_ALONE = re.compile(r"^附件[：:]?$")
NOTE = re.compile(r"^注[：:]")
ANNEX_HEADER = re.compile(r"^序号")
ROW_NO = re.compile(r"^(\d{1,3})[.．](?=\S)")  # 1.信息化发展指数: the number and its point open the name
BARE_NO = re.compile(r"^\d{1,3}$")  # a 序号 column of its own
VALUE = re.compile(r"^(?:—|-|–|——|[<>]?〔?[<>]?\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?〕?)$")
LEAD = re.compile(r"^([^。！？：；]{2,30}?)。(?=\S)")


DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月(?:\d{1,2}日)?$")  # a date of issue under a title: 2021年12月
ITEM = re.compile(r"^\d{1,2}[.．、]")  # the number of a numbered item (1.千兆城市建设。…)


def numbered_items(units: list[Unit], start: int) -> list[int]:
    """The indexes of the numbered items that follow `start`: 1., 2., 3. … in sequence (2.5G… is item 2, its text
    5G…), each a unit that is no heading; empty where the units there are not numbered items."""
    out: list[int] = []
    j = start
    while j < len(units) and _heading_kind(units[j]) is None:
        text = units[j].text
        if not re.match(rf"^{len(out) + 1}[.．、]\S", text) or is_table_header(units[j]):
            break
        out.append(j)
        j += 1
    return out


def _short_title(unit: Unit) -> bool:
    """A line that can be a title: short, no sentence punctuation."""
    return 2 <= len(unit.text) <= 40 and not re.search(r"[。；，：]", unit.text)


def cn_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS[numeral]


def lead_sentence(text: str) -> str | None:
    """The paragraph's lead sentence (a bold run-in heading in print), without its final 。."""
    m = LEAD.match(text)
    return m.group(1) if m else None


@cache
def table_words() -> dict:
    """The words of indicator tables (schemas/vocab/indicator_tables.yaml): headers, column kinds, attributes."""
    return read_yaml("indicator_tables.yaml")


@cache
def _header_row() -> re.Pattern:
    """A header row is made of nothing but header words (column names, groups, years, units of a column)."""
    cfg = table_words()["columns"]
    words = [*cfg["category"], *cfg["number"], *cfg["name"], *cfg["growth"], *cfg["attribute"], *cfg["unit"]]
    words += list(cfg["groups"])
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True) + [cfg["year"]]
    return re.compile(f"^(?:{'|'.join(alternatives)})+$")


def is_header_row(unit: Unit) -> bool:
    """A row (or, in the PDF text, a fragment) of an indicator table's column headers: 指标, YYYY年, 年均增长（%）…"""
    return bool(_header_row().match(unit.text))


def is_table_header(unit: Unit) -> bool:
    """The first header row of an indicator table: header words only, among them a name column or a year."""
    if not is_header_row(unit):
        return False
    cfg = table_words()["columns"]
    return unit.text.startswith(tuple(cfg["category"] + cfg["number"] + cfg["name"])) or bool(
        re.search(cfg["year"], unit.text)
    )


def is_value_cell(cell: str) -> bool:
    """A printed figure (12.5, >79, 〔2.8〕, 32/28, —) or an indicator's attribute (预期性, 约束性)."""
    return bool(VALUE.match(cell)) or cell in table_words()["attributes"]


def is_value_row(unit: Unit) -> bool:
    cells = [c for c in split_cells(unit) if c]
    return bool(cells) and all(is_value_cell(c) for c in cells)


def row_start(cells: list[str]) -> tuple[str | None, int, list[str]] | None:
    """(category, number, the cells after the number) where the cells open an indicator row: `1.名称` or a 序号
    cell of its own, perhaps after the category in a column of its own; None where they open no row."""
    cells = [c for c in cells if c]
    for k in (0, 1):
        if len(cells) <= k + 1 and not (len(cells) > k and ROW_NO.match(cells[k])):
            break
        if k and is_value_cell(cells[0]):
            break
        first = cells[k]
        category = cells[0] if k else None
        if BARE_NO.match(first):
            return category, int(first), cells[k + 1 :]
        m = ROW_NO.match(first)
        if m:
            return category, int(m.group(1)), [first[m.end() :], *cells[k + 1 :]]
    return None


def is_open_row(unit: Unit) -> bool:
    """A numbered row whose value cells are still to come: its name goes on in the next unit (PDF text)."""
    cells = [c for c in split_cells(unit) if c]
    return not is_value_cell(cells[-1]) if cells else True


def is_category_row(unit: Unit, following: Unit | None) -> bool:
    """A category of indicators (总体发展水平): a single cell, no sentence, followed by a numbered row."""
    return (
        following is not None
        and row_start(split_cells(following)) is not None
        and len([c for c in split_cells(unit) if c]) == 1
        and not re.search(r"[。；：，]", unit.text)
        and _heading_kind(unit) is None
    )


def split_cells(unit: Unit) -> list[str]:
    """Cells of a table row: tab-separated in a web copy, space-separated in the PDF text."""
    raw = unit.raw.strip()
    if "\t" in raw:
        return [c.strip() for c in raw.split("\t")]
    return raw.split()


@dataclass
class Section:
    section_id: str
    level: int
    number_zh: str | None
    number: int | None
    title_zh: str
    parent_section_id: str | None
    heading: Unit | None
    line_start: int
    line_end: int


@dataclass
class Paragraph:
    paragraph_id: str
    section_id: str
    ordinal: int
    unit: Unit
    project_no: int | None = None
    item_no: int | None = None  # a numbered item of a box (1.千兆城市建设。…): its number, printed before it

    @property
    def text(self) -> str:
        return self.unit.text

    @property
    def heading(self) -> str | None:
        """The lead sentence: as the page marks it (bold, 楷体) where the layout marks leads, else as read (a numbered
        item's number is not part of it)."""
        if self.unit.lead_marked:
            return self.unit.lead
        text = self.text
        if self.item_no is not None:
            text = ITEM.sub("", text, count=1)
        return lead_sentence(text)


@dataclass
class Box:
    project_no: int
    title_zh: str
    section_id: str
    header: Unit
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def line_end(self) -> int:
        return self.paragraphs[-1].unit.line_end if self.paragraphs else self.header.line_end


@dataclass
class TableBlock:
    title_zh: str
    section_id: str
    title: Unit
    units: list[Unit]


@dataclass
class PlanDocument:
    source: SourceDocument
    layout: Layout
    sections: list[Section]
    paragraphs: list[Paragraph]
    boxes: list[Box]
    tables: list[TableBlock]
    annex: TableBlock | None
    findings: list[str] = field(default_factory=list)  # parts of the structure that could not be found
    # what is read from the parts above (indicator rows, annex rows, actions), read once for every table
    _read: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def once(self, part: str, read: Callable[[], T]) -> T:
        """`read()` the first time a table asks for `part`, the same objects afterwards."""
        if part not in self._read:
            self._read[part] = read()
        return self._read[part]

    @property
    def document_id(self) -> str:
        return self.source.document_id

    @property
    def vocabulary_id(self) -> str:
        """Whose reviewed vocabularies (translations, target decisions, annex links) this document uses: its
        own, or those of the document it is another copy of (`vocabulary_of` in raw/sources.yaml)."""
        return str(self.source.meta.get("vocabulary_of") or self.source.document_id)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.section_id == section_id)

    def children(self, section_id: str) -> list[Section]:
        return [s for s in self.sections if s.parent_section_id == section_id]

    def section_paragraphs(self, section_id: str, *, boxes: bool = False) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section_id == section_id and (boxes or p.project_no is None)]


def _heading_kind(unit: Unit) -> tuple[str, re.Match] | None:
    text = unit.text
    for kind, pattern in (("chapter", CHAPTER), ("section", SECTION), ("box", BOX), ("annex", ANNEX)):
        m = pattern.match(text)
        if m and not (kind in ("chapter", "section") and text.endswith(("，", "；", "、"))):
            return kind, m
    return None


class _Builder:
    def __init__(self, source: SourceDocument, layout: Layout) -> None:
        self.source = source
        self.layout = layout
        self.sections: list[Section] = []
        self.paragraphs: list[Paragraph] = []
        self.boxes: list[Box] = []
        self.tables: list[TableBlock] = []
        self.annex: TableBlock | None = None
        self.chapter: Section | None = None
        self.current: Section | None = None

    @property
    def cur(self) -> Section:
        """The section being read (there always is one once build() has opened the first)."""
        assert self.current is not None
        return self.current

    @property
    def chap(self) -> Section:
        assert self.chapter is not None
        return self.chapter

    def fail(self, message: str, unit: Unit | None, hint: str | None = None) -> PlanDataError:
        return PlanDataError(
            message,
            file=self.source.shown,
            document_id=self.source.document_id,
            line=unit.line_start if unit else None,
            hint=hint,
        )

    def open_section(self, section: Section) -> None:
        if any(s.section_id == section.section_id for s in self.sections):
            raise self.fail(
                f"section {section.number_zh}{section.title_zh} repeats the number of an "
                f"earlier one ({section.section_id})",
                section.heading,
                hint="check the numbering of the headings around this line",
            )
        self.sections.append(section)
        self.current = section

    def extend(self, unit: Unit) -> None:
        for s in (self.current, self.chapter):
            if s is not None:
                s.line_end = max(s.line_end, unit.line_end)

    def add_paragraph(self, unit: Unit, project_no: int | None = None, item_no: int | None = None) -> Paragraph:
        section_id = self.cur.section_id
        ordinal = 1 + sum(1 for p in self.paragraphs if p.section_id == section_id)
        para = Paragraph(f"p{len(self.paragraphs) + 1:04d}", section_id, ordinal, unit, project_no, item_no)
        self.paragraphs.append(para)
        self.extend(unit)
        return para

    def build(self) -> PlanDocument:
        units = self.layout.units
        if not units:
            raise PlanDataError("no text found", file=self.source.shown, document_id=self.source.document_id)
        title = clean_title(str(self.source.meta.get("title_zh") or ""))
        has_title = any(u.text == title for u in units)
        opens_with_title = has_title and units[0].text == title  # no covering notice: the plan itself
        notice = has_title and not opens_with_title
        self.open_section(
            Section(
                "notice" if notice else "preamble",
                1,
                None,
                None,
                f"{self.source.meta['issuer_zh']}关于印发{title}的通知" if notice else title,
                None,
                units[0] if opens_with_title else None,
                units[0].line_start,
                units[0].line_end,
            )
        )
        self.chapter = self.current
        if opens_with_title:  # the title, then the date of issue: the plan's heading, none of its paragraphs
            i = 1
            while i < len(units) and DATE_LINE.match(units[i].text):
                self.extend(units[i])
                i += 1
        else:
            i = self.page_title(units) if has_title else 0
        while i < len(units):
            unit = units[i]
            head = _heading_kind(unit)
            if head is None and ANNEX_ALONE.match(unit.text) and i + 1 < len(units) and _short_title(units[i + 1]):
                # 附件： on a line of its own, the annex's title on the next (a web page sets them apart)
                title_unit = units[i + 1]
                m = ANNEX.match(f"附件：{title_unit.text}")
                assert m is not None
                self.read_annex(unit, m)
                self.extend(title_unit)
                i += 2
                continue
            if self.chap.section_id == "notice" and unit.text == title:
                self.open_chapter(Section("preamble", 1, None, None, title, None, unit, unit.line_start, unit.line_end))
                i += 1
            elif (
                self.annex is None
                and i + 1 < len(units)
                and is_table_header(units[i + 1])
                and (head is None or head[0] == "box")
            ):
                i = self.read_indicator_table(i)  # (a table may stand in a box of its own: 专栏1 …主要指标)
            elif head is None:
                if self.read_body(units, i):
                    break
                i += 1
            else:
                kind, m = head
                if kind == "box":
                    i = self.read_box(i, int(m.group(1)), m.group(2))
                    continue
                {"chapter": self.read_chapter, "annex": self.read_annex, "section": self.read_section}[kind](unit, m)
                i += 1
        return PlanDocument(
            self.source,
            self.layout,
            self.sections,
            self.paragraphs,
            self.boxes,
            self.tables,
            self.annex,
            self.findings(has_title, title),
        )

    def findings(self, has_title: bool, title: str) -> list[str]:
        """What of the expected structure the text does not show, each naming what is missing and why it matters."""
        out = []
        where = self.source.shown
        if not has_title:
            out.append(
                f"the manifest's title_zh “{title}” is printed nowhere in {where} (no paragraph reads exactly so): "
                "a covering notice, if there is one, cannot be told from the plan, and everything before the first "
                "chapter is read as the preamble; correct title_zh in raw/sources.yaml to the title as printed"
            )
        if not any(s.level == 1 and s.number is not None for s in self.sections):
            out.append(f"no chapter heading (一、…) was found in {where}: the outline has no chapters")
        if self.annex is None and any(s.section_id == "annex" for s in self.sections):
            out.append(f"the annex (附件) of {where} has no table header (序号 …): it gives no annex tasks")
        return out

    def open_chapter(self, section: Section) -> None:
        self.open_section(section)
        self.chapter = self.current

    def read_body(self, units: list[Unit], i: int) -> bool:
        """A unit that is no heading: a paragraph, or the annex's table (then True: it runs to the end)."""
        unit = units[i]
        if self.chap.section_id == "annex" and ANNEX_HEADER.match(unit.text):
            self.annex = TableBlock(self.chap.title_zh, self.chap.section_id, unit, units[i + 1 :])
            for u in units[i:]:
                self.extend(u)
            return True
        if self.chap.section_id == "annex" and unit.text in ("附件：", "附件:", self.chap.title_zh):
            self.extend(unit)  # the annex's own page repeats its title
        else:
            self.add_paragraph(unit)
        return False

    def read_chapter(self, unit: Unit, m: re.Match) -> None:
        number = cn_number(m.group(1))
        self.open_chapter(
            Section(f"ch{number:02d}", 1, m.group(1), number, m.group(2), None, unit, unit.line_start, unit.line_end)
        )

    def read_annex(self, unit: Unit, m: re.Match) -> None:
        if self.chap.section_id == "annex":
            self.extend(unit)  # the heading repeated on the annex's own page
        else:
            self.open_chapter(Section("annex", 1, "附件", None, m.group(1), None, unit, unit.line_start, unit.line_end))

    def read_section(self, unit: Unit, m: re.Match) -> None:
        if self.chap.level != 1 or self.chap.number is None:
            raise self.fail(f"section heading {unit.text} stands outside any chapter", unit)
        number = cn_number(m.group(1))
        self.open_section(
            Section(
                f"{self.chap.section_id}-s{number:02d}",
                2,
                f"（{m.group(1)}）",
                number,
                m.group(2),
                self.chap.section_id,
                unit,
                unit.line_start,
                unit.line_end,
            )
        )
        self.extend(unit)

    def page_title(self, units: list[Unit]) -> int:
        """A web page opens with its own title (国务院关于印发…的通知, perhaps over two lines, perhaps twice: the page's
        headline and the document's) and the document number before the notice: they head the notice and are none
        of its paragraphs. Returns their count."""
        notice = self.cur.title_zh.replace("《", "").replace("》", "")
        n = 0
        while True:
            text, found = "", 0
            for k, u in enumerate(units[n : n + 4]):
                text += u.text.replace("《", "").replace("》", "")
                if not notice.startswith(text):
                    break
                if text == notice:
                    found = k + 1
                    break
            if not found:
                break
            n += found
        number = clean_title(str(self.source.meta.get("document_number") or ""))
        if number and n < len(units) and units[n].text == number:
            n += 1
        if n:
            self.cur.heading = units[0]
            for u in units[:n]:
                self.extend(u)
        return n

    def read_box(self, i: int, number: int, title: str) -> int:
        """A box's components are its numbered items (1.…, 2.…, in sequence, whatever the layout), or else its units
        set in the box measure up to the next heading (the PDF text sets box text wider than body text)."""
        units = self.layout.units
        header = units[i]
        box = Box(number, title, self.cur.section_id, header)
        self.extend(header)
        items = numbered_items(units, i + 1)
        if items:
            for k, j in enumerate(items, 1):
                box.paragraphs.append(self.add_paragraph(units[j], project_no=number, item_no=k))
            self.boxes.append(box)
            return items[-1] + 1
        run_end = i + 1
        while run_end < len(units) and _heading_kind(units[run_end]) is None:
            run_end += 1
        boxed = [j for j in range(i + 1, run_end) if units[j].boxed]
        last = boxed[-1] if boxed else i
        for j in range(i + 1, last + 1):
            box.paragraphs.append(self.add_paragraph(units[j], project_no=number))
        self.boxes.append(box)
        return last + 1

    def read_indicator_table(self, i: int) -> int:
        """The table runs from its title over header rows, category rows and numbered rows (with the value
        rows and name fragments of a row that wraps) to its note (注：), or to the first unit that is none of
        these. Structure decides, not length: the header words are declared in indicator_tables.yaml (the
        reader of the rows checks their numbering and says where it breaks)."""
        units = self.layout.units
        title = units[i]
        j = i + 1
        block: list[Unit] = []
        open_row = False  # the last numbered row still waits for its values (the PDF text wraps long names)
        while j < len(units):
            u = units[j]
            if NOTE.match(u.text):
                block.append(u)
                j += 1
                break
            following = units[j + 1] if j + 1 < len(units) else None
            if _heading_kind(u):
                break
            if is_value_row(u):
                open_row = False
            elif row_start(split_cells(u)) is not None:
                open_row = is_open_row(u)
            elif open_row and not u.text.endswith("。"):
                pass  # the rest of a wrapped indicator name
            elif not (is_header_row(u) or is_category_row(u, following)):
                break
            block.append(u)
            j += 1
        if block:
            boxed = BOX.match(title.text)  # a table set in a box of its own: its title follows 专栏N
            name = boxed.group(2) if boxed else title.text
            self.tables.append(TableBlock(name, self.cur.section_id, title, block))
            self.extend(block[-1])
        return j


def clean_title(title: str) -> str:
    from pipelines.extract.text import clean

    return clean(title)


def build_document(source: SourceDocument) -> PlanDocument:
    try:
        layout = read_html(source.text) if source.format == "html" else read_layout(source.lines)
    except TruncatedText as exc:
        raise PlanDataError(
            str(exc),
            file=source.shown,
            document_id=source.document_id,
            line=exc.last,
            hint="the file looks truncated: restore the complete text",
        ) from exc
    except HtmlError as exc:
        raise PlanDataError(
            str(exc),
            file=source.shown,
            document_id=source.document_id,
            line=exc.line,
            hint="save the page again from the portal, or give its text as a web copy (format: text)",
        ) from exc
    return _Builder(source, layout).build()
