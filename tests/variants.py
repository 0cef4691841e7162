"""A derived variant of the whole plan in the web-copy layout, for tests that need a second complete document.

Format robustness is not tested with it: tests/test_formats.py, tests/test_browser_copy.py and
tests/test_html.py read hand-written fixtures (tests/fixtures/) and compare them with the PDF text. This
variant takes the annex rows and the boxes' last paragraphs from its caller, who has them from the
extractor, so it can only show that several documents build side by side (tests/test_documents.py), never
that a layout is read correctly.
"""

from __future__ import annotations

import re

from pipelines.extract.text import clean

ROW = re.compile(r"^\d{1,3}\.")


def pdf_units(text: str) -> list[str]:
    """Join wrapped lines the way the PDF text works: a line ending with a space closes a unit."""
    units, pending = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        pending.append(line.strip())
        if line != line.rstrip():
            units.append(" ".join(pending) if ROW.match(pending[0]) else "".join(pending))
            pending = []
    if pending:
        units.append("".join(pending))
    return units


def clean_variant(text: str, annex_rows: list[tuple[int, str, str]], box_last_paragraphs: set[str]) -> str:
    """The plan as copied from a web page: one paragraph per line, table cells separated by tabs, each box
    a block closed by a blank line. The annex rows and the box ends come from the caller (a web page
    shows them as table cells and framed boxes; the PDF text does not)."""
    out: list[str] = []
    units = pdf_units(text)
    value_columns = 0
    in_table = in_annex = False
    pending_name = None
    for i, unit in enumerate(units):
        text_ = clean(unit)
        if i + 1 < len(units) and clean(units[i + 1]).startswith("指标"):
            in_table, value_columns = True, 4 if "十二五" in text_ else 3
            out.append(text_)
            continue
        if in_table:
            if text_.startswith("注："):
                in_table = False
                out.append(text_)
            elif ROW.match(unit):
                tokens = unit.split()
                if len(tokens) > value_columns:
                    out.append(clean(" ".join(tokens[:-value_columns])) + "\t" + "\t".join(tokens[-value_columns:]))
                else:
                    pending_name = clean(unit)
            elif pending_name is not None:
                out.append(pending_name + "\t" + "\t".join(unit.split()))
                pending_name = None
            elif text_.startswith("指标") and value_columns == 3:
                out.append("指标\t2015年\t2020年\t年均增速（%）")
            elif text_.startswith("指标"):
                out.append("指标\t规划目标\t\t实现情况\t")
            elif (
                len(text_) > 12 or text_[0].isdigit() or text_ in ("年均增长", "（%）", "规划目标实现情况", "年均增速")
            ):
                continue  # the PDF's broken header cells: replaced by the header rows above
            else:
                out.append(text_)
            continue
        if text_.startswith("序号"):
            in_annex = True
            out.append("序号\t重点工作\t负责单位")
            out.extend(f"{no}\t{task}\t{resp}" for no, task, resp in annex_rows)
            continue
        if in_annex:
            continue
        out.append(text_)
        if text_ in box_last_paragraphs:
            out.append("")
    return "\n".join(out) + "\n"
