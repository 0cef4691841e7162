"""Robust to format: the same plan in other layouts, line endings and spacing gives the same tables.

No input here is built from the extractor's output. The other layouts are hand-written fixtures
(tests/fixtures/browser_copy/, tests/fixtures/html/; tests/test_browser_copy.py and tests/test_html.py
compare them cell for cell with the PDF text); the variants below change only the bytes of the PDF text
or of a fixture (line endings, byte order mark, blank lines, trailing spaces).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.extract.layout import detect_kind
from pipelines.extract.model import build_document
from pipelines.extract.source import SourceDocument, decode
from pipelines.extract.tables import extract_table
from schemas.registry import TABLES
from tests.helpers import seed_bytes, seed_text

FIXTURES = Path(__file__).parent / "fixtures"
BROWSER_COPY = FIXTURES / "browser_copy" / "ch1-2.txt"
PROVENANCE = {"line_start", "line_end", "line_count", "source_sha256", "source_file"}
TEXT_TABLES = ["documents", "outline", "paragraphs", "indicators", "indicator_values", "indicator_consistency"]


def _document(text: str, plan_docs) -> SourceDocument:
    base = plan_docs[0].source
    return SourceDocument(document_id=base.document_id, path=base.path, sha256="0" * 64, text=text, meta=base.meta)


def _comparable(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop(columns=[c for c in df.columns if c in PROVENANCE]).reset_index(drop=True)


def _tables(text: str, plan_docs) -> dict[str, pd.DataFrame]:
    docs = [build_document(_document(text, plan_docs))]
    return {t: extract_table(t, docs) for t in TEXT_TABLES}


def test_the_layouts_are_told_apart_from_the_text():
    assert detect_kind(seed_text().split("\n")) == "pdf"
    for name in ("ch1-2.txt", "box.txt", "action.txt", "annex.txt"):
        lines = (FIXTURES / "browser_copy" / name).read_text(encoding="utf-8").split("\n")
        assert detect_kind(lines) == "clean", name


def test_windows_line_endings_give_the_same_tables_and_lines(plan_docs, tables):
    crlf = seed_bytes().decode("utf-8").replace("\n", "\r\n")
    docs = [build_document(_document(crlf, plan_docs))]
    for table in TABLES:
        pd.testing.assert_frame_equal(
            extract_table(table, docs).drop(columns=["source_sha256"], errors="ignore"),
            tables[table].drop(columns=["source_sha256"], errors="ignore"),
        )


@pytest.fixture(scope="module")
def browser_copy(plan_docs) -> dict[str, pd.DataFrame]:
    return _tables(BROWSER_COPY.read_text(encoding="utf-8"), plan_docs)


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_a_browser_copy_with_other_line_endings_and_a_bom_gives_the_same_tables_and_lines(
    ending, plan_docs, browser_copy
):
    data = b"\xef\xbb\xbf" + BROWSER_COPY.read_bytes().replace(b"\n", ending.encode())
    variant = _tables(decode(data, "utf-8", "browser copy"), plan_docs)
    for table in TEXT_TABLES:
        pd.testing.assert_frame_equal(variant[table], browser_copy[table])


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda ln: ln + "\n", id="a blank line after every line"),
        pytest.param(lambda ln: ln + "  " if ln else ln, id="trailing spaces"),
        pytest.param(lambda ln: "\u3000\u3000" + ln + "\u3000" if ln else ln, id="ideographic spaces around lines"),
    ],
)
def test_a_browser_copy_spaced_otherwise_gives_the_same_tables(change, plan_docs, browser_copy):
    text = "\n".join(change(ln) for ln in BROWSER_COPY.read_text(encoding="utf-8").split("\n"))
    variant = _tables(text, plan_docs)
    for table in TEXT_TABLES:
        pd.testing.assert_frame_equal(_comparable(variant[table]), _comparable(browser_copy[table]))
