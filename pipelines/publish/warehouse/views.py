"""The warehouse views: one DuckDB `.sql` file each, documented in a YAML file beside it, loaded and checked here.

`sql/<view>.sql` holds one `CREATE OR REPLACE VIEW <view> AS …;` statement, formatted SQL an analyst can read,
lint and run; `sql/<view>.yaml` documents the view and each of its columns in both languages (a column passed
through from a table says `same_as: table.column` and borrows that column's documentation, so it is written
once, in the table's declaration). `sql/rules.sql` states the rules views share (direction, comparator,
threshold, verdict, the unit of a gap) once, as macros; `sql/views.yaml` gives the order the views are created
in (a view may select from those before it), the macros' documentation and the texts descriptions share.

The loader refuses a view whose columns differ from its documentation, writes the bilingual `COMMENT`s, and
the catalogue publishes these very files (`sql_files`). A view's column types are what DuckDB gives its SQL
over the declared tables, asked once of an empty in-memory database; a list column (task numbers, department
ids) is published as its JSON text, "[12, 13]", a Frictionless string, since CSV has no lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import yaml

from pipelines.publish.arrow import to_arrow
from pipelines.publish.warehouse.ddl import comment_sql, create_table_sql, sql_str
from schemas.registry import TABLES
from schemas.spec import DUCKDB_TYPES, ColumnSpec, TableSpec, table_spec
from schemas.vocabulary import UniqueKeyLoader

SQL_DIR = Path(__file__).resolve().parent / "sql"
RULES = "rules.sql"
THEME = "views"
FRICTIONLESS_TYPES = {duckdb: kind for kind, duckdb in DUCKDB_TYPES.items()} | {"INTEGER": "integer"}


@dataclass(frozen=True)
class ViewColumn:
    name: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    untranslated: str | None = None  # why a Chinese column has no English twin (as a table column says it)


@dataclass(frozen=True)
class View:
    name: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    sql: str  # the file as it stands: one CREATE OR REPLACE VIEW statement
    columns: tuple[ViewColumn, ...]

    def column(self, name: str) -> ViewColumn:
        return next(c for c in self.columns if c.name == name)

    @property
    def path(self) -> Path:
        return SQL_DIR / f"{self.name}.sql"


@dataclass(frozen=True)
class Macro:
    name: str
    description_zh: str
    description_en: str


class ViewDeclarationError(ValueError):
    """A view's files disagree with each other or with the tables: names the file and the fix."""


def _index() -> dict:
    return yaml.load((SQL_DIR / "views.yaml").read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506


def _column(view: str, entry: dict) -> ViewColumn:
    where = f"pipelines/publish/warehouse/sql/{view}.yaml, column {entry.get('name')!r}"
    if "same_as" in entry:
        table, _, name = str(entry["same_as"]).partition(".")
        if table not in TABLES or name not in {c.name for c in table_spec(table).columns}:
            raise ViewDeclarationError(f"{where}: same_as {entry['same_as']!r} names no declared table column")
        c = table_spec(table).column(name)
        return ViewColumn(entry["name"], c.title_zh, c.title_en, c.description_zh, c.description_en, c.untranslated)
    missing = [k for k in ("title_zh", "title_en", "description_zh", "description_en") if not entry.get(k)]
    if missing:
        raise ViewDeclarationError(f"{where}: lacks {', '.join(missing)} (or same_as: table.column)")
    return ViewColumn(
        entry["name"],
        entry["title_zh"],
        entry["title_en"],
        entry["description_zh"],
        entry["description_en"],
        entry.get("untranslated"),
    )


def _load(name: str, texts: dict[str, dict[str, str]]) -> View:
    sql = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    statements = duckdb.extract_statements(sql)
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.CREATE:
        raise ViewDeclarationError(
            f"pipelines/publish/warehouse/sql/{name}.sql: holds {len(statements)} statement(s); a view's file holds "
            f"exactly one, CREATE OR REPLACE VIEW {name} AS …"
        )
    doc = yaml.load((SQL_DIR / f"{name}.yaml").read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506
    zh = {k: v["zh"] for k, v in texts.items()}
    en = {k: v["en"] for k, v in texts.items()}
    return View(
        name,
        doc["title_zh"],
        doc["title_en"],
        doc["description_zh"].strip().format(**zh),
        doc["description_en"].strip().format(**en),
        sql,
        tuple(_column(name, c) for c in doc["columns"]),
    )


@cache
def views() -> tuple[View, ...]:
    """Every view, in the order they are created."""
    index = _index()
    return tuple(_load(name, index.get("texts", {})) for name in index["views"])


@cache
def macros() -> tuple[Macro, ...]:
    return tuple(Macro(m["name"], m["description_zh"], m["description_en"]) for m in _index()["macros"])


def rules_sql() -> str:
    return (SQL_DIR / RULES).read_text(encoding="utf-8")


def view(name: str) -> View:
    return next(v for v in views() if v.name == name)


def view_names() -> list[str]:
    return [v.name for v in views()]


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The macros, then every view with its comments; refuse a view whose columns differ from its YAML."""
    con.execute(rules_sql())
    for m in macros():
        con.execute(f"COMMENT ON MACRO {m.name} IS {sql_str(f'{m.description_zh} | {m.description_en}')}")
    for v in views():
        con.execute(v.sql)
        actual = [row[0] for row in con.execute(f'DESCRIBE "{v.name}"').fetchall()]
        declared = [c.name for c in v.columns]
        if actual != declared:
            raise ViewDeclarationError(
                f"view {v.name}: pipelines/publish/warehouse/sql/{v.name}.sql returns the columns {actual}, but "
                f"{v.name}.yaml documents {declared}; make the YAML's columns match the SELECT list (names, order)"
            )
        for sql in comment_sql("VIEW", v.name, v, v.columns):
            con.execute(sql)


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
        con.execute(rules_sql())
        out = {}
        for v in views():
            con.execute(v.sql)
            out[v.name] = {r[0]: r[1] for r in con.execute(f'DESCRIBE "{v.name}"').fetchall()}
        return out
    finally:
        con.close()


@cache
def view_spec(name: str) -> TableSpec:
    """A view as the publishers see a table: its documentation with the types DuckDB gives it."""
    v = view(name)
    types = _types()[name]
    return TableSpec(
        name=v.name,
        theme=THEME,
        title_zh=v.title_zh,
        title_en=v.title_en,
        description_zh=v.description_zh,
        description_en=v.description_en,
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
                untranslated=c.untranslated,
            )
            for c in v.columns
        ),
        made_from="view",
    )


def spec_of(name: str) -> TableSpec:
    """The spec of a published table or view."""
    return view_spec(name) if name in view_names() else table_spec(name)


def read_views(db: Path) -> dict[str, pd.DataFrame]:
    """Every view's rows from a written database; list columns as their JSON text."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for v in views():
            types = _types()[v.name]
            cols = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' if types[c].endswith("[]") else f'"{c}"' for c in types)
            out[v.name] = con.execute(f'SELECT {cols} FROM "{v.name}"').df()
        return out
    finally:
        con.close()


def sql_files() -> dict[str, bytes]:
    """The files the catalogue publishes beside the views: rules.sql and each view's file, as they stand."""
    return {RULES.removesuffix(".sql"): rules_sql().encode("utf-8")} | {v.name: v.sql.encode("utf-8") for v in views()}


def write_view_parquet(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    """Parquet copies of the views beside the tables' (zstd, column documentation in the metadata)."""
    for name, df in frames.items():
        pq.write_table(to_arrow(view_spec(name), df), folder / f"{name}.parquet", compression="zstd")
