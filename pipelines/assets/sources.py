import dagster as dg

from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.extract.source import SourceDocument, load_sources
from pipelines.resources import PlanPaths


@dg.asset(group_name="sources", owners=OWNERS, kinds={"yaml", "text"}, code_version=CODE_VERSION,
          description="The plan texts listed in raw/sources.yaml, each verified against its sha256 and decoded.")
def source_documents(context: dg.AssetExecutionContext, paths: PlanPaths) -> list[SourceDocument]:
    docs = load_sources(paths.raw)
    context.add_output_metadata({
        "documents": dg.MetadataValue.md("\n".join(
            f"- `{d.document_id}`: raw/{d.path} ({len(d.lines)} lines, sha256 {d.sha256[:12]}…)" for d in docs)),
        "count": len(docs),
    })
    return docs
