"""One page per source document: its text with line numbers and an anchor per line (`#L161`).

Lines that fed a published row are marked, and the mark says which tables and rows they fed (a tooltip
on hover, the same text shown on keyboard focus; no script). Page breaks (runs of blank lines in the
PDF text) and box (专栏) text are shown as such. The provenance comes from the published tables' own
`line_start`/`line_end`, so the page cannot disagree with them.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from markupsafe import Markup, escape

from pipelines.publish.warehouse.views import spec_of

BOX_TABLE = "project_components"  # rows whose lines are box (专栏) text
SHOWN = 4  # rows named per line; more are counted


def line_marks(tables: dict[str, pd.DataFrame], document_id: str) -> dict[int, list[str]]:
    """Source line → "table (key)" of every published table row whose line span covers it, the narrowest spans
    first (a paragraph before the chapter that holds it)."""
    spans: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for name, df in tables.items():
        spec = spec_of(name)
        if spec.made_from == "view" or not {"line_start", "line_end", "document_id"} <= set(df.columns):
            continue
        # plain lists rather than a filtered frame and astype(str): the page is made per document (~3 ms a table)
        keys = [df[k].tolist() for k in spec.primary_key if k != "document_id"]
        ends = df["line_end"].tolist()
        for i, (doc, start) in enumerate(zip(df["document_id"].tolist(), df["line_start"].tolist(), strict=True)):
            if doc != document_id:
                continue
            label = f"{name} ({', '.join(str(k[i]) for k in keys)})"
            first, last = int(start), int(ends[i])
            for line in range(first, last + 1):
                spans[line].append((last - first, label))
    return {line: [label for _, label in sorted(found)] for line, found in spans.items()}


def lines_html(lines: list[dict]) -> Markup:
    """The `<li>` of every line, written here rather than by a template loop (a page holds thousands of lines);
    every text goes through `escape`."""
    out = []
    for line in lines:
        no = line["no"]
        text = escape(line["text"])
        if line["fed"]:
            fed = escape(line["fed"])
            body = f'<span class="fed" tabindex="0" title="{fed}" data-fed="{fed}">{text}</span>'
        else:
            body = f"<span>{text}</span>"
        before = '<li class="page-break" aria-hidden="true"></li>' if line["page_break"] else ""
        box = ' class="box"' if line["box"] else ""
        out.append(f'{before}<li id="L{no}"{box}><a class="ln" href="#L{no}">{no}</a>{body}</li>\n')
    return Markup("".join(out))


def source_lines(lines: list[str], tables: dict[str, pd.DataFrame], document_id: str) -> list[dict]:
    """What the page shows for each line: number, text, the rows it fed, box text, a page break before it."""
    marks = line_marks(tables, document_id)
    box: set[int] = set()
    comps = tables.get(BOX_TABLE)
    if comps is not None:
        for r in comps[comps["document_id"] == document_id].itertuples():
            box.update(range(int(r.line_start), int(r.line_end) + 1))
    out, blank_run = [], 0
    for no, text in enumerate(lines, 1):
        if not text.strip():
            blank_run += 1
            continue
        fed = marks.get(no, [])
        more = len(fed) - SHOWN
        out.append(
            {
                "no": no,
                "text": text.rstrip(),
                "fed": "; ".join(fed[:SHOWN]) + (f"; +{more}" if more > 0 else ""),
                "box": no in box,
                "page_break": blank_run >= 2,  # the PDF text marks a page break with a run of blank lines
            }
        )
        blank_run = 0
    return out
