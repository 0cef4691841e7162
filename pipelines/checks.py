"""Asset checks built from the table declarations: the pandera schema, completeness and the foreign keys."""

from __future__ import annotations

import dagster as dg

from pipelines.process import MODEL_CHECK, SOURCE_CHECK, checks_of
from pipelines.validate import Report
from schemas.spec import table_spec

DESCRIPTIONS = {
    "schema": "pandera: the declaration of {table} (types, keys, numbering, allowed values, clean text).",
    "completeness": "Every document gives this table at least one row (an empty part means a truncated or "
    "unrecognised text).",
    "foreign_keys": "Every key refers to an existing row of: {references}.",
}


def check_specs(table: str) -> list[dg.AssetCheckSpec]:
    spec = table_spec(table)
    return [
        dg.AssetCheckSpec(
            name,
            asset=table,
            blocking=True,
            description=DESCRIPTIONS[name].format(table=table, references=", ".join(spec.references)),
        )
        for name in checks_of(table)
    ]


def stage_check_specs() -> list[dg.AssetCheckSpec]:
    """The checks of the two stages before the tables: a readable source, a parsable text."""
    return [
        dg.AssetCheckSpec(
            SOURCE_CHECK,
            asset="source_documents",
            blocking=True,
            description="The file is listed in raw/sources.yaml, lies inside raw/, matches its sha256, "
            "decodes in its declared encoding and is not empty.",
        ),
        dg.AssetCheckSpec(
            MODEL_CHECK,
            asset="plan_documents",
            blocking=True,
            description="The document model (outline, paragraphs, boxes, tables, annex) and every table "
            "extractor read the text without error.",
        ),
    ]


def check_result(asset: str, name: str, report: Report, severity=dg.AssetCheckSeverity.ERROR) -> dg.AssetCheckResult:
    metadata: dict[str, dg.RawMetadataValue] = {"rows": report.rows, "failures": len(report.failures)}
    if report.failures:
        metadata["failure_sample"] = dg.MetadataValue.md(report.as_markdown())
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=name,
        passed=report.passed,
        severity=severity,
        description=report.summary(),
        metadata=metadata,
    )
