"""The tables shared by every document (vocabularies, outcome files): one unpartitioned asset each."""

import dagster as dg

from pipelines.assets import store
from pipelines.assets.audit import sources_result, sources_spec
from pipelines.assets.documents import table_asset_spec
from pipelines.checks import check_result, check_specs
from pipelines.extract.tables import extract_table
from pipelines.process import checks_of, shared_tables
from pipelines.resources import PlanPaths
from pipelines.validate import check_foreign_keys, validate
from schemas.spec import table_spec

# Warnings that look at a shared table as a whole (never blocking).
AUDITS = {"outcome_figures": (sources_spec, sources_result)}


def build_shared_asset(table: str) -> dg.AssetsDefinition:
    audit = AUDITS.get(table)
    checks = check_specs(table) + ([audit[0](table)] if audit else [])
    references = list(table_spec(table).references)
    # keys into other shared tables are checked here (department_successors → departments); keys into a document's
    # tables (task_progress → annex_tasks) when the publishing step has every document's tables
    shared_refs = [r for r in references if not table_spec(r).per_document]

    @dg.multi_asset(name=f"{table}_step", specs=[table_asset_spec(table, references)], check_specs=checks)
    def _shared(context: dg.AssetExecutionContext, paths: PlanPaths):
        valid, report = validate(table, extract_table(table, [], paths.raw))
        reports = {"schema": report}
        if "foreign_keys" in checks_of(table):
            refs = {r: extract_table(r, [], paths.raw) for r in shared_refs}
            reports["foreign_keys"] = check_foreign_keys(table, valid, {**refs, table: valid})
        if all(r.passed for r in reports.values()):
            store.save_shared(context.instance, table, valid)
        else:
            store.forget_shared(context.instance, table)
        for name in checks_of(table):
            yield check_result(table, name, reports[name])
        if audit:
            yield audit[1](table, valid)
        yield dg.MaterializeResult(asset_key=table, metadata={"dagster/row_count": len(valid)})

    return _shared


SHARED_ASSETS = [build_shared_asset(t) for t in shared_tables()]
