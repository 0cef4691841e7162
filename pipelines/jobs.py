"""The jobs: build the selected documents (one run, any number of partitions), then publish them all together."""

import dagster as dg

from pipelines.assets.documents import document_tables_step
from pipelines.assets.publish import publish_step
from pipelines.assets.shared import SHARED_ASSETS

build_documents = dg.define_asset_job(
    "build_documents",
    selection=dg.AssetSelection.assets(*document_tables_step.keys),
    description="The selected documents (partitions), in one step: verify each source, build its document model, "
    "extract and check every table. Any blocking problem fails the run with every problem of the document, and "
    "nothing of the run is stored.",
)

build_catalog = dg.define_asset_job(
    "build_catalog",
    selection=dg.AssetSelection.assets(*publish_step.keys, *(k for a in SHARED_ASSETS for k in a.keys)),
    description="The shared tables, then every document's checked tables → warehouse/ and catalog/, released "
    "together. `python -m pipelines build` runs build_documents for every document, then this job; in the UI, "
    "declarative automation publishes after any upstream materialization.",
)
