"""Harvester metadata: DCAT-AP 3 as JSON-LD (catalog.jsonld) and a schema.org Dataset for each page.

RDF needs absolute IRIs, so every link here is resolved against a base URL: where catalog/ is
served. It is read from PLANS_CATALOG_BASE_URL when the catalogue is built (a placeholder
otherwise), so a deployment rebuilds with its own address; the pages themselves keep relative links.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlsplit

import pandas as pd
from markupsafe import Markup

from pipelines.publish.catalogue.files import json_bytes
from pipelines.publish.catalogue.model import CatalogModel, bilingual_description, descriptor_of, package_files
from pipelines.publish.catalogue.packages import CATALOG
from pipelines.publish.catalogue.provenance import package_span_text
from pipelines.publish.warehouse.views import spec_of
from schemas.constants import FORMATS

BASE_URL_ENV = "PLANS_CATALOG_BASE_URL"
DEFAULT_BASE_URL = "https://example.org/plans-catalog/"

EU = "http://publications.europa.eu/resource/authority/"
DATA_THEMES = [f"{EU}data-theme/GOVE", f"{EU}data-theme/TECH"]  # government plan about technology
LANGUAGES = [f"{EU}language/ZHO", f"{EU}language/ENG"]
IANA = "https://www.iana.org/assignments/media-types/"
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PUBLISHER = (CATALOG["maintainer"]["name_zh"], CATALOG["maintainer"]["name_en"])

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
CJK = re.compile(r"[\u3400-\u9fff]")


def base_url() -> str:
    url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{BASE_URL_ENV}={url!r} is not an absolute http(s) URL: set it to the address "
            f"catalog/ is served from, e.g. https://data.example.org/plans-catalog/"
        )
    return url if url.endswith("/") else url + "/"


def _text(zh: str, en: str) -> list[dict]:
    return [{"@value": zh, "@language": "zh"}, {"@value": en, "@language": "en"}]


def _tagged(word: str) -> dict:
    return {"@value": word, "@language": "zh" if CJK.search(word) else "en"}


def _typed(value, xsd: str) -> dict:
    return {"@value": str(value), "@type": f"xsd:{xsd}"}


def _ids(iris: list[str]) -> list[dict]:
    return [{"@id": i} for i in iris]


def dataset_iri(base: str, package: dict) -> str:
    return f"{base}{package['name']}/#dataset"


def landing_page(base: str, package: dict) -> str:
    return f"{base}{package['name']}/index.html"


def _distribution(base: str, package: dict, f: dict, license_url: str, created: str) -> dict:
    if f["resource"]:
        spec = spec_of(f["resource"])
        label = f["label"]
        node_id = f"{base}{package['name']}/#{f['resource']}-{f['format']}"
        title = _text(f"{spec.title_zh}（{label}）", f"{spec.title_en} ({label})")
        description = _text(spec.description_zh, spec.description_en)
        conforms = f"{base}{package['path']}#{f['resource']}"  # the resource's Table Schema
    else:
        node_id = f"{base}{package['name']}/#zip"
        title = _text(f"{package['title_zh']}：整包下载（ZIP）", f"{package['title_en']}: whole package (ZIP)")
        description = _text(
            "Frictionless 数据包：datapackage.json 及全部数据文件。",
            "Frictionless data package: datapackage.json and every data file.",
        )
        conforms = PACKAGE_PROFILE
    return {
        "@id": node_id,
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dct:description": description,
        "dcat:accessURL": {"@id": landing_page(base, package)},
        "dcat:downloadURL": {"@id": base + f["path"]},
        "dcat:mediaType": {"@id": IANA + f["media_type"]},
        "dct:format": {"@id": f"{EU}file-type/{FORMATS[f['format']].eu_file_type}"},
        "dcat:byteSize": _typed(f["bytes"], "nonNegativeInteger"),
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": _typed(f["sha256"], "hexBinary"),
        },
        "dct:license": {"@id": license_url},
        "dct:conformsTo": {"@id": conforms},
        "dct:issued": _typed(created, "dateTime"),
        "dct:modified": _typed(created, "dateTime"),
    }


def catalog_graph(tables: dict[str, pd.DataFrame], index: dict, model: CatalogModel, base: str) -> dict:
    """The whole catalogue as one JSON-LD document (DCAT-AP 3)."""
    created, license_url = index["created"], index["license"]["path"]
    documents = tables["documents"]
    publisher = {
        "@id": f"{base}#publisher",
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _text(*PUBLISHER),
        "foaf:homepage": {"@id": f"{base}index.html"},
    }
    creators = [
        {"@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": _text(d.issuer_zh, d.issuer_en)}
        for d in documents.drop_duplicates("issuer_zh").itertuples()
    ]
    nodes, datasets = [], []
    for pkg in index["packages"]:
        descriptor = descriptor_of(model, pkg)
        members = [r["name"] for r in pkg["resources"]]
        distributions = [_distribution(base, pkg, f, license_url, created) for f in package_files(model, pkg)]
        nodes += distributions
        datasets.append(
            {
                "@id": dataset_iri(base, pkg),
                "@type": "dcat:Dataset",
                "dct:identifier": [descriptor["id"], pkg["gov_catalog"]["信息资源代码"]],
                "dct:title": _text(pkg["title_zh"], pkg["title_en"]),
                "dct:description": _text(*bilingual_description(descriptor)),
                "dcat:keyword": [_tagged(k) for k in descriptor["keywords"]],
                "dcat:theme": _ids(DATA_THEMES),
                "dct:publisher": {"@id": publisher["@id"]},
                "dct:creator": creators,
                "dcat:contactPoint": {
                    "@type": "vcard:Organization",
                    "vcard:fn": PUBLISHER[1],
                    "vcard:hasURL": {"@id": f"{base}index.html"},
                },
                "dct:issued": _typed(created, "dateTime"),
                "dct:modified": _typed(created, "dateTime"),
                "dct:language": _ids(LANGUAGES),
                "dct:spatial": {"@id": f"{EU}country/CHN"},
                "dct:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
                "dct:provenance": {
                    "@type": "dct:ProvenanceStatement",
                    "rdfs:label": _text(*package_span_text(tables, members, documents)),
                },
                "dct:source": _ids(sorted(set(documents["origin_url"]))),
                "dct:conformsTo": {"@id": PACKAGE_PROFILE},
                "dcat:landingPage": {"@id": landing_page(base, pkg)},
                "dcat:version": pkg["version"],
                "dcat:distribution": [{"@id": d["@id"]} for d in distributions],
            }
        )
    catalog = {
        "@id": f"{base}#catalog",
        "@type": "dcat:Catalog",
        "dct:title": _text(index["title_zh"], index["title_en"]),
        "dct:description": _text(
            "把国务院规划文件转换为经过校验的开放数据表：每个主题一个数据包，另有一个全量数据包。",
            "State Council plans turned into validated open data tables: one data package per theme, "
            "plus one with everything.",
        ),
        "dct:publisher": {"@id": publisher["@id"]},
        "dct:language": _ids(LANGUAGES),
        "dct:license": {"@id": license_url},
        "dct:issued": _typed(created, "dateTime"),
        "dct:modified": _typed(created, "dateTime"),
        "foaf:homepage": {"@id": f"{base}index.html"},
        "dcat:themeTaxonomy": {"@id": f"{EU}data-theme"},
        "dcat:dataset": [{"@id": d["@id"]} for d in datasets],
    }
    licence = {"@id": license_url, "@type": "dct:LicenseDocument", "rdfs:label": index["license"]["title"]}
    return {"@context": CONTEXT, "@graph": [catalog, publisher, licence, *datasets, *nodes]}


def write_catalog_jsonld(tables: dict[str, pd.DataFrame], index: dict, model: CatalogModel) -> None:
    model.put("catalog.jsonld", json_bytes(catalog_graph(tables, index, model, base_url())))


def schema_org_dataset(
    tables: dict[str, pd.DataFrame], index: dict, package: dict, model: CatalogModel, base: str, files: list[dict]
) -> dict:
    """schema.org `Dataset` for the package's page (what general search engines read); `files` from package_files."""
    descriptor = descriptor_of(model, package)
    zh, en = bilingual_description(descriptor)
    documents = tables["documents"]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": dataset_iri(base, package),
        "name": f"{package['title_zh']} / {package['title_en']}",
        "alternateName": [package["title_zh"], package["title_en"]],
        "description": f"{zh}\n\n{en}",
        "identifier": [descriptor["id"], package["gov_catalog"]["信息资源代码"]],
        "url": landing_page(base, package),
        "version": package["version"],
        "license": index["license"]["path"],
        "isAccessibleForFree": True,
        "inLanguage": ["zh", "en"],
        "keywords": descriptor["keywords"],
        "datePublished": index["created"][:10],
        "dateModified": index["created"][:10],
        "creator": [
            {"@type": "Organization", "name": d.issuer_zh, "alternateName": d.issuer_en}
            for d in documents.drop_duplicates("issuer_zh").itertuples()
        ],
        "publisher": {"@type": "Organization", "name": PUBLISHER[1], "alternateName": PUBLISHER[0]},
        "isBasedOn": sorted(set(documents["origin_url"])),
        "spatialCoverage": {"@type": "Place", "name": "中国 / China"},
        "includedInDataCatalog": {"@type": "DataCatalog", "name": index["title_en"], "url": f"{base}index.html"},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f["path"].rsplit("/", 1)[-1],
                "contentUrl": base + f["path"],
                "encodingFormat": f["media_type"],
                "contentSize": f"{f['bytes']} B",
                "sha256": f["sha256"],
            }
            for f in files
        ],
    }


def json_script(data) -> Markup:
    """JSON for a <script> element: `<`, `>` and `&` escaped so no text in the data can end the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))
