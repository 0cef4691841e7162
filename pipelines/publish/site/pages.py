"""The catalogue site for people: static HTML rendered with Jinja2 (autoescaped), no server, no CDN.

index.html lists every data package and its tables with a client-side search; `<package>/index.html`
documents one package: downloads, provenance, licence, government catalogue entry, its charts' pages (one per
document, `<package>/charts/<document>.html`), and per table its fields and first rows. All links are relative,
so the folder works from file:// too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipelines.parallel import spread
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
from pipelines.publish.site.table_pages import (
    Anchors,
    PreparedTable,
    document_page,
    landing_page,
    page_href,
    prepare_table,
    root_of,
    row_anchors,
    whole_page,
)
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
) -> dict:
    """What `package.html.j2` needs of one package; its `charts` (drawn per document, see document_pages) are
    added once the documents' pages are rendered."""
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
        "members": members,
        "charts": [],
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


@dataclass(frozen=True)
class Site:
    """Everything the pages share, made once before they are rendered, by this process or by forked workers."""

    out: Path
    env: Environment
    catalog: dict
    documents: list[dict]
    packages: list[dict]
    tables: dict[str, pd.DataFrame]
    per_document: dict[str, dict[str, pd.DataFrame]]
    anchors: dict[str, Anchors]
    prepared: list[PreparedTable]
    source_pages: set[str]
    sources: dict[str, list[str]]


def _write(out: Path, path: str, html: str) -> None:
    (out / path).parent.mkdir(parents=True, exist_ok=True)
    (out / path).write_text(html, encoding="utf-8")


def _write_table_page(site: Site, template, path: str, context: dict) -> None:
    html = template.render(catalog=site.catalog, documents=site.documents, t=context, root=context["root"])
    _write(site.out, path, html)


def document_pages(site: Site, document_ids: list[str]) -> dict[str, dict[str, dict]]:
    """Render every page of some documents: each package's chart page, each paged table's rows, the
    was-it-achieved page and the source page. Returns, per document and package, its chart page's entry with
    the charts' ids and titles only (what the index and the package pages list)."""
    env, out, catalog = site.env, site.out, site.catalog
    chart_page = env.get_template("charts_page.html.j2")
    table_page = env.get_template("table.html.j2")
    achieved = env.get_template("achieved.html.j2")
    source = env.get_template("source.html.j2")
    page_charts = (achieved_chart, action_progress_chart, department_progress_chart)
    records = {d["document_id"]: d for d in site.documents}
    listed: dict[str, dict[str, dict]] = {}
    for doc_id in document_ids:
        d, tables = records[doc_id], site.per_document[doc_id]
        drawn: dict = {}  # each chart drawn once, whichever of the document's pages show it
        for p in site.packages:
            charts = charts_for(tables, doc_id, p["members"], drawn)
            if not charts:
                continue
            href = chart_page_href(p["name"], doc_id)
            c = {"document": d, "href": href, "charts": charts}
            _write(out, href, chart_page.render(catalog=catalog, p=p, c=c, root=root_of(href)))
            titles = [{k: chart[k] for k in ("id", "title_zh", "title_en")} for chart in charts]
            listed.setdefault(doc_id, {})[p["name"]] = {**c, "charts": titles}
        for t in site.prepared:
            made = document_page(t, d, site.source_pages)
            if made is not None:
                _write_table_page(site, table_page, *made)
        charts = [c for build in page_charts for c in drawn_charts(build, tables, doc_id, drawn)]
        a = achieved_context(site.tables, site.anchors, doc_id)
        html = achieved.render(catalog=catalog, d=d, a=a, charts=charts, root="../", page_href=page_href)
        _write(out, f"achieved/{doc_id}.html", html)
        text = site.sources.get(doc_id)
        if text is not None:
            lines = source_lines(text, tables, doc_id)
            html = source.render(catalog=catalog, d=d, lines=lines, lines_html=lines_html(lines), root="../")
            _write(out, f"source/{doc_id}.html", html)
    return listed


def render_site(
    tables: dict[str, pd.DataFrame],
    index: dict,
    out: Path,
    model: CatalogModel,
    sources: dict[str, list[str]] | None = None,
) -> None:
    """Write index.html, one page per package and its charts' pages per document, the pages of every table and
    view (its rows, or a landing page and its rows per document), per document its source page and its
    was-it-achieved page, and the assets into `out`. The documents' pages are rendered by up to
    `pipelines.parallel.workers()` processes (PLANS_WORKERS); the site is the same byte for byte however many."""
    env = environment()
    base = base_url()
    catalog = {k: v for k, v in index.items() if k != "packages"}
    packages = [package_context(tables, index, pkg, model, base) for pkg in index["packages"]]
    documents = document_records(tables)
    for d, entry in zip(documents, index["documents"], strict=True):  # the same documents, in the same order
        d["pending"] = entry["review"]["pending"]
    # every table and view once, whichever packages hold it; where each row is first, since rows link to other
    # tables' rows
    names = sorted({r["name"] for pkg in index["packages"] for r in pkg["resources"]})
    anchors = {name: row_anchors(spec_of(name), tables[name]) for name in names}
    sources = sources or {}
    site = Site(
        out=out,
        env=env,
        catalog=catalog,
        documents=documents,
        packages=packages,
        tables=tables,
        per_document=by_document(tables, [d["document_id"] for d in documents]),
        anchors=anchors,
        prepared=[prepare_table(name, tables, anchors, index["packages"]) for name in names],
        source_pages={d["document_id"] for d in documents if sources.get(d["document_id"]) is not None},
        sources=sources,
    )
    ids = sorted(d["document_id"] for d in documents)
    listed: dict[str, dict[str, dict]] = {}
    for part in spread(partial(document_pages, site), ids):
        listed.update(part)
    for p in packages:  # each document's chart page, in document order, on the index and the package's page
        p["charts"] = [listed[doc][p["name"]] for doc in ids if p["name"] in listed.get(doc, {})]

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
    for p in packages:
        _write(out, f"{p['name']}/index.html", page.render(catalog=catalog, documents=documents, p=p, root="../"))
    table_page = env.get_template("table.html.j2")
    for t in site.prepared:
        _write_table_page(
            site, table_page, *(whole_page(t, site.source_pages) if t.positions is None else landing_page(t, documents))
        )
