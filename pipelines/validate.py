"""Run a table's pandera declaration and the cross-table keys, and say exactly where a check failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

from schemas.registry import TABLES
from schemas.spec import table_spec

if TYPE_CHECKING:
    from pipelines.errors import PlanDataError


@dataclass
class Failure:
    table: str
    check: str
    column: str | None
    value: str | None
    key: str | None
    line: int | None
    document_id: str | None = None  # the document the failing row belongs to (None: the whole table)
    error: PlanDataError | None = None  # an extractor's own error (check `parsed`): file, line, row and fix

    def __str__(self) -> str:
        if self.error is not None:
            return f"{self.table}: {self.error}"
        where = f"row {self.key}" if self.key else "table"
        if self.line:
            where += f" (source line {self.line})"
        what = f"column {self.column} " if self.column else ""
        value = f": value {self.value!r}" if self.value not in (None, "nan", "None") else ""
        return f"{self.table}: {what}check {self.check} failed at {where}{value}"


@dataclass
class Report:
    table: str
    rows: int
    failures: list[Failure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def summary(self, limit: int = 5) -> str:
        if self.passed:
            return f"{self.table}: {self.rows} rows passed"
        shown = "; ".join(str(f) for f in self.failures[:limit])
        more = f" (and {len(self.failures) - limit} more)" if len(self.failures) > limit else ""
        return f"{len(self.failures)} failure(s) in {self.table}: {shown}{more}"

    def as_markdown(self, limit: int = 20) -> str:
        lines = ["| check | column | row | line | value |", "| --- | --- | --- | --- | --- |"]
        for f in self.failures[:limit]:
            lines.append(f"| {f.check} | {f.column or ''} | {f.key or ''} | {f.line or ''} | {f.value or ''} |")
        return "\n".join(lines)


def _locate(table: str, df: pd.DataFrame, index) -> tuple[str | None, int | None, str | None]:
    """(primary key, source line, document) of the row at `index`."""
    spec = table_spec(table)
    if index is None or (isinstance(index, float) and pd.isna(index)) or index not in df.index:
        return None, None, None
    row = df.loc[index]
    key = "(" + ", ".join(str(row[k]) for k in spec.primary_key if k in df.columns) + ")"
    line = int(row["line_start"]) if "line_start" in df.columns and pd.notna(row["line_start"]) else None
    doc = str(row["document_id"]) if "document_id" in df.columns and pd.notna(row["document_id"]) else None
    return key, line, doc


def validate(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, Report]:
    """Validate (and coerce) one table against its declaration; never raises for bad data."""
    report = Report(table, len(df))
    try:
        valid = TABLES[table].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        seen = set()
        for _, case in exc.failure_cases.iterrows():
            key, line, doc = _locate(table, df, case.get("index"))
            frame_level = case.get("schema_context") == "DataFrameSchema"
            column = None if frame_level or not isinstance(case.get("column"), str) else case.get("column")
            value = None if frame_level or pd.isna(case.get("failure_case")) else str(case.get("failure_case"))
            ident = (str(case.get("check")), column, key, value)
            if ident in seen:
                continue
            seen.add(ident)
            report.failures.append(Failure(table, ident[0], column, value, key, line, doc))
        return df, report
    return valid, report


def _dangling(table: str, df: pd.DataFrame, tables: dict[str, pd.DataFrame]):
    """(index, foreign key's resource, its local fields, the values) of every row whose key names no row."""
    for fk in table_spec(table).foreign_keys:
        ref_name = fk["reference"]["resource"]
        ref = tables.get(ref_name)
        if ref is None:
            continue
        local, remote = fk["fields"], fk["reference"]["fields"]
        keys = set(map(tuple, ref[remote].astype(str).itertuples(index=False, name=None)))
        for index, values in zip(df.index, df[local].astype(str).itertuples(index=False, name=None), strict=True):
            if tuple(values) not in keys:
                yield index, ref_name, local, values


def check_foreign_keys(table: str, df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> Report:
    """Every foreign key of `table` resolves in the table it references."""
    report = Report(table, len(df))
    for index, ref_name, local, values in _dangling(table, df, tables):
        key, line, doc = _locate(table, df, index)
        report.failures.append(
            Failure(table, f"foreign_key→{ref_name}", ",".join(local), ",".join(values), key, line, doc)
        )
    return report


def without_dangling_keys(table: str, df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, Report]:
    """The rows of `table` whose every foreign key resolves, and the report of those left out."""
    report = check_foreign_keys(table, df, tables)
    drop = {index for index, *_ in _dangling(table, df, tables)}
    return df.drop(index=list(drop)).reset_index(drop=True), report


def check_completeness(table: str, df: pd.DataFrame, document_ids: list[str]) -> Report:
    """Every document gives rows to the table: an empty part means the text was cut or not recognised."""
    report = Report(table, len(df))
    present = set(df["document_id"]) if "document_id" in df.columns else set()
    for doc_id in document_ids:
        if doc_id not in present:
            report.failures.append(Failure(table, "completeness", "document_id", doc_id, f"({doc_id})", None, doc_id))
    return report
