"""Build the catalogue model: every package written and validated in a staging folder, then its indexes."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.publish.catalogue.dcat import write_catalog_jsonld
from pipelines.publish.catalogue.files import write_json
from pipelines.publish.catalogue.govcatalog import add_gov_catalog
from pipelines.publish.catalogue.model import CatalogModel
from pipelines.publish.catalogue.packages import build_packages, validate_packages
from pipelines.settings import source_date_epoch


def build_date(documents_meta: list[dict]) -> dt.datetime:
    """The date the data stands for: SOURCE_DATE_EPOCH if set, else the latest `retrieved` of the sources."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    dates = [m.get("retrieved") or m.get("issued_date") for m in documents_meta]
    latest = max(dt.date.fromisoformat(str(d)) for d in dates)
    return dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC)


@dataclass
class StagedCatalogue:
    folder: Path  # the staging folder beside the published catalogue
    index: dict  # catalog.json
    model: CatalogModel  # every file written, with its size and hash


def build_catalogue(tables: dict[str, pd.DataFrame], catalog_dir: Path, created: dt.datetime) -> StagedCatalogue:
    """Every package (descriptor, data files, zip), validated, then catalog.json, the 政务目录 entry and
    catalog.jsonld, in a scratch folder beside `catalog_dir`. The folder is removed if anything fails."""
    catalog_dir = catalog_dir.resolve()
    catalog_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{catalog_dir.name}-staging-", dir=catalog_dir.parent))
    try:
        index, model = build_packages(tables, stage, catalog_dir if catalog_dir.exists() else None, created)
        validate_packages(model, index)
        add_gov_catalog(index, tables["documents"], model)
        write_json(stage / "catalog.json", index)
        write_catalog_jsonld(tables, index, model)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return StagedCatalogue(stage, index, model)
