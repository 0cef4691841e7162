"""Column lineage of the views: which table columns each view column is computed from.

Derived from the views' SQL by sqlglot (each view expanded over the views it selects from, qualified against the
declared tables, traced column by column to the table columns it reads) and kept in `sql/lineage.json`, which
the Dagster assets of the views publish as `dagster/column_lineage`. Deriving takes seconds, so it is done when
a view changes, not at every build: `python -m pipelines.publish.warehouse.lineage` rewrites the file, and
tests/test_warehouse.py fails, naming that command, while the file differs from what the SQL gives.
"""

from __future__ import annotations

import json
import sys
from functools import cache

from pipelines.publish.warehouse.views import SQL_DIR, views
from schemas.registry import TABLES
from schemas.spec import table_spec

LINEAGE_FILE = SQL_DIR / "lineage.json"


def derive() -> dict[str, dict[str, list[list[str]]]]:
    """view → column → [[table, column], …] (sorted), traced by sqlglot from the SQL files."""
    import sqlglot
    from sqlglot import exp
    from sqlglot.lineage import lineage
    from sqlglot.optimizer.qualify import qualify
    from sqlglot.optimizer.scope import build_scope

    schema: dict[str, object] = {t: {c.name: "VARCHAR" for c in table_spec(t).columns} for t in TABLES}
    earlier: dict[str, exp.Query] = {}
    out: dict[str, dict[str, list[list[str]]]] = {}
    for v in views():
        select = sqlglot.parse_one(v.sql, read="duckdb").expression  # the SELECT of CREATE VIEW … AS
        assert isinstance(select, exp.Query), v.name
        expanded = exp.expand(select.copy(), dict(earlier), dialect="duckdb", copy=True)
        earlier[v.name] = select
        qualified = qualify(expanded, dialect="duckdb", schema=schema, validate_qualify_columns=False, identify=False)
        nodes = lineage(None, qualified, schema=schema, scope=build_scope(qualified), dialect="duckdb", copy=False)
        assert isinstance(nodes, dict)
        columns: dict[str, list[list[str]]] = {}
        for c in v.columns:
            leaves = {
                (n.source.name, n.name.split(".")[-1])
                for n in nodes[c.name].walk()
                if not n.downstream and isinstance(n.source, exp.Table) and n.source.name in TABLES
            }
            columns[c.name] = [list(pair) for pair in sorted(leaves)]
        out[v.name] = columns
    return out


def render(lineage: dict) -> str:
    """The JSON file, one line per view column."""
    views_ = []
    for view, columns in lineage.items():
        lines = [f"    {json.dumps(c)}: {json.dumps(pairs, ensure_ascii=False)}" for c, pairs in columns.items()]
        views_.append(f"  {json.dumps(view)}: {{\n" + ",\n".join(lines) + "\n  }")
    return "{\n" + ",\n".join(views_) + "\n}\n"


@cache
def column_lineage(view: str) -> dict[str, list[tuple[str, str]]]:
    """column → the (table, column) pairs it is computed from (a constant column has none)."""
    data = json.loads(LINEAGE_FILE.read_text(encoding="utf-8"))
    return {c: [(t, col) for t, col in pairs] for c, pairs in data[view].items()}


def tables_of(view: str) -> list[str]:
    """The tables a view reads, in publishing order."""
    used = {t for pairs in column_lineage(view).values() for t, _ in pairs}
    return [t for t in TABLES if t in used]


def main() -> int:
    LINEAGE_FILE.write_text(render(derive()), encoding="utf-8")
    print(f"wrote {LINEAGE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
