"""The download formats of one resource: CSV (canonical), Parquet, Excel."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipelines.extract.vocab import read_yaml
from pipelines.publish.arrow import to_arrow
from pipelines.publish.xlsx import write_xlsx
from schemas.constants import TABLE_FORMATS
from schemas.spec import TableSpec

CREATOR = read_yaml("catalog.yaml")["maintainer"]["name_en"]  # the workbooks' author (docProps/core.xml)


def csv_bytes(spec: TableSpec, df: pd.DataFrame) -> bytes:
    return _csv(to_arrow(spec, df))


def _csv(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pacsv.write_csv(table, buf, pacsv.WriteOptions(quoting_style="needed"))
    return buf.getvalue()


def write_formats(spec: TableSpec, df: pd.DataFrame, folder: Path, created: dt.datetime) -> dict[str, Path]:
    """Every download of one table, from one typed Arrow table."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {fmt: folder / f"{spec.name}.{fmt}" for fmt in TABLE_FORMATS}
    table = to_arrow(spec, df)
    paths["csv"].write_bytes(_csv(table))
    pq.write_table(table, paths["parquet"], compression="zstd")
    write_xlsx(spec, table, paths["xlsx"], created, CREATOR)
    return paths
