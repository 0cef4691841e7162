"""Asset checks built from the table declarations: the pandera schema and the foreign keys."""

from __future__ import annotations

import dagster as dg
import pandas as pd

from pipelines.validate import Report, check_completeness, check_foreign_keys, validate
from schemas.spec import table_spec

# Tables that may legitimately hold no row for a document (links found only where the text states them).
OPTIONAL_PER_DOCUMENT = {"departments", "annex_task_projects", "annex_task_actions"}


def referenced_tables(table: str) -> list[str]:
    return sorted({fk["reference"]["resource"] for fk in table_spec(table).foreign_keys} - {table})


def check_specs(table: str) -> list[dg.AssetCheckSpec]:
    specs = [
        dg.AssetCheckSpec(
            "schema",
            asset=table,
            blocking=True,
            description=f"pandera: the declaration of {table} (types, keys, numbering, allowed values, clean text).",
        )
    ]
    if table not in OPTIONAL_PER_DOCUMENT:
        specs.append(
            dg.AssetCheckSpec(
                "completeness",
                asset=table,
                blocking=True,
                description="Every document gives this table at least one row (an empty "
                "part means a truncated or unrecognised text).",
            )
        )
    if referenced_tables(table):
        specs.append(
            dg.AssetCheckSpec(
                "foreign_keys",
                asset=table,
                blocking=True,
                description="Every key refers to an existing row of: " + ", ".join(referenced_tables(table)) + ".",
            )
        )
    return specs


def _result(name: str, report: Report, severity=dg.AssetCheckSeverity.ERROR) -> dg.AssetCheckResult:
    metadata = {"rows": report.rows, "failures": len(report.failures)}
    if report.failures:
        metadata["failure_sample"] = dg.MetadataValue.md(report.as_markdown())
    return dg.AssetCheckResult(
        check_name=name, passed=report.passed, severity=severity, description=report.summary(), metadata=metadata
    )


def run_checks(
    table: str, df: pd.DataFrame, references: dict[str, pd.DataFrame], document_ids: list[str]
) -> tuple[pd.DataFrame, list]:
    valid, report = validate(table, df)
    results = [_result("schema", report)]
    if table not in OPTIONAL_PER_DOCUMENT:
        results.append(_result("completeness", check_completeness(table, valid, document_ids)))
    if referenced_tables(table):
        results.append(_result("foreign_keys", check_foreign_keys(table, valid, {table: valid, **references})))
    return valid, results
