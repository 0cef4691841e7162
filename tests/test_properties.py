"""Property-based tests for the text normaliser and the number parser."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.indicators import parse_cell
from pipelines.extract.layout import read_layout
from pipelines.extract.text import clean

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
TEXTISH = st.text(
    st.one_of(CJK, st.sampled_from(list(" \t\u3000，。；：（）〔〕“”%<>—0123456789.abcXYZ/"))), max_size=200
)


@given(TEXTISH)
def test_clean_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@given(st.text(max_size=300))
def test_clean_never_crashes_and_never_leaves_spaces_beside_cjk(text):
    out = clean(text)
    for a, b in itertools.pairwise(out):
        if b == " ":
            assert a.isascii()
        if a == " ":
            assert b.isascii()


@given(st.text(max_size=20))
def test_parse_cell_either_parses_or_says_why(text):
    try:
        cell = parse_cell(text)
    except ValueError as exc:
        assert "not a figure" in str(exc)
    else:
        assert cell.raw_text and " " not in cell.raw_text
        assert (cell.value is None) == (cell.raw_text in {"—", "-", "–", "——"})


@given(
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2)),
    st.sampled_from(["", ">", "<"]),
    st.booleans(),
)
def test_parse_cell_round_trips_printed_figures(value, qualifier, cumulative):
    text = f"{qualifier}{value:g}" if not cumulative else f"〔{qualifier}{value:g}〕"
    if "e" in text:
        return
    cell = parse_cell(text)
    assert cell.value == float(f"{value:g}") and cell.is_cumulative_pp == cumulative
    assert cell.qualifier == (qualifier or None)


@settings(max_examples=50)
@given(st.lists(st.text(max_size=60), max_size=40))
def test_layout_reader_never_crashes(lines):
    try:
        layout = read_layout(lines)
    except ValueError as exc:  # only the documented truncation error
        assert "mid-paragraph" in str(exc)
    else:
        for unit in layout.units:
            assert unit.line_start <= unit.line_end
