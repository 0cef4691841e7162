"""docs/views.md: every view, column by column (meaning and an example value), written from the views' own
documentation (sql/<view>.yaml) and a built warehouse, so the page never restates a description by hand.

`python -m pipelines.publish.warehouse.reference [WAREHOUSE_DIR]` rewrites it (default: the PLANS_WAREHOUSE_DIR
folder); tests/test_queries.py fails while the page differs from what a fresh build gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from pipelines.publish.warehouse.database import DB_NAME
from pipelines.publish.warehouse.views import view_spec, views
from pipelines.settings import PROJECT_ROOT, folder

PAGE = PROJECT_ROOT / "docs" / "views.md"
EXAMPLE_WIDTH = 48


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _example(con: duckdb.DuckDBPyConnection, view: str, column: str) -> str:
    """The smallest non-empty value of the column, as text (a deterministic example)."""
    row = con.execute(
        f'SELECT CAST("{column}" AS VARCHAR) AS v FROM "{view}" WHERE "{column}" IS NOT NULL ORDER BY v LIMIT 1'
    ).fetchone()
    if row is None:
        return "(empty)"
    value = _cell(row[0])
    return value if len(value) <= EXAMPLE_WIDTH else value[: EXAMPLE_WIDTH - 1] + "…"


def render(warehouse: Path) -> str:
    con = duckdb.connect(str(warehouse / DB_NAME), read_only=True)
    try:
        lines = [
            "# 视图字段参考 · The views, column by column",
            "",
            "Written by `python -m pipelines.publish.warehouse.reference` from each view's documentation",
            "(`pipelines/publish/warehouse/sql/<view>.yaml`) and the built warehouse: the example is the column's",
            "smallest non-empty value. Questions and their SQL: [queries.md](queries.md). Every view carries",
            "`document_id`: filter or group by it when the warehouse holds more than one plan.",
            "",
        ]
        for v in views():
            spec = view_spec(v.name)
            lines += [f"## `{v.name}` · {v.title_zh} / {v.title_en}", "", _cell(v.description_en), ""]
            lines += ["| column | type | meaning | example |", "| --- | --- | --- | --- |"]
            for c in spec.columns:
                meaning = f"{c.title_zh} / {c.title_en}: {c.description_en}"
                if c.untranslated:
                    meaning += f" (no English column: {c.untranslated})"
                lines.append(f"| `{c.name}` | {c.type} | {_cell(meaning)} | {_example(con, v.name, c.name)} |")
            lines.append("")
        return "\n".join(lines)
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    warehouse = Path(argv[0]) if argv else folder("warehouse_dir")
    PAGE.write_text(render(warehouse), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
