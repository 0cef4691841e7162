import dagster as dg

from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.extract.model import PlanDocument, build_document
from pipelines.extract.source import SourceDocument


@dg.asset(group_name="document", owners=OWNERS, kinds={"python"}, code_version=CODE_VERSION,
          description="The document model of each plan: normalised text, outline, paragraphs, boxes, indicator "
                      "tables and the annex table, every block knowing its source lines.")
def plan_documents(context: dg.AssetExecutionContext, source_documents: list[SourceDocument]) -> list[PlanDocument]:
    docs = [build_document(s) for s in source_documents]
    context.add_output_metadata({
        d.document_id: dg.MetadataValue.md(
            f"{len(d.sections)} outline entries, {len(d.paragraphs)} paragraphs, {len(d.boxes)} boxes, "
            f"{len(d.tables)} indicator tables, layout `{d.layout.kind}`") for d in docs})
    return docs
