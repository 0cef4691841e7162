"""The pages of the published tables and views, with every row as static HTML.

A table that carries `document_id` (and more than its one row per document) has one page of rows per document,
`tables/<name>/<document>.html`, and a landing page `tables/<name>.html` that lists the documents with their row
counts, so that no page grows with the catalogue; any other table has its rows on `tables/<name>.html`. Each row
has a permalink (`#row-<primary key values>`, or `#row-<n>` for a view, which has no key: numbered from 1 on its
page), a link to the source line it was read from (`source/<document>.html#L<line_start>`) and, for every
foreign key its declaration holds, a link to the row it references on that table's page. Nothing here names a
table: titles, keys and references come from the declarations (`spec_of`). Sorting and filtering are done in the
browser by `assets/table.js`; without a script the page is the whole table all the same.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from pipelines.publish.warehouse.views import spec_of
from schemas.spec import TableSpec

LINES = ("document_id", "line_start", "line_end")
# markupsafe.escape's entities, applied with str.translate: the same text, without a Markup object per cell
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _esc(text: str) -> str:
    return text.translate(_ENTITIES)


_SPACE = re.compile(r"\s+")
NULL_CELL = '<span class="null">∅</span>'
# an English text no reviewer has confirmed for its Chinese yet: marked, never taken for a translation
PENDING_CELL = (
    '<span class="pending" title="No reviewed English yet / 尚无审校译文"><span lang="en">awaiting review</span> · '
    '<span lang="zh-CN">待审校</span></span>'
)


def cell_text(value) -> str | None:
    """A value as the pages print it (None for a missing value)."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def by_document(spec: TableSpec) -> bool:
    """Whether a table's rows are paged per document: it carries `document_id`, and not as its whole key (the
    register of documents itself, one row each, stays on one page)."""
    return "document_id" in {c.name for c in spec.columns} and tuple(spec.primary_key) != ("document_id",)


def page_href(name: str, document_id: str | None = None) -> str:
    """A table's page, relative to the catalogue's root: its rows of one document when they are paged per
    document and `document_id` is given, else the table's own page (the landing page of a paged table)."""
    if document_id is not None and by_document(spec_of(name)):
        return f"tables/{name}/{document_id}.html"
    return f"tables/{name}.html"


@dataclass(frozen=True)
class Anchors:
    """Where each published row of a table is: its page (from the catalogue's root) and its anchor there."""

    pages: list[str]
    ids: list[str]

    def href(self, position: int) -> str:
        """The row's permalink, from the catalogue's root."""
        return f"{self.pages[position]}#{self.ids[position]}"


def row_anchors(spec: TableSpec, df: pd.DataFrame) -> Anchors:
    """Each row's page and its anchor: `row-<primary key values joined by ->`, or `row-<n>` without a key,
    numbered from 1 in published order on its page."""
    if by_document(spec):
        documents = df["document_id"].tolist()
        href = {d: page_href(spec.name, cell_text(d)) for d in set(documents)}  # each document's page, once
        pages = [href[d] for d in documents]
    else:
        pages = [page_href(spec.name)] * len(df)
    if not spec.primary_key:
        seen: dict[str, int] = {}
        ids = []
        for page in pages:
            seen[page] = seen.get(page, 0) + 1
            ids.append(f"row-{seen[page]}")
        return Anchors(pages, ids)
    columns = []
    for k in spec.primary_key:  # each distinct key value made into its part of an anchor once
        values = df[k].tolist()
        part = {v: _SPACE.sub("_", cell_text(v) or "") for v in set(values)}
        columns.append([part[v] for v in values])
    ids = ["row-" + "-".join(vs) for vs in zip(*columns, strict=True)]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{spec.name}: two rows give the same anchor; its primary key values run together")
    return Anchors(pages, ids)


def relative(target: str, page: str) -> str:
    """A path from the catalogue's root as a link on `page` (also from the root)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def language(column: str, names: set[str]) -> tuple[str | None, str | None]:
    """(lang attribute, switch class) of a column: `X_zh` is Chinese and `X_en` English; the language switch
    hides a column only when its twin in the other language is there to show instead."""
    stem, _, suffix = column.rpartition("_")
    if suffix == "zh":
        return "zh-CN", ("l-zh" if f"{stem}_en" in names else None)
    if suffix == "en":
        return "en", ("l-en" if f"{stem}_zh" in names else None)
    return None, None


@dataclass(frozen=True)
class Reference:
    """A foreign key as the page follows it: the column that carries the link, and value tuple → the permalink
    of the row it names (from the catalogue's root)."""

    column: str
    target: str
    fields: tuple[str, ...]
    targets: dict[tuple, str]


def references(spec: TableSpec, tables: dict[str, pd.DataFrame], anchors: dict[str, Anchors]) -> list[Reference]:
    """Every foreign key of the declaration, with the permalink of each row it can point at. The link sits on the
    key's last column (`department_id`, `task_no`), so a key that shares `document_id` still links its own cell."""
    out, linked = [], set()
    for fk in spec.foreign_keys:
        target, fields, ref_fields = fk["reference"]["resource"], tuple(fk["fields"]), fk["reference"]["fields"]
        if target not in anchors or fields[-1] in linked:
            continue
        linked.add(fields[-1])
        df, where = tables[target], anchors[target]
        keys = zip(*(map(cell_text, df[f].tolist()) for f in ref_fields), strict=True)
        targets: dict[tuple, str] = {}
        for position, key in enumerate(keys):
            targets.setdefault(key, where.href(position))
        out.append(Reference(fields[-1], target, fields, targets))
    return out


def _attrs(**attrs: str | None) -> str:
    return "".join(f' {k}="{escape(v)}"' for k, v in attrs.items() if v)


def _escaped(values: list[str | None], seen: dict[str, str]) -> list[str | None]:
    """Each text escaped for HTML (as markupsafe.escape does), each distinct text once (`seen` keeps them)."""
    for v in values:
        if v is not None and v not in seen:
            seen[v] = _esc(v)
    return [None if v is None else seen[v] for v in values]


@dataclass(frozen=True)
class Cells:
    """Cells as a page prints them: each text made and escaped once."""

    texts: dict[str, list[str | None]]
    escaped: dict[str, list[str | None]]
    awaiting: dict[str, str]  # an English column → its Chinese twin
    has_lines: bool


def table_cells(
    columns: list[dict], values: Callable[[str], list], available: set[str], at: Sequence[int], seen: dict[str, str]
) -> Cells:
    """The cells of the rows at positions `at`, from `values(column)`: a column's values in table order; `seen`
    keeps the texts escaped so far (a text met on another page of the table is escaped once)."""
    names = [c["spec"].name for c in columns]
    awaiting = {n: n[:-3] + "_zh" for n in names if n.endswith("_en") and n[:-3] + "_zh" in names}
    wanted = set(names) | set(awaiting.values()) | (set(LINES) & available)
    texts = {}
    for n in wanted:
        column = values(n)
        texts[n] = [cell_text(column[i]) for i in at]
    return Cells(texts, {n: _escaped(v, seen) for n, v in texts.items()}, awaiting, set(LINES) <= available)


def table_rows(
    columns: list[dict],
    cells: Cells,
    positions: Iterable[int],
    ids: list[str],
    refs: list[Reference],
    source_pages: set[str],
    page: str,
) -> Markup:
    """The rows at `positions` of a table, one `<tr>` each, on `page` (from the catalogue's root): its permalink,
    its source link (when its document has a source page) and its cells, a referencing cell linked to the row it
    names. Written here rather than by a template loop, which costs ten times as much on the larger tables; every
    text goes through `escape`."""
    names = [c["spec"].name for c in columns]
    texts, escaped, awaiting, has_lines = cells.texts, cells.escaped, cells.awaiting, cells.has_lines
    by_column = {r.column: r for r in refs}
    opening = [f"<td{_attrs(lang=c['lang'], **{'class': c['cls']})}>" for c in columns]
    paths: dict[str, str] = {}  # a page from the root → the link to it from this page ("" for this page)

    def link(target: str) -> str:
        path, _, anchor = target.partition("#")
        if path not in paths:
            paths[path] = "" if path == page else relative(path, page)
        return f"{paths[path]}#{anchor}" if anchor else paths[path]

    rows = []
    for i in positions:
        a = _esc(ids[i])
        out = [f'<tr id="{a}"><td class="anchor"><a href="#{a}" aria-label="{a}">#</a></td>']
        if has_lines:
            doc, start, end = (texts[c][i] for c in LINES)
            label = "" if start is None else _esc(f"L{start}" + (f"–{end}" if end not in (None, start) else ""))
            if label and doc in source_pages and start is not None and doc is not None:
                label = f'<a href="{_esc(link(f"source/{doc}.html"))}#L{_esc(start)}">{label}</a>'
            out.append(f'<td class="src">{label}</td>')
        for n, td in zip(names, opening, strict=True):
            text = texts[n][i]
            if text is None:
                twin = awaiting.get(n)  # English left null while its Chinese awaits a reviewer
                out.append(td + (PENDING_CELL if twin and texts[twin][i] is not None else NULL_CELL) + "</td>")
                continue
            ref = by_column.get(n)
            href = ref.targets.get(tuple(texts[f][i] for f in ref.fields)) if ref else None
            cell = f'<a href="{_esc(link(href))}">{escaped[n][i]}</a>' if href else escaped[n][i]
            out.append(f"{td}{cell}</td>")
        out.append("</tr>")
        rows.append("".join(out))
    return Markup("\n".join(rows))


def root_of(page: str) -> str:
    """The catalogue's root as a link from `page` (from the root): "../" per folder."""
    return "../" * page.count("/")


@dataclass(frozen=True)
class PreparedTable:
    """What every page of one table or view shares, made once before its pages are rendered (by any process):
    its columns, rows, anchors, references and where each document's rows are; the cells are made per page."""

    name: str
    common: dict
    columns: list[dict]
    frame: pd.DataFrame
    ids: list[str]
    refs: list[Reference]
    positions: dict[str, list[int]] | None  # document → its rows' positions, for a table paged per document
    columns_read: dict[str, list] = field(default_factory=dict)  # column → its values, read once by each process
    escaped: dict[str, str] = field(default_factory=dict)  # text → escaped, each text once by each process

    def values(self, column: str) -> list:
        """A column's values in table order (read from the frame the first time this process asks)."""
        if column not in self.columns_read:
            self.columns_read[column] = self.frame[column].tolist()
        return self.columns_read[column]


def prepare_table(
    name: str,
    tables: dict[str, pd.DataFrame],
    anchors: dict[str, Anchors],
    packages: list[dict],
) -> PreparedTable:
    spec = spec_of(name)
    df = tables[name]
    names = {c.name for c in spec.columns}
    refs = references(spec, tables, anchors)
    members = [p for p in packages if any(r["name"] == name for r in p["resources"])]
    home = next((p for p in members if p["name"] != "all"), members[0])
    resource = next(r for r in home["resources"] if r["name"] == name)
    columns = []
    for c in spec.columns:
        lang, switch = language(c.name, names)
        ref = next((r for r in refs if r.column == c.name), None)
        columns.append(
            {
                "spec": c,
                "lang": lang,
                "switch": switch,
                "numeric": c.type in ("integer", "number"),
                "cls": " ".join(filter(None, [switch, "num" if c.type in ("integer", "number") else None])),
                "references": ref.target if ref else None,
                "references_href": page_href(ref.target) if ref else None,
            }
        )
    common = {
        "name": name,
        "spec": spec,
        "columns": columns,
        "total": len(df),
        "has_lines": set(LINES) <= set(df.columns),
        "packages": [{"name": p["name"], "title_zh": p["title_zh"], "title_en": p["title_en"]} for p in members],
        "downloads": list(resource["downloads"].items()),
        "landing_href": page_href(name),
    }
    positions = None
    if by_document(spec):
        found = df.reset_index(drop=True).groupby("document_id", sort=False).indices
        positions = {cell_text(d) or "": list(at) for d, at in found.items()}
    return PreparedTable(name, common, columns, df, anchors[name].ids, refs, positions)


def _rows(t: PreparedTable, at: Sequence[int], source_pages: set[str], page: str) -> Markup:
    """The rows at positions `at` of a prepared table, their cells made for this page only."""
    cells = table_cells(t.columns, t.values, set(t.frame.columns), at, t.escaped)
    ids = [t.ids[i] for i in at]
    return table_rows(t.columns, cells, range(len(at)), ids, t.refs, source_pages, page)


def whole_page(t: PreparedTable, source_pages: set[str]) -> tuple[str, dict]:
    """The one page of a table that is not paged per document: (its path from the catalogue's root, what
    `table.html.j2` needs)."""
    page = page_href(t.name)
    rows = _rows(t, range(len(t.frame)), source_pages, page)
    context = {"root": root_of(page), "rows": rows, "count": len(t.frame), "document": None, "landing": None}
    return page, {**t.common, **context}


def landing_page(t: PreparedTable, documents: list[dict]) -> tuple[str, dict]:
    """The landing page of a table paged per document: the documents with their row counts."""
    listed = []
    for d in documents:
        count = len(t.positions.get(d["document_id"], [])) if t.positions else 0
        listed.append({"document": d, "rows": count, "href": page_href(t.name, d["document_id"]) if count else None})
    landing = page_href(t.name)
    context = {"root": root_of(landing), "rows": None, "count": 0, "document": None, "landing": listed}
    return landing, {**t.common, **context}


def document_page(t: PreparedTable, d: dict, source_pages: set[str]) -> tuple[str, dict] | None:
    """The page of one document's rows of a table paged per document (None when it has none)."""
    at = (t.positions or {}).get(d["document_id"], [])
    if not at:
        return None
    page = page_href(t.name, d["document_id"])
    rows = _rows(t, at, source_pages, page)
    context = {"root": root_of(page), "rows": rows, "count": len(at), "document": d, "landing": None}
    return page, {**t.common, **context}
