"""Frictionless data packages (one per theme, plus one with everything) and the catalogue index."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.csv as pacsv

from pipelines.errors import PlanDataError
from pipelines.parallel import spread
from pipelines.publish.catalogue.files import json_bytes, zip_bytes
from pipelines.publish.catalogue.formats import render_formats
from pipelines.publish.catalogue.model import CatalogModel
from pipelines.publish.warehouse.views import RULES, spec_of, sql_files, view_names
from pipelines.publish.warehouse.views import THEME as VIEWS_THEME
from schemas.constants import FORMATS
from schemas.frames import pending_rows
from schemas.registry import TABLES, THEMES
from schemas.spec import TableSpec, table_spec
from schemas.vocabulary import VOCAB_DIR, read_yaml

CATALOG = read_yaml("catalog.yaml")
CATALOG_NAME = CATALOG["name"]
LICENSE = CATALOG["license"]
CONTRIBUTORS = [
    {"title": CATALOG["maintainer"]["name_en"], "roles": ["creator", "maintainer"]},
    {"title": CATALOG["author"]["name_en"], "roles": ["author"], "organization": CATALOG["author"]["name_zh"]},
]
ALL = "all"


def package_names() -> dict[str, list[str]]:
    """Package name → its tables: one per theme, the views, plus `all` (every table and view)."""
    out: dict[str, list[str]] = {t: [] for t in THEMES}
    for name in TABLES:
        out[table_spec(name).theme].append(name)
    out[VIEWS_THEME] = view_names()
    out[ALL] = list(TABLES) + view_names()
    return out


def field_descriptor(col) -> dict:
    d = {
        "name": col.name,
        "type": col.type,
        "title": f"{col.title_zh} / {col.title_en}",
        "description": f"{col.description_zh} {col.description_en}",
    }
    constraints: dict[str, Any] = {}
    if not col.nullable:
        constraints["required"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if col.minimum is not None:
        constraints["minimum"] = col.minimum
    if col.maximum is not None:
        constraints["maximum"] = col.maximum
    if col.pattern and col.type == "string":
        constraints["pattern"] = col.pattern.removeprefix("^").removesuffix("$")
    if constraints:
        d["constraints"] = constraints
    if col.type == "date":
        d["format"] = "%Y-%m-%d"
    return d


def table_schema(spec: TableSpec, in_package: set[str]) -> dict:
    fks = [fk for fk in spec.foreign_keys if fk["reference"]["resource"] in in_package]
    schema = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": [field_descriptor(c) for c in spec.columns],
        "missingValues": [""],
        "primaryKey": list(spec.primary_key),
    }
    if fks:
        schema["foreignKeys"] = fks
    return schema


def sources(documents: pd.DataFrame) -> list[dict]:
    return [
        {
            "title": f"{r.issuer_zh}《{r.title_zh}》（{r.document_number}）/ {r.title_en}",
            "path": r.origin_url,
            "version": r.source_sha256,
        }
        for r in documents.itertuples()
    ]


def _fingerprint(items) -> str:
    return hashlib.sha256(json.dumps(items, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def bump(previous: dict | None, schema_hash: str, data_hash: str) -> str:
    """SemVer: schema change → major, data change → minor, otherwise unchanged."""
    if not previous:
        return "1.0.0"
    major, minor, patch = (int(x) for x in previous["version"].split("."))
    if previous.get("schema_hash") != schema_hash:
        return f"{major + 1}.0.0"
    if previous.get("data_hash") != data_hash:
        return f"{major}.{minor + 1}.0"
    return previous["version"]


def _rows(spec: TableSpec, csv: Path | bytes) -> list[dict] | None:
    """A published CSV's rows, every value as its text (None when there is no such file)."""
    if isinstance(csv, Path) and not csv.exists():
        return None
    table = pacsv.read_csv(
        csv if isinstance(csv, Path) else io.BytesIO(csv),
        convert_options=pacsv.ConvertOptions(
            column_types={c.name: "string" for c in spec.columns}, strings_can_be_null=False
        ),
    )
    return table.to_pylist()


def diff_rows(spec: TableSpec, old_csv: Path, new_csv: bytes, rows: int) -> dict:
    """Rows added, removed and changed between the previous release's CSV and the new one, whose `rows` are all
    added when there is no previous one (a first release: the new CSV is not read again). Rows are matched by
    primary key; a view's rows, which have none, are compared whole, as a multiset (added and removed, never
    changed: a row without a key has no earlier self); keyed by its empty key, a view would count as one row."""
    old = _rows(spec, old_csv)
    if old is None:
        return {"added": rows, "removed": 0, "changed": 0}
    new = _rows(spec, new_csv)
    assert new is not None
    if not spec.primary_key:
        before, after = Counter(tuple(r.values()) for r in old), Counter(tuple(r.values()) for r in new)
        return {"added": (after - before).total(), "removed": (before - after).total(), "changed": 0}
    old_by, new_by = ({tuple(r[k] for k in spec.primary_key): tuple(r.values()) for r in x} for x in (old, new))
    return {
        "added": len(new_by.keys() - old_by.keys()),
        "removed": len(old_by.keys() - new_by.keys()),
        "changed": sum(1 for k in new_by.keys() & old_by.keys() if new_by[k] != old_by[k]),
    }


def _render(tables: dict[str, pd.DataFrame], created: dt.datetime, names: list[str]) -> dict[str, dict]:
    """Every download format of some tables: table → format → (bytes, sha256)."""
    out = {}
    for t in names:
        formats = render_formats(spec_of(t), tables[t], created)
        out[t] = {fmt: (data, hashlib.sha256(data).hexdigest()) for fmt, data in formats.items()}
    return out


def build_packages(
    tables: dict[str, pd.DataFrame], stage: Path, previous_dir: Path | None, created: dt.datetime
) -> tuple[dict, CatalogModel]:
    """Write every package into `stage`; return the catalogue index (catalog.json) and the catalogue as built."""
    model = CatalogModel(stage)
    previous = _read_previous(previous_dir)
    prev_packages = {p["name"]: p for p in (previous or {}).get("packages", [])}
    docs = tables["documents"]
    index_packages, changes = [], []
    rendered: dict[str, dict[str, tuple[bytes, str]]] = {}  # each table: format → (bytes, sha256), rendered once
    diffs: dict[str, dict] = {}  # each table's changes since the previous catalogue, counted once

    def diff_once(t: str, package: str) -> dict:
        if t not in diffs:
            old = (previous_dir / package / "data" / f"{t}.csv") if previous_dir else Path("/nonexistent")
            diffs[t] = diff_rows(spec_of(t), old, rendered[t]["csv"][0], len(tables[t]))
        return diffs[t]

    # each table rendered and hashed once, whichever packages hold it, by forked workers (pipelines.parallel)
    names = list(dict.fromkeys(t for members in package_names().values() for t in members))
    for part in spread(partial(_render, tables, created), names):
        rendered.update(part)
    zips: dict[str, list[tuple[str, bytes]]] = {}  # each package's zip, its members in order
    views = set(view_names())
    sql = sql_files()  # each view's SQL file and the rules they share, published as they stand
    rules = RULES.removesuffix(".sql")
    for name, members in package_names().items():
        resources: list[dict[str, Any]] = []
        for t in members:
            spec = spec_of(t)
            files = {fmt: model.put(f"{name}/data/{t}.{fmt}", data, sha) for fmt, (data, sha) in rendered[t].items()}
            alternates = [
                {
                    "path": f"data/{t}.{fmt}",
                    "format": fmt,
                    "mediatype": FORMATS[fmt].mediatype,
                    "bytes": size,
                    "hash": f"sha256:{sha}",
                }
                for fmt, (size, sha) in files.items()
                if fmt != "csv"
            ]
            size, sha = files["csv"]
            resources.append(
                {
                    "$schema": "https://datapackage.org/profiles/2.0/dataresource.json",
                    "name": t,
                    "type": "table",
                    "path": f"data/{t}.csv",
                    "format": "csv",
                    "mediatype": FORMATS["csv"].mediatype,
                    "encoding": "utf-8",
                    "bytes": size,
                    "hash": f"sha256:{sha}",
                    "title": f"{spec.title_zh} / {spec.title_en}",
                    "description": f"{spec.description_zh} {spec.description_en}",
                    "rows": len(tables[t]),
                    "schema": table_schema(spec, set(members)),
                    "alternates": alternates,
                }
            )
            if t in views:  # a view also ships the SQL that makes it from the tables, and the rules it uses
                _, sha = model.put(f"{name}/sql/{t}.sql", sql[t])
                _, rules_sha = model.put(f"{name}/sql/{RULES}", sql[rules])
                resources[-1]["sql"] = {
                    "path": f"sql/{t}.sql",
                    "hash": f"sha256:{sha}",
                    "requires": {"path": f"sql/{RULES}", "hash": f"sha256:{rules_sha}"},
                }
        schema_hash = _fingerprint([r["schema"] for r in resources])
        data_hash = _fingerprint([r["hash"] for r in resources])
        version = bump(prev_packages.get(name), schema_hash, data_hash)
        if name == ALL:
            title_zh, title_en, desc_zh, desc_en = (
                CATALOG[ALL][k] for k in ("title_zh", "title_en", "description_zh", "description_en")
            )
        else:
            title_zh, title_en, desc_zh, desc_en = THEMES[name]
        descriptor = {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": name,
            "id": f"{CATALOG_NAME}/{name}",
            "title": f"{title_zh} / {title_en}",
            "description": f"{desc_zh}\n\n{desc_en}",
            "version": version,
            "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "licenses": [LICENSE],
            "sources": sources(docs),
            "contributors": CONTRIBUTORS,
            "keywords": CATALOG["keywords"],
            "languages": ["zh", "en"],
            "resources": resources,
        }
        model.descriptors[name] = descriptor
        descriptor_bytes = json_bytes(descriptor)
        model.put(f"{name}/datapackage.json", descriptor_bytes)
        members_zip = [("datapackage.json", descriptor_bytes)]
        members_zip += sorted((f"data/{t}.{fmt}", rendered[t][fmt][0]) for t in members for fmt in rendered[t])
        in_zip = [t for t in members if t in views]
        members_zip += sorted((f"sql/{t}.sql", sql[t]) for t in in_zip + ([rules] if in_zip else []))
        zips[name] = members_zip
        if version != (prev_packages.get(name) or {}).get("version"):
            changes.append(
                {
                    "package": name,
                    "version": version,
                    "resources": {t: diff_once(t, name) for t in members},
                }
            )
        index_packages.append(
            {
                "name": name,
                "title_zh": title_zh,
                "title_en": title_en,
                "version": version,
                "path": f"{name}/datapackage.json",
                "zip": f"{name}/{name}.zip",
                "schema_hash": schema_hash,
                "data_hash": data_hash,
                "resources": [
                    {
                        "name": r["name"],
                        "path": f"{name}/{r['path']}",
                        "rows": r["rows"],
                        "bytes": r["bytes"],
                        "hash": r["hash"],
                        "downloads": {
                            "csv": f"{name}/{r['path']}",
                            **{a["format"]: f"{name}/{a['path']}" for a in r["alternates"]},
                        },
                    }
                    for r in resources
                ],
            }
        )
    packed = [data for part in spread(lambda names: [zip_bytes(zips[n]) for n in names], list(zips)) for data in part]
    for name, data in zip(zips, packed, strict=True):
        model.put(f"{name}/{name}.zip", data)
    pending = pending_rows(tables)
    history = (previous or {}).get("changelog", [])
    if changes:
        entry: dict = {"created": created.strftime("%Y-%m-%dT%H:%M:%SZ"), "changes": changes}
        notes = new_release_notes(history)
        if notes:
            entry["notes"] = notes
        history = history + [entry]
    index = {
        "name": CATALOG_NAME,
        "title_zh": CATALOG["title_zh"],
        "title_en": CATALOG["title_en"],
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "documents": [
            {
                "document_id": r.document_id,
                "source_sha256": r.source_sha256,
                # rows that await a person, per table (English, a decision, a table's role): 0 when all reviewed
                "review": {"pending": pending.get(r.document_id, {})},
            }
            for r in docs.itertuples()
        ],
        "license": LICENSE,
        "packages": index_packages,
        "changelog": history,
    }
    return index, model


def new_release_notes(history: list[dict]) -> list[dict]:
    """The reviewed notes of schemas/vocab/release_notes.yaml that no earlier changelog entry carries."""
    if not (VOCAB_DIR / "release_notes.yaml").exists():
        return []
    seen = {n["id"] for h in history for n in h.get("notes", [])}
    return [
        {"id": n["id"], "zh": " ".join(n["zh"].split()), "en": " ".join(n["en"].split())}
        for n in read_yaml("release_notes.yaml")["notes"]
        if n["id"] not in seen
    ]


# what to do about a damaged catalog.json (see _read_previous)
RESTORE_PREVIOUS = "restore it from a backup, or remove it to start a new version history at 1.0.0"


def _read_previous(previous_dir: Path | None) -> dict | None:
    """The published catalog.json, whose version and changelog the new release continues. A damaged one stops the
    build: starting the history again would silently drop every earlier changelog entry."""
    path = None if previous_dir is None else previous_dir / "catalog.json"
    if path is None or not path.exists():
        return None
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PlanDataError(
            f"the published catalog.json is damaged ({exc.msg}, column {exc.colno}); its version and changelog "
            "are what the new release continues",
            file=str(path),
            line=exc.lineno,
            hint=RESTORE_PREVIOUS,
        ) from exc
    except UnicodeDecodeError as exc:
        raise PlanDataError(
            "the published catalog.json is not UTF-8 text",
            file=str(path),
            hint=RESTORE_PREVIOUS,
        ) from exc
    packages = previous.get("packages") if isinstance(previous, dict) else None
    for package in packages if isinstance(packages, list) else [None]:
        version = package.get("version") if isinstance(package, dict) else None
        if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+\.\d+", version):
            name = package.get("name") if isinstance(package, dict) else None
            raise PlanDataError(
                f"the published catalog.json holds no version of the form MAJOR.MINOR.PATCH for package {name!r} "
                f"(it holds {version!r})",
                file=str(path),
                hint=RESTORE_PREVIOUS,
            )
    return previous


def validate_packages(model: CatalogModel, index: dict) -> None:
    """Every package's descriptor is valid Frictionless, and every theme package holds byte-identical copies of the
    files of package `all` (same sha256). The rows were validated before (pandera, on every table); the test suite
    runs the full `frictionless validate` (every row, type, constraint, key and foreign key) on every package.
    """
    from frictionless import Package

    full = next(p for p in index["packages"] if p["name"] == ALL)
    hashes = {r["name"]: r["hash"] for r in full["resources"]}
    failures = []
    for pkg in index["packages"]:
        report = Package.validate_descriptor(model.descriptors[pkg["name"]])
        copies = [r["name"] for r in pkg["resources"] if r["hash"] != hashes[r["name"]]]
        if copies:
            failures.append(f"{pkg['name']}: resources differ from package all: {copies}")
        errors = [e.message for task in report.tasks for e in task.errors] + [e.message for e in report.errors]
        pkg["validation"] = {
            "valid": report.valid,
            "errors": len(errors),
            "validator": "frictionless",
            "checked": "descriptor (rows: pandera before publishing; frictionless validate in the test suite)",
        }
        if not report.valid:
            failures.append(f"{pkg['name']}: " + "; ".join(errors[:5]))
    if failures:
        raise ValueError("frictionless validation failed: " + " | ".join(failures))
