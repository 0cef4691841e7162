"""One asset per published table: extract → validate (blocking checks) → DataFrame."""


import dagster as dg
import pandas as pd

from pipelines.assets.common import CODE_VERSION, OWNERS
from pipelines.checks import check_specs, referenced_tables, run_checks
from pipelines.extract.tables import extract_table
from schemas.registry import TABLES
from schemas.spec import table_spec


def dagster_table_schema(table: str) -> dg.TableSchema:
    spec = table_spec(table)
    return dg.TableSchema(columns=[
        dg.TableColumn(c.name, c.type, description=f"{c.title_zh} / {c.title_en}: {c.description_en}",
                       constraints=dg.TableColumnConstraints(nullable=c.nullable))
        for c in spec.columns])


def _preview(df: pd.DataFrame, rows: int = 5) -> str:
    head = df.head(rows).astype("string").fillna("")
    for col in head.columns:
        head[col] = head[col].str.slice(0, 40).str.replace("|", "\\|", regex=False)
    lines = ["| " + " | ".join(head.columns) + " |", "|" + " --- |" * len(head.columns)]
    lines += ["| " + " | ".join(r) + " |" for r in head.itertuples(index=False, name=None)]
    return "\n".join(lines)


def build_table_asset(table: str) -> dg.AssetsDefinition:
    spec = table_spec(table)
    refs = referenced_tables(table)
    ins = {"plan_documents": dg.AssetIn("plan_documents"), **{r: dg.AssetIn(r) for r in refs}}
    column_schema = dagster_table_schema(table)

    @dg.asset(name=table, group_name="tables", ins=ins, owners=OWNERS, kinds={"pandas", "pandera"},
              code_version=CODE_VERSION, check_specs=check_specs(table),
              description=f"{spec.title_zh} / {spec.title_en}. {spec.description_en}",
              metadata={"dagster/column_schema": column_schema,
                        "primary_key": ", ".join(spec.primary_key)})
    def _table(context: dg.AssetExecutionContext, plan_documents, **references):
        df = extract_table(table, plan_documents)
        valid, results = run_checks(table, df, references, [d.document_id for d in plan_documents])
        yield dg.Output(valid, metadata={"dagster/row_count": len(valid),
                                         "dagster/column_schema": column_schema,
                                         "preview": dg.MetadataValue.md(_preview(valid))})
        yield from results

    return _table


TABLE_ASSETS = [build_table_asset(t) for t in TABLES]
