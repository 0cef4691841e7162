"""The download formats of one resource: CSV (canonical), Parquet, Excel."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from openpyxl import Workbook

from pipelines.publish.arrow import to_arrow
from pipelines.publish.files import normalise_zip
from schemas.constants import TABLE_FORMATS
from schemas.spec import TableSpec


def csv_bytes(spec: TableSpec, df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    pacsv.write_csv(to_arrow(spec, df), buf, pacsv.WriteOptions(quoting_style="needed"))
    return buf.getvalue()


def write_formats(spec: TableSpec, df: pd.DataFrame, folder: Path, created: dt.datetime) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {fmt: folder / f"{spec.name}.{fmt}" for fmt in TABLE_FORMATS}
    paths["csv"].write_bytes(csv_bytes(spec, df))
    pq.write_table(to_arrow(spec, df), paths["parquet"], compression="zstd")
    _write_xlsx(spec, df, paths["xlsx"], created)
    return paths


def _cell(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):
        return value.item()
    return value


def _write_xlsx(spec: TableSpec, df: pd.DataFrame, path: Path, created: dt.datetime) -> None:
    wb = Workbook(write_only=True)
    wb.properties.creator = "plans-catalog"
    wb.properties.created = created.replace(tzinfo=None)
    wb.properties.modified = created.replace(tzinfo=None)
    data = wb.create_sheet(spec.name[:31])
    data.append([c.name for c in spec.columns])
    for row in df[[c.name for c in spec.columns]].itertuples(index=False, name=None):
        data.append([_cell(v) for v in row])
    fields = wb.create_sheet("fields")
    fields.append(["name", "type", "title_zh", "title_en", "description_zh", "description_en"])
    for c in spec.columns:
        fields.append([c.name, c.type, c.title_zh, c.title_en, c.description_zh, c.description_en])
    wb.save(path)
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fix_modified(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", data)

    normalise_zip(path, fix_modified)
