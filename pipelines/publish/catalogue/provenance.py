"""Where each table comes from in the source: the span of source lines its rows cover, per document."""

from __future__ import annotations

import pandas as pd


def line_spans(tables: dict[str, pd.DataFrame], name: str) -> list[dict]:
    """One entry per document: first and last source line any row of `name` cites, and the row count.

    Empty for tables without line columns (vocabularies and link tables): their provenance is the
    tables their foreign keys point at.
    """
    df = tables[name]
    if not {"line_start", "line_end", "document_id"} <= set(df.columns) or df.empty:
        return []
    spans: dict[str, dict] = {}
    # plain Python: a pandas groupby costs ~7 ms a call here, and the site asks ~100 times
    for doc, start, end in zip(
        df["document_id"].tolist(), df["line_start"].tolist(), df["line_end"].tolist(), strict=True
    ):
        span = spans.setdefault(doc, {"document_id": doc, "first": start, "last": end, "rows": 0})
        span["first"], span["last"], span["rows"] = min(span["first"], start), max(span["last"], end), span["rows"] + 1
    return [{**spans[d], "first": int(spans[d]["first"]), "last": int(spans[d]["last"])} for d in sorted(spans)]


def package_span_text(tables: dict[str, pd.DataFrame], members: list[str], documents: pd.DataFrame) -> tuple[str, str]:
    """(zh, en) sentence naming the source document(s) and the line span the package's tables cover."""
    zh, en = [], []
    per_document: dict[str, list[dict]] = {}
    for t in members:
        for s in line_spans(tables, t):
            per_document.setdefault(s["document_id"], []).append(s)
    for doc in documents.itertuples():
        spans = per_document.get(doc.document_id, [])
        first, last = (min(s["first"] for s in spans), max(s["last"] for s in spans)) if spans else (None, None)
        where_zh = f"原文第{first}–{last}行" if spans else "全文"
        where_en = f"lines {first}–{last}" if spans else "the whole text"
        zh.append(
            f"摘自{doc.issuer_zh}《{doc.title_zh}》（{doc.document_number}）{where_zh}（{doc.source_file}，"
            f"SHA-256 {doc.source_sha256}）。"
        )
        en.append(
            f"Extracted from {where_en} of {doc.source_file} (SHA-256 {doc.source_sha256}): "
            f"{doc.issuer_en}, {doc.title_en} ({doc.document_number})."
        )
    return "".join(zh), " ".join(en)
