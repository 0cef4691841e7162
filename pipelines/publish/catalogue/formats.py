"""The download formats of one resource: CSV (canonical), Parquet, Excel."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipelines.publish.arrow import to_arrow
from pipelines.publish.catalogue.xlsx import xlsx_bytes
from schemas.constants import TABLE_FORMATS
from schemas.spec import TableSpec
from schemas.vocabulary import read_yaml

CREATOR = read_yaml("catalog.yaml")["maintainer"]["name_en"]  # the workbooks' author (docProps/core.xml)


def csv_bytes(spec: TableSpec, df: pd.DataFrame) -> bytes:
    return _csv(to_arrow(spec, df))


def _csv(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pacsv.write_csv(table, buf, pacsv.WriteOptions(quoting_style="needed"))
    return buf.getvalue()


def render_formats(spec: TableSpec, df: pd.DataFrame, created: dt.datetime) -> dict[str, bytes]:
    """Every download of one table, from one typed Arrow table: format → its bytes."""
    table = to_arrow(spec, df)
    parquet = io.BytesIO()
    pq.write_table(table, parquet, compression="zstd")
    out = {"csv": _csv(table), "parquet": parquet.getvalue(), "xlsx": xlsx_bytes(spec, table, created, CREATOR)}
    assert tuple(out) == TABLE_FORMATS
    return out
