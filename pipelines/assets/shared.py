"""The tables shared by every document (vocabularies, outcome files): one unpartitioned asset each.

The manifest sensor requests them at its first tick and whenever their files change. Each is stored by the
CheckedStore IO manager once every blocking check passed; a failing check fails the
run with its description (file, row, line) and keeps the table's last checked version.
"""

import dagster as dg

from pipelines.assets.audit import sources_result, sources_spec
from pipelines.assets.documents import table_out
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
    # keys into other shared tables are checked here (department_successors → departments); keys into a document's
    # tables (task_progress → annex_tasks) when the publishing step has every document's tables
    shared_refs = [r for r in table_spec(table).references if not table_spec(r).per_document]

    @dg.multi_asset(
        name=f"{table}_step",
        outs={table: table_out(table)},
        check_specs=checks,
    )
    def _shared(context: dg.AssetExecutionContext, paths: PlanPaths):
        valid, report = validate(table, extract_table(table, [], paths.raw))
        reports = {"schema": report}
        if "foreign_keys" in checks_of(table):
            refs = {r: extract_table(r, [], paths.raw) for r in shared_refs}
            reports["foreign_keys"] = check_foreign_keys(table, valid, {**refs, table: valid})
        for name in checks_of(table):
            yield check_result(table, name, reports[name])
        if audit:
            yield audit[1](table, valid)
        failed = [r for r in reports.values() if not r.passed]
        if failed:
            text = "\n".join(f"- {r.summary(limit=20)}" for r in failed)
            context.log.error(f"{table}: the last checked version is kept\n{text}")
            raise dg.Failure(description=f"{table} failed its checks; its last checked version is kept.\n{text}")
        yield dg.Output(valid, table, metadata={"dagster/row_count": len(valid)})

    return _shared


SHARED_ASSETS = [build_shared_asset(t) for t in shared_tables()]
