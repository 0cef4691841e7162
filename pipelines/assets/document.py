import dagster as dg

from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.extract.model import PlanDocument, build_document
from pipelines.extract.source import SourceDocument
from pipelines.partitions import documents_partitions


@dg.asset(
    group_name="document",
    owners=OWNERS,
    kinds={"python"},
    code_version=CODE_VERSION,
    partitions_def=documents_partitions,
    description="The document model of one plan: normalised text, outline, paragraphs, boxes, indicator "
    "tables and the annex table, every block knowing its source lines.",
)
def plan_documents(context: dg.AssetExecutionContext, source_documents: SourceDocument) -> PlanDocument:
    doc = build_document(source_documents)
    context.add_output_metadata(
        {
            "outline_entries": len(doc.sections),
            "paragraphs": len(doc.paragraphs),
            "boxes": len(doc.boxes),
            "indicator_tables": len(doc.tables),
            "layout": doc.layout.kind,
        }
    )
    return doc
