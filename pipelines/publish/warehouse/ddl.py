"""DuckDB DDL from a table's one declaration: CREATE TABLE with its key, and the bilingual COMMENTs."""

from __future__ import annotations

from schemas.spec import TableSpec


def sql_str(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def comment_text(title_zh: str, zh: str, title_en: str, en: str) -> str:
    """The text of a bilingual COMMENT: Chinese | English."""
    return f"{title_zh}：{zh} | {title_en}: {en}"


def create_table_sql(spec: TableSpec) -> str:
    cols = [f'"{c.name}" {c.duckdb_type}{"" if c.nullable else " NOT NULL"}' for c in spec.columns]
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in spec.primary_key) + ")")
    return f'CREATE TABLE "{spec.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def comment_sql(kind: str, name: str, described, columns) -> list[str]:
    """COMMENT ON the table or view and each of its columns, Chinese | English, from its one declaration."""
    text = comment_text(described.title_zh, described.description_zh, described.title_en, described.description_en)
    out = [f'COMMENT ON {kind} "{name}" IS {sql_str(text)}']
    for c in columns:
        text = comment_text(c.title_zh, c.description_zh, c.title_en, c.description_en)
        out.append(f'COMMENT ON COLUMN "{name}"."{c.name}" IS {sql_str(text)}')
    return out
