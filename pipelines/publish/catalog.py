"""Publish the catalogue: stage every file, validate, then swap the folder into place."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from pipelines.publish.dcat import write_catalog_jsonld
from pipelines.publish.files import write_json
from pipelines.publish.govcatalog import add_gov_catalog
from pipelines.publish.packages import build_packages, validate_packages
from pipelines.publish.site import render_site


def build_date(documents_meta: list[dict]) -> dt.datetime:
    """The date the data stands for: SOURCE_DATE_EPOCH if set, else the latest `retrieved` of the sources."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    dates = [m.get("retrieved") or m.get("issued_date") for m in documents_meta]
    latest = max(dt.date.fromisoformat(str(d)) for d in dates)
    return dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC)


def stage_catalog(
    tables: dict[str, pd.DataFrame],
    catalog_dir: Path,
    created: dt.datetime,
    sources: dict[str, list[str]] | None = None,
) -> tuple[Path, dict]:
    """Build and validate the whole catalogue in a scratch folder beside `catalog_dir`."""
    catalog_dir = catalog_dir.resolve()
    catalog_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{catalog_dir.name}-staging-", dir=catalog_dir.parent))
    try:
        index, model = build_packages(tables, stage, catalog_dir if catalog_dir.exists() else None, created)
        validate_packages(model, index)
        add_gov_catalog(index, tables["documents"], model)
        write_json(stage / "catalog.json", index)
        render_site(tables, index, stage, model, sources)
        write_catalog_jsonld(tables, index, model)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return stage, index
