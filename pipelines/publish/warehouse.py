"""Write every table to DuckDB and Parquet in a scratch folder, then swap them into place.

A reader holding the old database open keeps reading the old file (its inode survives the
rename); the next connection opens the new one. Nothing is replaced unless everything was
written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from pipelines.publish.arrow import to_arrow
from schemas.spec import TableSpec, table_spec

DB_NAME = "plans.duckdb"


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _comment(zh: str, en: str) -> str:
    return f"{zh} | {en}"


def create_table_sql(spec: TableSpec) -> str:
    cols = [f'"{c.name}" {c.duckdb_type}{"" if c.nullable else " NOT NULL"}' for c in spec.columns]
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in spec.primary_key) + ")")
    return f'CREATE TABLE "{spec.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def comment_sql(spec: TableSpec) -> list[str]:
    out = [f'COMMENT ON TABLE "{spec.name}" IS '
           + _sql_str(_comment(f"{spec.title_zh}：{spec.description_zh}", f"{spec.title_en}: {spec.description_en}"))]
    for c in spec.columns:
        out.append(f'COMMENT ON COLUMN "{spec.name}"."{c.name}" IS '
                   + _sql_str(_comment(f"{c.title_zh}：{c.description_zh}", f"{c.title_en}: {c.description_en}")))
    return out


def write_database(tables: dict[str, pd.DataFrame], path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        for name, df in tables.items():
            spec = table_spec(name)
            con.execute(create_table_sql(spec))
            arrow = to_arrow(spec, df)  # noqa: F841  (read by DuckDB's replacement scan)
            con.execute(f'INSERT INTO "{name}" SELECT * FROM arrow')
            for sql in comment_sql(spec):
                con.execute(sql)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def write_parquet(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        pq.write_table(to_arrow(table_spec(name), df), folder / f"{name}.parquet", compression="zstd")


def stage_warehouse(tables: dict[str, pd.DataFrame], warehouse_dir: Path) -> Path:
    """Write the database and the Parquet files into a scratch folder beside the published ones."""
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=warehouse_dir))
    try:
        write_database(tables, stage / DB_NAME)
        write_parquet(tables, stage / "parquet")
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return stage


def swap_warehouse(stage: Path, warehouse_dir: Path) -> None:
    """Move the staged files into place: each file is replaced by one rename."""
    final_parquet = warehouse_dir / "parquet"
    final_parquet.mkdir(exist_ok=True)
    staged = sorted((stage / "parquet").iterdir())
    for f in staged:
        os.replace(f, final_parquet / f.name)
    names = {f.name for f in staged}
    for stale in final_parquet.glob("*.parquet"):
        if stale.name not in names:
            stale.unlink()
    os.replace(stage / DB_NAME, warehouse_dir / DB_NAME)
    shutil.rmtree(stage, ignore_errors=True)


def publish_warehouse(tables: dict[str, pd.DataFrame], warehouse_dir: Path) -> Path:
    swap_warehouse(stage_warehouse(tables, warehouse_dir), warehouse_dir)
    return warehouse_dir / DB_NAME
