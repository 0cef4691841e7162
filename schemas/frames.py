"""Rows and tables in their declared shape: a table's DataFrame from rows, and tables cut per document."""

from __future__ import annotations

import pandas as pd

from schemas.base import translation_status_of
from schemas.registry import TABLES
from schemas.vocabulary import UNKNOWN_ROLE

# The columns that say a row awaits a person, and the value that says so (schemas.base, schemas.vocabulary).
PENDING = {"translation_status": "pending", "review_status": "pending", "table_role": UNKNOWN_ROLE}

Rows = list[dict]


def frame(table: str, rows: Rows) -> pd.DataFrame:
    """Rows → a DataFrame with exactly the declared columns, in declared order."""
    columns = list(TABLES[table].to_schema().columns)
    df = pd.DataFrame(rows, columns=columns)
    if "translation_status" in columns:
        df["translation_status"] = translation_status_of(df)
    return df


def by_document(tables: dict[str, pd.DataFrame], doc_ids: list[str]) -> dict[str, dict[str, pd.DataFrame]]:
    """doc_id → table → that document's rows (index from 0), split in one pass over each table, so that what is
    stored, drawn or paged per document costs that document's rows, not every document's. A table without
    `document_id` (a vocabulary) is passed whole."""
    out: dict[str, dict[str, pd.DataFrame]] = {d: {} for d in doc_ids}
    for t, df in tables.items():
        if "document_id" not in df.columns:
            for d in doc_ids:
                out[d][t] = df
            continue
        groups = dict(tuple(df.groupby("document_id", sort=False)))
        for d in doc_ids:
            out[d][t] = groups[d].reset_index(drop=True) if d in groups else df.iloc[0:0]
    return out


def pending_rows(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """document → table → how many of its rows await review (English, a decision, a table's role)."""
    out: dict[str, dict[str, int]] = {}
    for name, df in tables.items():
        columns = [c for c in PENDING if c in df.columns]
        if not columns or "document_id" not in df.columns:
            continue
        waiting = pd.Series(False, index=df.index)
        for c in columns:
            waiting |= df[c] == PENDING[c]
        for doc, n in df.loc[waiting, "document_id"].value_counts().items():
            out.setdefault(str(doc), {})[name] = int(n)
    return out
