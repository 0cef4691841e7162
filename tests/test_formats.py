"""Robust to format: the same plan in other layouts gives the same tables."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.extract.layout import detect_kind
from pipelines.extract.model import build_document
from pipelines.extract.source import SourceDocument
from pipelines.extract.tables import extract_table
from schemas.registry import TABLES
from tests.helpers import seed_bytes, seed_text
from tests.variants import clean_variant

PROVENANCE = {"line_start", "line_end", "line_count", "source_sha256", "source_file"}


def _document(text: str, plan_docs) -> SourceDocument:
    base = plan_docs[0].source
    return SourceDocument(document_id=base.document_id, path=base.path, sha256="0" * 64, text=text, meta=base.meta)


def _comparable(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop(columns=[c for c in df.columns if c in PROVENANCE]).reset_index(drop=True)


@pytest.fixture(scope="module")
def clean_text(tables):
    annex = [(r.task_no, r.task_zh, r.responsibility_zh) for r in tables["annex_tasks"].itertuples()]
    last = set(tables["project_components"].sort_values("component_no").groupby("project_no").text_zh.last())
    return clean_variant(seed_text(), annex, last)


def test_clean_variant_is_really_another_layout(clean_text):
    lines = clean_text.splitlines()
    assert detect_kind(lines) == "clean" and detect_kind(seed_text().split("\n")) == "pdf"
    assert "1.信息化发展指数\t72.45\t88\t—" in lines
    assert len(lines) < 900 < len(seed_text().splitlines())


@pytest.mark.parametrize("table", list(TABLES))
def test_clean_variant_gives_the_same_tables(table, clean_text, plan_docs, tables):
    variant = [build_document(_document(clean_text, plan_docs))]
    got = _comparable(extract_table(table, variant))
    expected = _comparable(tables[table])
    pd.testing.assert_frame_equal(got, expected)


def test_windows_line_endings_give_the_same_tables_and_lines(plan_docs, tables):
    crlf = seed_bytes().decode("utf-8").replace("\n", "\r\n")
    docs = [build_document(_document(crlf, plan_docs))]
    for table in TABLES:
        pd.testing.assert_frame_equal(
            extract_table(table, docs).drop(columns=["source_sha256"], errors="ignore"),
            tables[table].drop(columns=["source_sha256"], errors="ignore"),
        )
