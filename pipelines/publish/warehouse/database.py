"""Write every table to DuckDB and Parquet in a scratch folder, then swap them into place.

A reader holding the old database open keeps reading the old file (its inode survives the
rename); the next connection opens the new one. Nothing is replaced unless everything was
written.

Why a new file and a rename, not an update in place: a DuckDB connection, even a read-only one,
holds an fcntl lock on the database file, and a read-write open of a locked file fails at once
("Could not set lock on file"). The pipeline therefore never opens the published file: it writes
plans.duckdb in a staging folder (a new inode nobody has open), checkpoints and closes it, and
`os.replace` moves it over the published path. rename(2) ignores advisory locks, so an analyst's
open connection never blocks the build; it keeps reading the old inode until it disconnects.
tests/test_concurrency.py holds this to account.

The file is written in DuckDB 1.4's storage format (STORAGE_VERSION below), so analysts still on
DuckDB 1.4 (LTS) can open it; DuckDB 2.0's default format is unreadable for 1.x.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from pipelines.publish.arrow import to_arrow
from pipelines.publish.warehouse.ddl import comment_sql, create_table_sql, sql_str
from pipelines.publish.warehouse.views import create_views
from schemas.spec import table_spec

DB_NAME = "plans.duckdb"
PARQUET = "parquet"  # the folder of one Parquet file per table and view, beside the database
# The oldest DuckDB that must open the published file: 1.4 is the long-term-support line many
# analysts' tools still ship. DuckDB 2.0 writes storage version 999 by default, which 1.4 refuses
# ("can only read versions between 64 and 67"); ATTACH … (STORAGE_VERSION 'v1.4.0') writes 67.
STORAGE_VERSION = "v1.4.0"
CATALOG = "plans"  # the name DuckDB gives the file's catalogue when it is opened as plans.duckdb


def write_database(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """Tables with keys and comments, then the views, in a new file in DuckDB 1.4's storage format."""
    con = duckdb.connect()  # in-memory; the file is attached so that its storage version can be chosen
    try:
        con.execute(f"ATTACH {sql_str(str(path))} AS {CATALOG} (STORAGE_VERSION {sql_str(STORAGE_VERSION)})")
        con.execute(f"USE {CATALOG}")
        # one transaction: a commit per statement (hundreds of comments) took half the database's time
        con.execute("BEGIN TRANSACTION")
        for name, df in tables.items():
            spec = table_spec(name)
            con.execute(create_table_sql(spec))
            arrow = to_arrow(spec, df)  # noqa: F841  (read by DuckDB's replacement scan)
            con.execute(f'INSERT INTO "{name}" SELECT * FROM arrow')
            for sql in comment_sql("TABLE", spec.name, spec, spec.columns):
                con.execute(sql)
        create_views(con)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.execute("USE memory")
        con.execute(f"DETACH {CATALOG}")
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
        write_parquet(tables, stage / PARQUET)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return stage
