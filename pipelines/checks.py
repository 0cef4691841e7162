"""Asset checks built from the table declarations: the pandera schema, completeness and the foreign keys."""

from __future__ import annotations

import dagster as dg

from pipelines.process import MODEL_CHECK, REVIEW_CHECK, SOURCE_CHECK, WARNING_CHECKS, checks_of
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
        dg.AssetCheckSpec(
            REVIEW_CHECK,
            asset="plan_documents",
            blocking=False,
            description="Warns while anything of the document waits for a person: English not reviewed for its exact "
            "Chinese (or reviewed for an earlier wording: stale), undecided figures, undeclared table roles, "
            "unconfirmed annex links, and parts of the structure not found. Published as pending meanwhile; "
            "`python -m pipelines review DOCUMENT_ID` lists them.",
        ),
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
