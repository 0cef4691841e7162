"""The tables shared by every document (the department vocabulary): one unpartitioned asset each."""

import dagster as dg

from pipelines.assets.documents import table_asset_spec
from pipelines.checks import check_result, check_specs
from pipelines.extract.tables import extract_table
from pipelines.process import checks_of, shared_tables
from pipelines.validate import check_foreign_keys, validate


def build_shared_asset(table: str) -> dg.AssetsDefinition:
    @dg.multi_asset(name=f"{table}_step", specs=[table_asset_spec(table, [])], check_specs=check_specs(table))
    def _shared(context: dg.AssetExecutionContext):
        valid, report = validate(table, extract_table(table, []))
        reports = {"schema": report}
        if "foreign_keys" in checks_of(table):
            reports["foreign_keys"] = check_foreign_keys(table, valid, {table: valid})
        for name in checks_of(table):
            yield check_result(table, name, reports[name])
        yield dg.MaterializeResult(asset_key=table, metadata={"dagster/row_count": len(valid)})

    return _shared


SHARED_ASSETS = [build_shared_asset(t) for t in shared_tables()]
