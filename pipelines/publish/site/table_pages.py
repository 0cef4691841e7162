"""One page per published table and view, `tables/<name>.html`, with every row as static HTML.

Each row has a permalink (`#row-<primary key values>`, or `#row-<n>` for a view, which has no key), a link
to the source line it was read from (`../source/<document>.html#L<line_start>`) and, for every foreign key
its declaration holds, a link to the row it references on that table's page. Nothing here names a table:
titles, keys and references come from the declarations (`spec_of`). Sorting and filtering are done in the
browser by `assets/table.js`; without a script the page is the whole table all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def page_href(name: str) -> str:
    """A table's page, relative to the catalogue's root."""
    return f"tables/{name}.html"


def row_ids(spec: TableSpec, df: pd.DataFrame) -> list[str]:
    """`row-<primary key values joined by ->`, or `row-<n>` (from 1, in published order) without a key."""
    if not spec.primary_key:
        return [f"row-{i}" for i in range(1, len(df) + 1)]
    columns = [df[k].tolist() for k in spec.primary_key]
    ids = ["row-" + "-".join(_SPACE.sub("_", cell_text(v) or "") for v in vs) for vs in zip(*columns, strict=True)]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{spec.name}: two rows give the same anchor; its primary key values run together")
    return ids


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
    """A foreign key as the page follows it: the column that carries the link, and value tuple → target href."""

    column: str
    target: str
    fields: tuple[str, ...]
    targets: dict[tuple, str]


def references(spec: TableSpec, tables: dict[str, pd.DataFrame], ids: dict[str, list[str]]) -> list[Reference]:
    """Every foreign key of the declaration, with the anchor of each row it can point at. The link sits on the
    key's last column (`department_id`, `task_no`), so a key that shares `document_id` still links its own cell."""
    out, linked = [], set()
    for fk in spec.foreign_keys:
        target, fields, ref_fields = fk["reference"]["resource"], tuple(fk["fields"]), fk["reference"]["fields"]
        if target not in ids or fields[-1] in linked:
            continue
        linked.add(fields[-1])
        df = tables[target]
        keys = zip(*(map(cell_text, df[f].tolist()) for f in ref_fields), strict=True)
        href = f"{target}.html#" if target != spec.name else "#"
        targets: dict[tuple, str] = {}
        for key, anchor in zip(keys, ids[target], strict=True):
            targets.setdefault(key, href + anchor)
        out.append(Reference(fields[-1], target, fields, targets))
    return out


def _attrs(**attrs: str | None) -> str:
    return "".join(f' {k}="{escape(v)}"' for k, v in attrs.items() if v)


def _escaped(values: list[str | None]) -> list[str | None]:
    """Each text escaped for HTML (as markupsafe.escape does), each distinct text once."""
    seen: dict[str, str] = {}
    for v in values:
        if v is not None and v not in seen:
            seen[v] = _esc(v)
    return [None if v is None else seen[v] for v in values]


def table_rows(
    columns: list[dict],
    df: pd.DataFrame,
    ids: list[str],
    refs: list[Reference],
    source_pages: set[str],
) -> list[Markup]:
    """Each row as one `<tr>`: its permalink, its source link (when its document has a source page) and its
    cells, a referencing cell linked to the row it names. Written here rather than by a template loop, which
    costs ten times as much on the larger tables; every text goes through `escape`."""
    names = [c["spec"].name for c in columns]
    awaiting = {n: n[:-3] + "_zh" for n in names if n.endswith("_en") and n[:-3] + "_zh" in names}
    wanted = set(names) | set(awaiting.values()) | (set(LINES) & set(df.columns))
    texts = {n: [cell_text(v) for v in df[n].tolist()] for n in wanted}
    escaped = {n: _escaped(values) for n, values in texts.items()}
    by_column = {r.column: r for r in refs}
    has_lines = set(LINES) <= set(df.columns)
    opening = [f"<td{_attrs(lang=c['lang'], **{'class': c['cls']})}>" for c in columns]
    rows = []
    for i, anchor in enumerate(ids):
        a = _esc(anchor)
        out = [f'<tr id="{a}"><td class="anchor"><a href="#{a}" aria-label="{a}">#</a></td>']
        if has_lines:
            doc, start, end = (texts[c][i] for c in LINES)
            label = "" if start is None else _esc(f"L{start}" + (f"–{end}" if end not in (None, start) else ""))
            if label and doc in source_pages and start is not None and doc is not None:
                label = f'<a href="../source/{_esc(doc)}.html#L{_esc(start)}">{label}</a>'
            out.append(f'<td class="src">{label}</td>')
        for n, td in zip(names, opening, strict=True):
            text = texts[n][i]
            if text is None:
                twin = awaiting.get(n)  # English left null while its Chinese awaits a reviewer
                out.append(td + (PENDING_CELL if twin and texts[twin][i] is not None else NULL_CELL) + "</td>")
                continue
            ref = by_column.get(n)
            href = ref.targets.get(tuple(texts[f][i] for f in ref.fields)) if ref else None
            cell = f'<a href="{_esc(href)}">{escaped[n][i]}</a>' if href else escaped[n][i]
            out.append(f"{td}{cell}</td>")
        out.append("</tr>")
        rows.append(Markup("".join(out)))
    return rows


def table_page_context(
    name: str,
    tables: dict[str, pd.DataFrame],
    ids: dict[str, list[str]],
    packages: list[dict],
    source_pages: set[str],
) -> dict:
    """What `table.html.j2` needs for one table or view."""
    spec = spec_of(name)
    df = tables[name]
    names = {c.name for c in spec.columns}
    refs = references(spec, tables, ids)
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
            }
        )
    return {
        "name": name,
        "spec": spec,
        "columns": columns,
        "rows": table_rows(columns, df, ids[name], refs, source_pages),
        "has_lines": set(LINES) <= set(df.columns),
        "packages": [{"name": p["name"], "title_zh": p["title_zh"], "title_en": p["title_en"]} for p in members],
        "downloads": [{"format": fmt, "href": "../" + path} for fmt, path in resource["downloads"].items()],
    }
