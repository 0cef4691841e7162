import warnings

import dagster as dg

from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.errors import PlanDataError
from pipelines.extract.source import SourceDocument, load_source, read_manifest
from pipelines.partitions import documents_partitions
from pipelines.resources import PlanPaths


@dg.asset(
    group_name="sources",
    owners=OWNERS,
    kinds={"yaml", "text"},
    code_version=CODE_VERSION,
    partitions_def=documents_partitions,
    description="One plan text listed in raw/sources.yaml, verified against its sha256 (which is also its "
    "data version) and decoded.",
)
def source_documents(context: dg.AssetExecutionContext, paths: PlanPaths) -> dg.Output[SourceDocument]:
    doc_id = context.partition_key
    entry = next((e for e in read_manifest(paths.raw) if e["document_id"] == doc_id), None)
    if entry is None:
        raise PlanDataError(
            f"document {doc_id!r} is no longer listed",
            file=str(paths.raw / "sources.yaml"),
            hint="the manifest sensor removes partitions of documents taken out of the manifest",
        )
    doc = load_source(paths.raw, entry)
    with warnings.catch_warnings():  # data versions are beta in Dagster 1.13; we rely on them deliberately
        warnings.simplefilter("ignore", dg.BetaWarning)
        return dg.Output(
            doc,
            data_version=dg.DataVersion(doc.sha256),
            metadata={"path": f"raw/{doc.path}", "lines": len(doc.lines), "sha256": doc.sha256},
        )
