"""The catalogue site and its harvester metadata, checked on a real build in a temporary folder."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import duckdb
import pandas as pd
import pytest
import rdflib
from rdflib import RDF

from pipelines.publish.catalogue.dcat import BASE_URL_ENV, DEFAULT_BASE_URL, base_url, json_script
from pipelines.publish.warehouse.views import rules_sql
from tests.helpers import ROOT, make_raw, run_build

# plain namespaces: rdflib's closed DCAT namespace warns whenever pytest probes the module's attributes
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
GOV_FIELDS = [
    "信息资源名称",
    "信息资源代码",
    "提供方",
    "摘要",
    "格式",
    "信息项",
    "共享属性",
    "开放属性",
    "更新周期",
    "发布日期",
    "关联资源代码",
]
INJECTED = "<script>alert(1)</script>"


class Page(HTMLParser):
    """Links, element ids, JSON-LD blocks and SVG titles of one HTML page."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.loads: list[str] = []  # what the browser fetches by itself: scripts, stylesheets, images
        self.ids: set[str] = set()
        self.jsonld: list[str] = []
        self.svg_children: list[list[str]] = []  # the direct children of each <svg>
        self._in_jsonld = False
        self._stack: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        if a.get("src") or (tag == "link" and a.get("href")):
            self.loads.append(a.get("src") or a["href"])
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        if tag == "svg":
            self.svg_children.append([])
            self._stack = ["svg"]
        elif self._stack:
            if len(self._stack) == 1:
                self.svg_children[-1].append(tag)
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False
        if self._stack:
            self._stack.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built["catalog"]


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages(site, index) -> dict[str, Page]:
    paths = [site / "index.html"] + [site / p["name"] / "index.html" for p in index["packages"]]
    paths += [site / kind / f"{d['document_id']}.html" for d in index["documents"] for kind in ("source", "achieved")]
    paths += sorted((site / "tables").rglob("*.html")) + sorted(site.glob("*/charts/*.html"))
    return {str(p.relative_to(site)): Page(p) for p in paths}


def test_every_page_and_asset_exists(site, index):
    assert (site / "index.html").is_file()
    for pkg in index["packages"]:
        assert (site / pkg["name"] / "index.html").is_file(), pkg["name"]
    for asset in ("site.css", "search.js", "search-index.js"):
        assert (site / "assets" / asset).is_file()


def test_internal_links_resolve_to_files_and_anchors(site, pages):
    root = site.resolve()
    checked: dict[tuple[str, str], str] = {}  # (page, path) → the file it names, relative to the catalogue
    for name, page in pages.items():
        assert all(not urlsplit(u).scheme or u.startswith("data:") for u in page.loads), f"{name}: {page.loads}"
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "data"):  # the source's and the licence's own sites
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), f"{name}: not relative: {link}"
            if (name, parts.path) not in checked:
                target = ((site / name).parent / unquote(parts.path) if parts.path else site / name).resolve()
                assert target.is_file(), f"{name}: {link} points at nothing"
                assert root in target.parents, f"{name}: {link} leaves the catalogue"
                checked[(name, parts.path)] = str(target.relative_to(root))
            if parts.fragment:
                key = checked[(name, parts.path)]
                assert parts.fragment in pages[key].ids, f"{name}: no #{parts.fragment} in {key}"


def test_every_download_is_linked_from_its_package_page(site, index, pages):
    for pkg in index["packages"]:
        page = pages[f"{pkg['name']}/index.html"]
        linked = {str(((site / pkg["name"]) / link).resolve()) for link in page.links if "://" not in link}
        downloads = [(fmt, path) for r in pkg["resources"] for fmt, path in r["downloads"].items()]
        files = [path for _, path in downloads] + [pkg["zip"], pkg["path"]]
        for path in files:
            assert str((site / path).resolve()) in linked, f"{pkg['name']} page does not link {path}"
        assert {fmt for fmt, _ in downloads} == {"csv", "parquet", "xlsx"}


def test_sizes_and_hashes_published_are_the_files_on_disk(site, index, pages):
    """The catalogue model records each file's size and sha256 as it writes it; nothing is read back. Checked here
    against the files themselves, in catalog.json and on the package pages."""
    for pkg in index["packages"]:
        page = (site / pkg["name"] / "index.html").read_text(encoding="utf-8")
        for r in pkg["resources"]:
            data = (site / r["path"]).read_bytes()
            assert (len(data), f"sha256:{hashlib.sha256(data).hexdigest()}") == (r["bytes"], r["hash"]), r["path"]
        zipped = (site / pkg["zip"]).read_bytes()
        assert hashlib.sha256(zipped).hexdigest() in page, pkg["zip"]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's parser
def _language(node) -> str | None:
    assert isinstance(node, rdflib.Literal), node
    return node.language


def test_catalog_jsonld_is_dcat_rdf(site, index):
    g = rdflib.Graph().parse(site / "catalog.jsonld", format="json-ld")
    base = base_url()
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    datasets = set(g.subjects(RDF.type, DCAT.Dataset))
    distributions = set(g.subjects(RDF.type, DCAT.Distribution))
    assert len(catalogs) == 1
    assert datasets == set(g.objects(catalogs[0], DCAT.dataset))
    assert len(datasets) == len(index["packages"])
    assert len(distributions) == sum(3 * len(p["resources"]) + 1 for p in index["packages"])
    created = rdflib.Literal(index["created"], datatype=rdflib.XSD.dateTime)
    gove = rdflib.URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
    for ds in datasets:
        titles = {_language(t) for t in g.objects(ds, DCTERMS.title)}
        assert titles == {"zh", "en"}, ds
        assert {_language(d) for d in g.objects(ds, DCTERMS.description)} == {"zh", "en"}
        assert (ds, DCAT.theme, gove) in g
        assert (ds, DCTERMS.issued, created) in g and (ds, DCTERMS.modified, created) in g
        assert g.value(ds, DCTERMS.publisher) is not None
        assert {_language(k) for k in g.objects(ds, DCAT.keyword)} == {"zh", "en"}
        assert set(g.objects(ds, DCAT.distribution)) <= distributions
    license_ = rdflib.URIRef(index["license"]["path"])
    for dist in distributions:
        url = str(g.value(dist, DCAT.downloadURL))
        assert url.startswith(base), url
        file = site / url[len(base) :]
        assert file.is_file(), url
        assert int(str(g.value(dist, DCAT.byteSize))) == file.stat().st_size
        checksum = g.value(dist, SPDX.checksum)
        assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(g.value(checksum, SPDX.checksumValue)) == hashlib.sha256(file.read_bytes()).hexdigest()
        assert str(g.value(dist, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
        assert (dist, DCTERMS.license, license_) in g
        assert g.value(dist, DCAT.accessURL) is not None
        conforms = str(g.value(dist, DCTERMS.conformsTo))
        if not url.endswith(".zip"):
            package, _, resource = conforms[len(base) :].partition("#")
            names = [r["name"] for r in json.loads((site / package).read_text(encoding="utf-8"))["resources"]]
            assert resource in names, conforms


def test_base_url_is_configurable_and_checked(monkeypatch):
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    assert base_url() == DEFAULT_BASE_URL
    monkeypatch.setenv(BASE_URL_ENV, "https://data.example.net/plans")
    assert base_url() == "https://data.example.net/plans/"
    monkeypatch.setenv(BASE_URL_ENV, "./")
    with pytest.raises(ValueError, match=BASE_URL_ENV):
        base_url()


def test_schema_org_dataset_on_every_package_page(index, pages):
    for pkg in index["packages"]:
        page = pages[f"{pkg['name']}/index.html"]
        assert len(page.jsonld) == 1, pkg["name"]
        assert "<" not in page.jsonld[0]
        data = json.loads(page.jsonld[0])
        assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
        assert data["license"] == index["license"]["path"]
        assert len(data["distribution"]) == 3 * len(pkg["resources"]) + 1
        assert pkg["title_zh"] in data["name"] and pkg["title_en"] in data["name"]


def test_json_script_cannot_close_the_script_element():
    data = {"text": "</script><script>alert(1)</script> & <!--"}
    out = str(json_script(data))
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == data


def test_gov_catalog_in_index_and_pages(index, pages):
    codes = [p["gov_catalog"]["信息资源代码"] for p in index["packages"]]
    assert len(set(codes)) == len(codes)
    for pkg in index["packages"]:
        gov = pkg["gov_catalog"]
        assert list(gov) == GOV_FIELDS
        assert re.fullmatch(r"CNIP-\d{2}", gov["信息资源代码"])
        assert gov["共享属性"] == "无条件共享" and gov["开放属性"] == "无条件开放"
        assert gov["发布日期"] == index["created"][:10]
        assert set(gov["关联资源代码"]) <= set(codes) - {gov["信息资源代码"]} and gov["关联资源代码"]
        assert {i["数据表"] for i in gov["信息项"]} == {r["name"] for r in pkg["resources"]}
        assert f"{pkg['name']}/index.html" in pages
    by_name = {p["name"]: p["gov_catalog"] for p in index["packages"]}
    assert by_name["all"]["信息资源代码"] == "CNIP-00"  # codes are fixed, not positional
    assert len(by_name["all"]["关联资源代码"]) == len(index["packages"]) - 1


@pytest.mark.parametrize(
    "package, charts",
    [
        ("indicators", {"achieved", "targets", "review"}),
        ("assignments", {"leads", "department-progress"}),
        ("actions", {"milestones", "action-progress"}),
        ("all", {"achieved", "targets", "review", "leads", "milestones", "action-progress", "department-progress"}),
        ("text", set()),
    ],
)
def test_charts_are_inline_svg_with_title_and_desc(index, pages, package, charts):
    """A package's charts are on a page per document, which the package page links, chart by chart."""
    for d in index["documents"]:
        path = f"{package}/charts/{d['document_id']}.html"
        if not charts:
            assert path not in pages and not any("/charts/" in u for u in pages[f"{package}/index.html"].links)
            continue
        page = pages[path]
        expected = {f"chart-{c}-{d['document_id']}" for c in charts}
        found = {i for i in page.ids if i.startswith("chart-") and not i.endswith(("-title", "-desc"))}
        assert found == expected
        linked = {f"../{package}/charts/{d['document_id']}.html#{i}" for i in expected}
        assert linked <= set(pages[f"{package}/index.html"].links)
        assert len(page.svg_children) == len(expected)
        for chart_id in found:
            assert {f"{chart_id}-title", f"{chart_id}-desc"} <= page.ids
        for children in page.svg_children:
            assert children[:2] == ["title", "desc"] and {"g", "line", "text"} & set(children)


PLAN = "cn-13th-fyp-informatization-2016"


def _figure(html: str, chart: str) -> str:
    start = html.index(f'<figure class="chart" id="chart-{chart}-')
    return html[start : html.index("</figure>", start)]


def test_the_first_chart_answers_was_it_achieved(site):
    html = (site / "indicators" / "charts" / f"{PLAN}.html").read_text(encoding="utf-8")
    assert html.index('id="chart-achieved-') < html.index('id="chart-targets-') < html.index('id="chart-review-')
    achieved = _figure(html, "achieved")
    missed = re.findall(r'<g class="row status-missed"><title>([^·]+) ·', achieved)
    assert missed == ["IT项目投资占全社会固定资产投资总额的比例", "信息消费规模", "电子商务交易规模", "网民数量"]
    assert achieved.count('class="row status-met"') == 5
    assert achieved.count('class="row status-no-data"') == 2 and "Was it achieved?" in achieved


def test_the_was_it_achieved_page_groups_targets_milestones_and_tasks(site):
    html = (site / "achieved" / "cn-13th-fyp-informatization-2016.html").read_text(encoding="utf-8")
    assert html.index('id="targets"') < html.index('id="milestones"') < html.index('id="tasks"')
    assert html.count('class="kind kind-official-reprint"') >= 5 and 'class="kind kind-secondary"' in html
    assert "《“十四五”国家信息化规划》网民规模" in html and "9.89亿" in html  # the lineage into the next plan
    assert html.count("../tables/target_outcomes/cn-13th-fyp-informatization-2016.html#row-") == 32
    assert html.count("../tables/milestone_progress/cn-13th-fyp-informatization-2016.html#row-") == 24
    assert html.count("../tables/task_progress/cn-13th-fyp-informatization-2016.html#row-") == 74
    assert 'id="chart-action-progress-' in html and 'id="chart-department-progress-' in html


def test_review_chart_marks_missed_targets(site):
    html = _figure((site / "indicators" / "charts" / f"{PLAN}.html").read_text(encoding="utf-8"), "review")
    missed = re.findall(r'<g class="row status-missed"><title>([^·]+) ·', html)
    assert missed == [
        "信息化发展指数",
        "网民数量（亿）",
        "固定互联网宽带接入用户（亿户）",
        "县级以上城市有线广播电视网络实现双向化率（%）",
        "互联网国际出口带宽（Tbps）",
        "制造业主要行业大中型企业关键工序数（自）控化率（%）",  # 70 against >70: a strict minimum
    ]
    assert html.count('class="row status-met"') == 11


@pytest.mark.parametrize(
    "target, alt, qualifier, actual, lower, expected",
    [
        (8.5, None, None, 6.88, False, "missed"),  # 网民数量
        (0.77, None, ">", 1.2, False, "met"),  # 光纤入户用户数: a minimum, exceeded
        (70, None, ">", 70, False, "missed"),  # a strict minimum (>70) reached exactly: not above it
        (79, None, ">", 72.45, False, "missed"),  # 信息化发展指数
        (32, 28, None, 28, True, "met"),  # 32/28 nm: a process node is better when smaller
        (32, 28, None, 40, True, "missed"),
        (1, None, "<", 0.5, False, "met"),  # a maximum
        (None, None, None, 5, False, "not comparable"),  # target printed as —
        (5, None, None, None, False, "not comparable"),
    ],
)
def test_review_status(target, alt, qualifier, actual, lower, expected):
    """The rule of the view indicator_review_results (whose statuses the review chart draws), on single cases."""
    con = duckdb.connect()
    con.execute(rules_sql())
    sql = (
        "SELECT plans_verdict(actual, NULL, comparator, plans_threshold(target, alt, comparator)) FROM "
        "(SELECT *, plans_table_comparator(qualifier, unit_zh) AS comparator FROM (SELECT ?::DOUBLE AS target, "
        "?::DOUBLE AS alt, ?::VARCHAR AS qualifier, ?::DOUBLE AS actual, ?::VARCHAR AS unit_zh))"
    )
    unit = "纳米" if lower else None  # the unit whose indicators improve as they shrink (macro plans_direction)
    assert con.execute(sql, [target, alt, qualifier, actual, unit]).fetchone() == (expected,)


def test_search_index_covers_datasets_and_tables(site, index):
    text = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.PLANS_SEARCH_INDEX = "
    assert text.startswith(prefix)
    entries = json.loads(text[len(prefix) :].rstrip().rstrip(";"))
    datasets = {e["url"] for e in entries if e["kind"] == "dataset"}
    assert datasets == {f"{p['name']}/index.html" for p in index["packages"]}
    tables = {r["name"] for p in index["packages"] for r in p["resources"]}
    assert {e["url"] for e in entries if e["kind"] == "table"} == {f"tables/{name}.html" for name in tables}
    assert any("重大工程" in e["text"] for e in entries)


def test_provenance_cites_source_lines(site, pages):
    html = (site / "indicators" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'第 (\d+–\d+) 行</span><span class="l-sep"> / </span><span class="l-en" lang="en">lines \1<', html
    )
    assert "CC-BY-4.0" in html and "Copyright Law" in html


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A build whose source metadata carries a script tag in the English title (every Chinese text of the plan
    has a reviewed translation keyed by its hash, so the text itself cannot change without a stale translation;
    the title reaches documents, outline, every page and the DCAT file all the same)."""
    root = tmp_path_factory.mktemp("hostile")
    title = "The 13th Five-Year National Informatization Plan " + INJECTED
    raw = make_raw(root / "raw", entry_updates={"title_en": title})
    result = run_build(raw, root / "warehouse", root / "catalog")
    assert result.code == 0, result.err
    return root / "catalog"


@pytest.mark.slow  # a build of its own
def test_text_from_the_source_is_escaped(hostile_site):
    """Markup in the source is data: kept verbatim in the data files, escaped on every page."""
    documents = pd.read_parquet(hostile_site.parent / "warehouse" / "parquet" / "documents.parquet")
    assert documents.title_en.str.contains(INJECTED, regex=False).sum() == 1
    assert INJECTED.replace('"', '""') in (hostile_site / "text" / "data" / "documents.csv").read_text(encoding="utf-8")
    page = (hostile_site / "text" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for html in hostile_site.rglob("*.html"):
        assert INJECTED not in html.read_text(encoding="utf-8"), html


def test_an_english_reader_can_read_the_milestones(site):
    """The actions charts list every dated milestone in both languages, each marked with its language."""
    page = (site / "actions" / "charts" / f"{PLAN}.html").read_text(encoding="utf-8")
    start = page.index('<table class="milestones">')
    table = page[start : page.index("</table>", start)]
    english = re.findall(r'<td lang="en">([^<]+)</td>', table)
    assert len(english) == 24 and any("832" in e and "128,000" in e for e in english)
    assert table.count('<td lang="zh-CN">') == 24


def test_the_source_page_shows_every_line_with_its_anchor_and_what_it_fed(site, index):
    """Each document's text, line by line with #L anchors; fed lines say which rows; provenance links land there."""
    from tests.helpers import seed_text

    doc = index["documents"][0]["document_id"]
    page = (site / "source" / f"{doc}.html").read_text(encoding="utf-8")
    lines = seed_text().split("\n")
    for no, text in enumerate(lines, 1):
        if text.strip():
            assert f'<li id="L{no}"' in page, no
    row = re.search(r'<li id="L869"[^>]*>.*?title="([^"]+)"', page)
    assert row and "quantified_targets" in row.group(1) and "project_components (4, 1)" in row.group(1)
    assert 'id="L869" class="box"' in page  # box 4's text
    assert page.count('class="page-break"') >= 40
    for pkg in ("indicators", "text"):
        html = (site / pkg / "index.html").read_text(encoding="utf-8")
        for anchor in re.findall(rf'href="\.\./source/{doc}\.html#L(\d+)"', html):
            assert f'<li id="L{anchor}"' in page


class Rows(HTMLParser):
    """The rows of a table page (`table#rows`): each row's id and its cells' text, attributes and links."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.columns: list[str] = []
        self.rows: list[dict] = []
        self._cell: dict | None = None
        self._in_head = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head and a.get("id", "").startswith("row-"):
            self.rows.append({"id": a["id"], "cells": []})
        elif tag == "td" and self.rows and not self._in_head:
            self._cell = {"attrs": a, "text": "", "hrefs": []}
            self.rows[-1]["cells"].append(self._cell)
        elif tag == "a" and self._cell is not None and a.get("href"):
            self._cell["hrefs"].append(a["href"])
        elif tag == "code" and self._in_head:
            self.columns.append("")
            self._cell = {"code": True}

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        if tag in ("td", "code"):
            self._cell = None

    def handle_data(self, data):
        if self._cell is None:
            return
        if self._cell.get("code"):
            self.columns[-1] += data
        else:
            self._cell["text"] += data


def _paged(name: str) -> bool:
    """A table whose rows are on one page per document: it carries document_id, and not as its whole key."""
    from pipelines.publish.warehouse.views import spec_of

    spec = spec_of(name)
    return "document_id" in {c.name for c in spec.columns} and tuple(spec.primary_key) != ("document_id",)


class TableRows:
    """All the rows of a table or view as the site shows them, from its one page or its pages per document (in
    the documents' order), each row with the page it is on."""

    def __init__(self, site: Path, index: dict, name: str) -> None:
        if _paged(name):
            paths = [f"tables/{name}/{d['document_id']}.html" for d in index["documents"]]
            paths = [p for p in paths if (site / p).is_file()]
        else:
            paths = [f"tables/{name}.html"]
        self.columns: list[str] = []
        self.rows: list[dict] = []
        for path in paths:
            page = Rows(site / path)
            self.columns = self.columns or page.columns
            assert page.columns == self.columns, path
            self.rows += [{**row, "page": path} for row in page.rows]


@pytest.fixture(scope="module")
def table_pages(site, index) -> dict[str, TableRows]:
    names = sorted({r["name"] for p in index["packages"] for r in p["resources"]})
    return {name: TableRows(site, index, name) for name in names}


def _frame(site: Path, index: dict, name: str) -> pd.DataFrame:
    path = next(r["path"] for p in index["packages"] for r in p["resources"] if r["name"] == name)
    return pd.read_csv(site / path, dtype=str, keep_default_na=False)


def _link(target: str, page: str) -> str:
    """A page's path from the catalogue's root as a link from `page` (also from the root)."""
    return "" if target == page else posixpath.relpath(target, posixpath.dirname(page))


def test_every_table_and_view_has_a_page_with_all_its_rows(site, index, table_pages, pages):
    """Every table or view has a page, linked from its package pages and the search index, and every row is on
    it, or, for a table with rows of several documents, on the page of its document."""
    from pipelines.publish.warehouse.views import spec_of

    for pkg in index["packages"]:
        for r in pkg["resources"]:
            page = table_pages[r["name"]]
            df = _frame(site, index, r["name"])
            assert len(page.rows) == r["rows"] == len(df), r["name"]
            assert page.columns == [c.name for c in spec_of(r["name"]).columns], r["name"]
            assert f"../tables/{r['name']}.html" in pages[f"{pkg['name']}/index.html"].links
            ids = [(row["page"], row["id"]) for row in page.rows]
            assert len(set(ids)) == len(ids) and all(f"#{i}" in pages[p].links for p, i in ids)
            if _paged(r["name"]):
                assert [row["page"] for row in page.rows] == [f"tables/{r['name']}/{d}.html" for d in df["document_id"]]


def test_a_table_with_rows_of_documents_has_a_landing_page_listing_them(site, index, pages):
    """`tables/<name>.html` of a table paged by document lists every document with its row count and links the
    page of its rows; the paging follows the declaration, and the register of documents stays whole."""
    names = sorted({r["name"] for p in index["packages"] for r in p["resources"]})
    paged = [n for n in names if _paged(n)]
    assert "plan_text" in paged and "paragraphs" in paged and "documents" not in paged and "departments" not in paged
    for name in names:
        assert (site / "tables" / name).is_dir() == (name in paged), name
    doc = index["documents"][0]["document_id"]
    for name in paged:
        html = (site / "tables" / f"{name}.html").read_text(encoding="utf-8")
        count = len(_frame(site, index, name).query("document_id == @doc"))
        assert f'<a href="../tables/{name}/{doc}.html" data-document="{doc}">' in html, name
        assert re.search(rf"<code>{re.escape(doc)}</code>.*?<td class=\"num\">{count}</td>", html), name
        assert 'id="rows"' not in html, name  # no rows of its own


def test_row_anchors_come_from_the_primary_key(site, index, table_pages):
    """`row-<key values>`; a view without a key numbers its rows from 1 on each page."""
    from pipelines.publish.warehouse.views import spec_of

    for name, page in table_pages.items():
        spec = spec_of(name)
        df = _frame(site, index, name)
        if spec.primary_key:
            expected = ["row-" + "-".join(values) for values in df[list(spec.primary_key)].itertuples(index=False)]
        else:
            on_page = df.groupby("document_id", sort=False).cumcount() if _paged(name) else pd.Series(range(len(df)))
            expected = [f"row-{i + 1}" for i in on_page]
        assert [row["id"] for row in page.rows] == [e.replace(" ", "_") for e in expected], name


def test_every_row_with_lines_links_to_its_first_line_on_the_source_page(site, index, table_pages, pages):
    doc_pages = {d["document_id"] for d in index["documents"]}
    followed = 0
    for name, page in table_pages.items():
        df = _frame(site, index, name)
        if not {"document_id", "line_start", "line_end"} <= set(df.columns):
            assert all("src" not in (row["cells"][1]["attrs"].get("class") or "") for row in page.rows), name
            continue
        for row, (doc, start) in zip(page.rows, df[["document_id", "line_start"]].itertuples(index=False), strict=True):
            source = row["cells"][1]
            href = f"{_link(f'source/{doc}.html', row['page'])}#L{start}"
            assert source["attrs"].get("class") == "src" and source["text"].startswith(f"L{start}"), (name, row["id"])
            assert doc in doc_pages and source["hrefs"] == [href], (name, row["id"])
            assert f"L{start}" in pages[f"source/{doc}.html"].ids
            followed += 1
    assert followed > 1000


def test_keyed_rows_link_to_the_rows_they_reference(site, index, table_pages):
    """Every value of every foreign key the declarations hold links to the referenced table's row with that key."""
    from pipelines.publish.warehouse.views import spec_of

    linked = 0
    for name, page in table_pages.items():
        spec = spec_of(name)
        columns = [c.name for c in spec.columns]
        df = _frame(site, index, name)
        done: set[str] = set()
        for fk in spec.foreign_keys:
            column = fk["fields"][-1]
            if column in done:
                continue
            done.add(column)
            target = fk["reference"]["resource"]
            target_df = _frame(site, index, target)
            target_rows = table_pages[target].rows
            keys = {
                tuple(values): target_rows[i]
                for i, values in reversed(list(enumerate(target_df[fk["reference"]["fields"]].itertuples(index=False))))
            }
            for row, values in zip(page.rows, df[fk["fields"]].itertuples(index=False), strict=True):
                cell = row["cells"][len(row["cells"]) - len(columns) + columns.index(column)]  # after link, source
                if values[-1] == "":
                    continue
                to = keys[tuple(values)]
                assert cell["hrefs"] == [f"{_link(to['page'], row['page'])}#{to['id']}"], (name, row["id"], column)
                linked += 1
    assert linked > 500


def test_table_cells_carry_their_language(table_pages):
    """`X_zh` cells are marked Chinese and `X_en` cells English; a column with a twin can be switched off."""
    from pipelines.publish.warehouse.views import spec_of

    for name, page in table_pages.items():
        columns = [c.name for c in spec_of(name).columns]
        offset = len(page.rows[0]["cells"]) - len(columns) if page.rows else 0
        for row in page.rows[:5]:
            for column, cell in zip(columns, row["cells"][offset:], strict=True):
                lang = cell["attrs"].get("lang")
                switch = cell["attrs"].get("class") or ""
                if column.endswith("_zh"):
                    assert lang == "zh-CN", (name, column)
                    assert ("l-zh" in switch) == (column[:-3] + "_en" in columns), (name, column)
                elif column.endswith("_en"):
                    assert lang == "en", (name, column)
                    assert ("l-en" in switch) == (column[:-3] + "_zh" in columns), (name, column)
                else:
                    assert lang is None, (name, column)


def test_every_chart_has_its_data_as_a_table(site, index):
    """A chart's text alternative: besides its title and description, a table of what it draws, one row per bar,
    dumbbell or milestone."""
    drawn_pages = sorted(site.glob("*/charts/*.html"))
    assert len(drawn_pages) == 4 * len(index["documents"])  # indicators, actions, assignments and all
    for path in drawn_pages:
        html = path.read_text(encoding="utf-8")
        for chart in re.findall(r'<figure class="chart" id="(chart-[^"]+)"', html):
            start = html.index(f'<figure class="chart" id="{chart}"')
            figure = html[start : html.index("</figure>", start)]
            drawn = figure.count('<g class="row')
            if 'class="milestone"' in figure:  # the timeline: one table row per milestone
                drawn = figure.count('class="milestone"')
                table = figure[figure.index('<table class="milestones">') :]
            else:
                assert '<details class="chart-data">' in figure, chart
                table = figure[figure.index('<details class="chart-data">') :]
            assert drawn and table.count("<tr>") == drawn + 1, (chart, drawn)  # the heading row and one per item


def _table_sections(html: str) -> dict[str, str]:
    return {m[1]: m[0] for m in re.findall(r'(<section class="table" id="table-([^"]+)">.*?</section>)', html, re.S)}


def test_the_all_package_page_repeats_the_theme_pages_table_sections(site, index):
    """Package `all` shows every table's section exactly as its theme package page does (apart from the package
    folder in download links); the accessibility audit relies on it and audits those sections once."""
    every = _table_sections((site / "all" / "index.html").read_text(encoding="utf-8"))
    seen = set()
    for pkg in index["packages"]:
        if pkg["name"] == "all":
            continue
        theme = _table_sections((site / pkg["name"] / "index.html").read_text(encoding="utf-8"))
        for table, section in theme.items():
            mine = section.replace(f"../{pkg['name']}/", "../PKG/")
            assert every[table].replace("../all/", "../PKG/") == mine, table
            seen.add(table)
    assert seen == set(every)


def test_every_release_note_is_in_the_committed_changelog_once():
    """schemas/vocab/release_notes.yaml says why the data changed; each note rides on exactly one changelog entry."""
    from pipelines.publish.catalogue.packages import new_release_notes
    from schemas.vocabulary import read_yaml

    index = json.loads((ROOT / "catalog" / "catalog.json").read_text(encoding="utf-8"))
    carried = [n["id"] for entry in index["changelog"] for n in entry.get("notes", [])]
    written = [n["id"] for n in read_yaml("release_notes.yaml")["notes"]]
    assert sorted(carried) == sorted(written) and len(set(carried)) == len(carried)
    assert new_release_notes(index["changelog"]) == []
    assert [n["id"] for n in new_release_notes([])] == written
