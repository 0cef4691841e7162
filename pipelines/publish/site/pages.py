"""The catalogue site for people: static HTML rendered with Jinja2 (autoescaped), no server, no CDN.

index.html lists every data package and its tables with a client-side search; `<package>/index.html`
documents one package: downloads, provenance, licence, government catalogue entry, its charts' pages (one per
document, `<package>/charts/<document>.html`), and per table its fields and first rows. All links are relative,
so the folder works from file:// too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipelines.publish.catalogue.dcat import base_url, json_script, schema_org_dataset
from pipelines.publish.catalogue.model import CatalogModel, bilingual_description, descriptor_of, package_files
from pipelines.publish.catalogue.provenance import line_spans, package_span_text
from pipelines.publish.site.achieved import achieved_context
from pipelines.publish.site.charts import (
    achieved_chart,
    action_progress_chart,
    charts_for,
    department_progress_chart,
    drawn_charts,
)
from pipelines.publish.site.source_page import lines_html, source_lines
from pipelines.publish.site.table_pages import page_href, root_of, row_anchors, table_pages
from pipelines.publish.warehouse.views import spec_of
from schemas.frames import by_document
from schemas.spec import ColumnSpec, TableSpec

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = ("site.css", "search.js", "lang.js", "table.js", "permalinks.js")
PREVIEW_ROWS = 5
PREVIEW_CHARS = 120  # longer cells are cut in the preview; the full text is in the cell's title


def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def constraints(spec: TableSpec, col: ColumnSpec) -> list[str]:
    out = []
    if col.name in spec.primary_key:
        out.append("主键 / primary key")
    for fk in spec.foreign_keys:
        if col.name in fk["fields"]:
            ref = fk["reference"]
            out.append(f"外键 / foreign key → {ref['resource']}.{ref['fields'][fk['fields'].index(col.name)]}")
    if not col.nullable:
        out.append("必填 / required")
    if col.enum:
        out.append("取值 / one of: " + ", ".join(map(str, col.enum)))
    if col.minimum is not None:
        out.append(f"≥ {col.minimum:g}")
    if col.maximum is not None:
        out.append(f"≤ {col.maximum:g}")
    if col.pattern:
        out.append(f"格式 / pattern: {col.pattern}")
    if col.unit:
        out.append(f"单位 / unit: {col.unit}")
    return out


def _cell(value) -> dict:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return {"text": None, "full": None}
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = f"{value:.15g}"
    elif isinstance(value, pd.Timestamp):
        text = value.date().isoformat()
    else:
        text = str(value)
    if len(text) > PREVIEW_CHARS:
        return {"text": text[: PREVIEW_CHARS - 1] + "…", "full": text}
    return {"text": text, "full": None}


def preview(spec, df: pd.DataFrame) -> dict:
    columns = [c.name for c in spec.columns]
    rows = [[_cell(v) for v in row] for row in df[columns].head(PREVIEW_ROWS).itertuples(index=False, name=None)]
    return {"columns": columns, "rows": rows}


def chart_page_href(package: str, document_id: str) -> str:
    """The page of a package's charts of one document, from the catalogue's root: the charts are drawn per
    document, so the package page, which lists these pages, does not grow with the catalogue."""
    return f"{package}/charts/{document_id}.html"


def document_records(tables: dict[str, pd.DataFrame]) -> list[dict]:
    return [
        {**d, "issued_date": pd.Timestamp(d["issued_date"]).date().isoformat()}
        for d in tables["documents"].to_dict("records")
    ]


def table_context(tables: dict[str, pd.DataFrame], resource: dict, files: list[dict], documents: dict) -> dict:
    spec = spec_of(resource["name"])
    spans = [{**s, "source_file": documents[s["document_id"]]["source_file"]} for s in line_spans(tables, spec.name)]
    return {
        "name": spec.name,
        "spec": spec,
        "rows": resource["rows"],
        "spans": spans,
        "references": list(spec.references),
        "fields": [
            {
                "name": c.name,
                "type": c.type,
                "title_zh": c.title_zh,
                "title_en": c.title_en,
                "description_zh": c.description_zh,
                "description_en": c.description_en,
                "constraints": constraints(spec, c),
            }
            for c in spec.columns
        ],
        "preview": preview(spec, tables[spec.name]),
        "files": [f for f in files if f["resource"] == spec.name],
    }


def package_context(
    tables: dict[str, pd.DataFrame],
    index: dict,
    pkg: dict,
    model: CatalogModel,
    base: str,
    per_document: dict[str, dict[str, pd.DataFrame]],
    drawn: dict,
) -> dict:
    zh, en = bilingual_description(descriptor_of(model, pkg))
    files = [{**f, "href": "../" + f["path"]} for f in package_files(model, pkg)]
    documents = {d["document_id"]: d for d in document_records(tables)}
    members = [r["name"] for r in pkg["resources"]]
    prov_zh, prov_en = package_span_text(tables, members, tables["documents"])
    return {
        **pkg,
        "description_zh": zh,
        "description_en": en,
        "gov": pkg["gov_catalog"],
        "tables": [table_context(tables, r, files, documents) for r in pkg["resources"]],
        "zip_file": next(f for f in files if f["resource"] is None),
        "charts": [
            {"document": documents[doc], "href": chart_page_href(pkg["name"], doc), "charts": charts}
            for doc, charts in charts_for(per_document, members, drawn).items()
        ],
        "provenance_zh": prov_zh,
        "provenance_en": prov_en,
        "code_links": {p["gov_catalog"]["信息资源代码"]: f"../{p['name']}/index.html" for p in index["packages"]},
        "schema_org": json_script(schema_org_dataset(tables, index, pkg, model, base, files)),
    }


def search_entries(packages: list[dict]) -> list[dict]:
    """Datasets and tables with all their searchable text (Chinese and English), in page order.

    A table is listed once, under its own theme's package rather than under the package with everything.
    """
    entries, seen = [], set()
    for p in sorted(packages, key=lambda p: p["name"] == "all"):
        entries.append(
            {
                "kind": "dataset",
                "url": f"{p['name']}/index.html",
                "title_zh": p["title_zh"],
                "title_en": p["title_en"],
                "text": " ".join(
                    [
                        p["name"],
                        p["title_zh"],
                        p["title_en"],
                        p["description_zh"],
                        p["description_en"],
                        p["gov"]["信息资源代码"],
                        *(t["spec"].title_zh + " " + t["spec"].title_en for t in p["tables"]),
                    ]
                ),
            }
        )
        for t in p["tables"]:
            if t["name"] in seen:
                continue
            seen.add(t["name"])
            spec = t["spec"]
            words = [spec.name, spec.title_zh, spec.title_en, spec.description_zh, spec.description_en]
            words += [f"{c.name} {c.title_zh} {c.title_en}" for c in spec.columns]
            entries.append(
                {
                    "kind": "table",
                    "url": page_href(spec.name),
                    "title_zh": spec.title_zh,
                    "title_en": spec.title_en,
                    "text": " ".join(words),
                }
            )
    return entries


def search_index_js(entries: list[dict]) -> str:
    # "<" escaped so that the index stays safe even if it is ever inlined in a <script> element
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.PLANS_SEARCH_INDEX = {data};\n"


def render_site(
    tables: dict[str, pd.DataFrame],
    index: dict,
    out: Path,
    model: CatalogModel,
    sources: dict[str, list[str]] | None = None,
) -> None:
    """Write index.html, one page per package and its charts' pages per document, the pages of every table and
    view (table_pages: its rows, or a landing page and its rows per document), per document its source page and
    its was-it-achieved page, and the assets into `out`."""
    env = environment()
    base = base_url()
    catalog = {k: v for k, v in index.items() if k != "packages"}
    # split once; each chart is drawn once, whichever pages show it
    per_document = by_document(tables, sorted(tables["documents"]["document_id"]))
    drawn: dict = {}
    packages = [package_context(tables, index, pkg, model, base, per_document, drawn) for pkg in index["packages"]]
    documents = document_records(tables)
    for d, entry in zip(documents, index["documents"], strict=True):  # the same documents, in the same order
        d["pending"] = entry["review"]["pending"]

    assets = out / "assets"
    assets.mkdir(exist_ok=True)
    for name in ASSETS:
        (assets / name).write_bytes((TEMPLATES / name).read_bytes())
    (assets / "search-index.js").write_text(search_index_js(search_entries(packages)), encoding="utf-8")

    # links on index.html are the catalogue-relative paths; on package pages, `href`s one folder up
    home = env.get_template("index.html.j2").render(
        catalog=catalog, documents=documents, root="", packages=packages, page_href=page_href
    )
    (out / "index.html").write_text(home, encoding="utf-8")
    page = env.get_template("package.html.j2")
    chart_page = env.get_template("charts_page.html.j2")
    for p in packages:
        html = page.render(catalog=catalog, documents=documents, p=p, root="../")
        (out / p["name"] / "index.html").write_text(html, encoding="utf-8")
        for c in p["charts"]:
            (out / c["href"]).parent.mkdir(parents=True, exist_ok=True)
            html = chart_page.render(catalog=catalog, p=p, c=c, root=root_of(c["href"]))
            (out / c["href"]).write_text(html, encoding="utf-8")
    # every table and view once, whichever packages hold it; where each row is first, since rows link to other
    # tables' rows
    names = sorted({r["name"] for pkg in index["packages"] for r in pkg["resources"]})
    anchors = {name: row_anchors(spec_of(name), tables[name]) for name in names}
    source_pages = {d["document_id"] for d in documents if (sources or {}).get(d["document_id"]) is not None}
    table_page = env.get_template("table.html.j2")
    for name in names:
        for path, t in table_pages(name, tables, anchors, index["packages"], source_pages, documents):
            html = table_page.render(catalog=catalog, documents=documents, t=t, root=t["root"])
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(html, encoding="utf-8")
    achieved = env.get_template("achieved.html.j2")
    page_charts = (achieved_chart, action_progress_chart, department_progress_chart)
    for d in documents:  # was it achieved? targets, milestones and tasks of each document, on a page of its own
        doc_id = d["document_id"]
        charts = [c for build in page_charts for c in drawn_charts(build, per_document[doc_id], doc_id, drawn)]
        a = achieved_context(tables, anchors, doc_id)
        (out / "achieved").mkdir(exist_ok=True)
        html = achieved.render(catalog=catalog, d=d, a=a, charts=charts, root="../", page_href=page_href)
        (out / "achieved" / f"{doc_id}.html").write_text(html, encoding="utf-8")
    source = env.get_template("source.html.j2")
    for d in documents:
        text = (sources or {}).get(d["document_id"])
        if text is None:
            continue
        lines = source_lines(text, per_document[d["document_id"]], d["document_id"])
        (out / "source").mkdir(exist_ok=True)
        html = source.render(catalog=catalog, d=d, lines=lines, lines_html=lines_html(lines), root="../")
        (out / "source" / f"{d['document_id']}.html").write_text(html, encoding="utf-8")
