"""Inputs of the assets that combine every document: one DataFrame per table, documents in id order.

A document is published only when every one of its tables passed its checks for the same version of
its source (each table carries the source's sha256): a document whose run failed halfway, or whose
tables come from two versions of its file, is left out whole, and the other documents stay published.
"""

from __future__ import annotations

import dagster as dg
import pandas as pd

from pipelines.checks import OPTIONAL_PER_DOCUMENT
from pipelines.extract.tables import frame
from pipelines.jobs import SHARED_TABLES
from schemas.registry import TABLES

# A document whose table failed its checks has no stored output: load the documents that passed.
TABLE_INS = {t: dg.AssetIn(t, metadata={"allow_missing_partitions": True}) for t in TABLES}
SOURCE_SHA = "source_sha256"  # DataFrame.attrs key set by the table assets
REQUIRED = [t for t in TABLES if t not in SHARED_TABLES and t not in OPTIONAL_PER_DOCUMENT]


def _parts(value) -> list[pd.DataFrame]:
    """One partition loads as the DataFrame itself, several as {partition key: DataFrame}."""
    if isinstance(value, pd.DataFrame):
        return [value]
    return [value[k] for k in sorted(value)]


def _versions(parts: list[pd.DataFrame]) -> dict[str, str]:
    out = {}
    for df in parts:
        for doc_id in set(df["document_id"]):
            out[doc_id] = df.attrs.get(SOURCE_SHA, "")
    return out


def combine_all(inputs: dict) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """(tables, excluded documents → why)."""
    parts = {t: _parts(inputs[t]) for t in TABLES}
    versions = {t: _versions(parts[t]) for t in REQUIRED}
    candidates = set().union(*(set(v) for v in versions.values())) if versions else set()
    excluded = {}
    for doc_id in sorted(candidates):
        missing = [t for t in REQUIRED if doc_id not in versions[t]]
        shas = {versions[t][doc_id] for t in REQUIRED if doc_id in versions[t]}
        if missing:
            excluded[doc_id] = f"no checked rows in {', '.join(missing)}"
        elif len(shas) != 1:
            excluded[doc_id] = "tables come from different versions of the source file"
    tables = {}
    for t in TABLES:
        df = pd.concat(parts[t], ignore_index=True) if parts[t] else frame(t, [])
        if "document_id" in df.columns and t not in SHARED_TABLES:
            df = df[~df["document_id"].isin(excluded)].reset_index(drop=True)
        tables[t] = df
    return tables, excluded
