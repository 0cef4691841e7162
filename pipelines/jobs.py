"""The jobs: build each document (partitioned), then publish every document together."""

import dagster as dg

from schemas.registry import TABLES

SHARED_TABLES = {"departments"}  # tables for every document at once: built with the catalogue

build_documents = dg.define_asset_job(
    "build_documents",
    selection=dg.AssetSelection.assets("source_documents", "plan_documents", *(set(TABLES) - SHARED_TABLES)),
    description="One document (partition): verify the source, build its document model, extract and check every "
    "table. A failed check fails this document only.",
)

build_catalog = dg.define_asset_job(
    "build_catalog",
    selection=dg.AssetSelection.assets(*SHARED_TABLES, "warehouse", "catalog", "release"),
    description="Every document's checked tables → warehouse/ and catalog/, released together. "
    "`python -m pipelines build` runs build_documents for each document, then this job.",
)
