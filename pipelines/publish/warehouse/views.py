"""The warehouse views, published like the tables: Parquet beside them, CSV in the catalogue, and their SQL.

A view's columns are documented in its declaration (pipelines/publish/warehouse/view_sql.py); their types are
what DuckDB gives the view's SQL over the declared tables, asked once of an empty in-memory database. A list
column (task numbers, department ids) is published as its JSON text, "[12, 13]", a Frictionless
string, since CSV has no lists.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from pipelines.publish.arrow import to_arrow
from pipelines.publish.warehouse.database import create_table_sql, create_view_sql
from pipelines.publish.warehouse.view_sql import VIEWS, ViewSpec
from schemas.registry import TABLES
from schemas.spec import DUCKDB_TYPES, ColumnSpec, TableSpec, table_spec

THEME = "views"
FRICTIONLESS_TYPES = {duckdb: kind for kind, duckdb in DUCKDB_TYPES.items()} | {"INTEGER": "integer"}


def _frictionless_type(duckdb_type: str) -> str:
    if duckdb_type.endswith("[]"):
        return "string"  # published as its JSON text
    if duckdb_type.startswith("DECIMAL"):
        return "number"
    return FRICTIONLESS_TYPES[duckdb_type]


@cache
def _types() -> dict[str, dict[str, str]]:
    """view → column → DuckDB type, from the views' SQL over empty copies of the declared tables."""
    con = duckdb.connect()
    try:
        for name in TABLES:
            con.execute(create_table_sql(table_spec(name)))
        out = {}
        for view in VIEWS:
            con.execute(create_view_sql(view))
            out[view.name] = {r[0]: r[1] for r in con.execute(f'DESCRIBE "{view.name}"').fetchall()}
        return out
    finally:
        con.close()


@cache
def view_spec(name: str) -> TableSpec:
    """A view as the publishers see a table: its declared documentation with the types DuckDB gives it."""
    view = next(v for v in VIEWS if v.name == name)
    types = _types()[name]
    return TableSpec(
        name=view.name,
        theme=THEME,
        title_zh=view.title_zh,
        title_en=view.title_en,
        description_zh=view.description_zh,
        description_en=view.description_en,
        primary_key=(),
        foreign_keys=(),
        columns=tuple(
            ColumnSpec(
                name=c.name,
                type=_frictionless_type(types[c.name]),
                nullable=True,
                title_zh=c.title_zh,
                title_en=c.title_en,
                description_zh=c.description_zh,
                description_en=c.description_en,
            )
            for c in view.columns
        ),
        made_from="view",
    )


def spec_of(name: str) -> TableSpec:
    """The spec of a published table or view."""
    return view_spec(name) if name in view_names() else table_spec(name)


def view_names() -> list[str]:
    return [v.name for v in VIEWS]


def read_views(db: Path) -> dict[str, pd.DataFrame]:
    """Every view's rows from a written database; list columns as their JSON text."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for view in VIEWS:
            types = _types()[view.name]
            cols = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' if types[c].endswith("[]") else f'"{c}"' for c in types)
            out[view.name] = con.execute(f'SELECT {cols} FROM "{view.name}"').df()
        return out
    finally:
        con.close()


def sql_file(view: ViewSpec) -> str:
    """The view's SQL with a bilingual header comment, to recreate it over the Parquet or CSV files."""
    header = [
        f"-- {view.name}: {view.title_zh} / {view.title_en}",
        *(f"-- {line}" for line in (view.description_zh, view.description_en)),
        "-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM",
        "-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.",
    ]
    return "\n".join(header) + "\n" + create_view_sql(view).strip() + ";\n"


def write_view_parquet(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    """Parquet copies of the views beside the tables' (zstd, column documentation in the metadata)."""
    for name, df in frames.items():
        pq.write_table(to_arrow(view_spec(name), df), folder / f"{name}.parquet", compression="zstd")
