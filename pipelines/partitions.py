"""One partition per entry of raw/sources.yaml, kept in sync by the manifest sensor (and by the CLI)."""

import dagster as dg

DOCUMENTS = "documents"
documents_partitions = dg.DynamicPartitionsDefinition(name=DOCUMENTS)
