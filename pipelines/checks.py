"""Asset checks of the shared tables, built from their declarations: the pandera schema and the foreign keys.

A document's tables are checked per document instead (pipelines/assets/documents.py: `valid`, `complete`)."""

from __future__ import annotations

import dagster as dg

from pipelines.process import WARNING_CHECKS, checks_of
from pipelines.validate import Report
from schemas.spec import table_spec

DESCRIPTIONS = {
    "schema": "pandera: the declaration of {table} (types, keys, numbering, allowed values, clean text).",
    "completeness": "Warns where a document gives this table no row: a part the text does not have (no annex, no "
    "indicator table), or one the reader did not recognise. The document is published all the same.",
    "foreign_keys": "Every key refers to an existing row of: {references}.",
}


def check_specs(table: str) -> list[dg.AssetCheckSpec]:
    spec = table_spec(table)
    return [
        dg.AssetCheckSpec(
            name,
            asset=table,
            blocking=name not in WARNING_CHECKS,
            description=DESCRIPTIONS[name].format(table=table, references=", ".join(spec.references)),
        )
        for name in checks_of(table)
    ]


def check_result(asset: str, name: str, report: Report, severity=None) -> dg.AssetCheckResult:
    metadata: dict[str, dg.RawMetadataValue] = {"rows": report.rows, "failures": len(report.failures)}
    if report.failures:
        metadata["failure_sample"] = dg.MetadataValue.md(report.as_markdown())
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=name,
        passed=report.passed,
        severity=severity or (dg.AssetCheckSeverity.WARN if name in WARNING_CHECKS else dg.AssetCheckSeverity.ERROR),
        description=report.summary(),
        metadata=metadata,
    )
