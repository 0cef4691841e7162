"""Everything derived from a table's one declaration: field list, types, keys, constraints.

Publishers (DuckDB comments, Frictionless Table Schema, Dagster TableSchema, catalogue pages)
read this spec; none of them lists fields of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from schemas.constants import TYPES
from schemas.registry import TABLES

# Frictionless type → the DuckDB type a column of it gets in the warehouse (schemas/constants.py).
DUCKDB_TYPES = {kind: t.duckdb for kind, t in TYPES.items()}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str  # frictionless type: string, integer, number, boolean, date
    nullable: bool
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    enum: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    unit: str | None = None
    untranslated: str | None = None  # why a Chinese column has no English twin

    @property
    def duckdb_type(self) -> str:
        return DUCKDB_TYPES[self.type]


@dataclass(frozen=True)
class TableSpec:
    name: str
    theme: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...]
    columns: tuple[ColumnSpec, ...] = field(default_factory=tuple)
    optional: bool = False  # a document may give it no row (links found only where the text states them)
    made_from: str = "document"  # "document": extracted from each plan; otherwise shared by every document

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)

    @property
    def per_document(self) -> bool:
        """Extracted from each document's model; otherwise one table shared by every document (a vocabulary,
        or the outcome files under raw/)."""
        return self.made_from == "document"

    @property
    def references(self) -> tuple[str, ...]:
        """The other tables its foreign keys point to."""
        return tuple(sorted({fk["reference"]["resource"] for fk in self.foreign_keys} - {self.name}))


def _type(dtype: str, override: str | None) -> str:
    if override:
        return override
    dtype = dtype.lower()
    if "int" in dtype:
        return "integer"
    if "float" in dtype:
        return "number"
    if "bool" in dtype:
        return "boolean"
    if "datetime" in dtype:
        return "datetime"
    return "string"


def _constraints(checks) -> dict:
    out: dict = {}
    for check in checks:
        stats = check.statistics or {}
        name = check.name
        if name == "isin":
            out["enum"] = tuple(stats["allowed_values"])
        elif name in ("greater_than_or_equal_to",):
            out["minimum"] = stats["min_value"]
        elif name in ("less_than_or_equal_to",):
            out["maximum"] = stats["max_value"]
        elif name == "str_matches":
            out["pattern"] = str(stats["pattern"].pattern if hasattr(stats["pattern"], "pattern") else stats["pattern"])
    return out


@cache
def table_spec(name: str) -> TableSpec:
    model = TABLES[name]
    meta = model.Config.metadata
    schema = model.to_schema()
    columns = []
    for col_name, col in schema.columns.items():
        md = col.metadata or {}
        columns.append(
            ColumnSpec(
                name=col_name,
                type=_type(str(col.dtype), md.get("frictionless_type")),
                nullable=bool(col.nullable),
                title_zh=md.get("title_zh", ""),
                title_en=md.get("title_en", ""),
                description_zh=md.get("description_zh", ""),
                description_en=md.get("description_en", ""),
                unit=md.get("unit"),
                untranslated=md.get("untranslated"),
                **_constraints(col.checks),
            )
        )
    return TableSpec(
        name=name,
        theme=meta["theme"],
        title_zh=meta["title_zh"],
        title_en=meta["title_en"],
        description_zh=meta["description_zh"],
        description_en=meta["description_en"],
        primary_key=tuple(meta["primary_key"]),
        foreign_keys=tuple(meta["foreign_keys"]),
        columns=tuple(columns),
        optional=bool(meta.get("optional", False)),
        made_from=meta.get("made_from", "document"),
    )


def all_specs() -> list[TableSpec]:
    return [table_spec(n) for n in TABLES]
