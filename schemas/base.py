"""Building blocks for the table declarations."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera import extensions

from schemas.english import glossary_violations, missing_figures

# Layout left in text: a space touching a CJK character, a line break, a tab, a form feed.
LAYOUT = re.compile(r"[^\x00-\x7f] | [^\x00-\x7f]|[\n\r\t\x0c]|^\s|\s$")
DOCUMENT_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@extensions.register_check_method(statistics=[])
def clean_text(series: pd.Series) -> pd.Series:
    """Text is de-wrapped and de-spaced: no page artefacts, no stray spaces beside CJK characters."""
    return series.isna() | ~series.astype("string").str.contains(LAYOUT, na=False)


@extensions.register_check_method(statistics=[])
def not_blank(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype("string").str.strip().str.len() > 0)


def field(
    title_zh: str,
    title_en: str,
    description_zh: str,
    description_en: str,
    *,
    unit: str | None = None,
    frictionless_type: str | None = None,
    untranslated: str | None = None,
    **checks,
) -> Any:
    """A column: its titles and descriptions in both languages, plus pandera checks. A Chinese column
    (`*_zh`) without an English twin says why in `untranslated`."""
    metadata = {
        "title_zh": title_zh,
        "title_en": title_en,
        "description_zh": description_zh,
        "description_en": description_en,
    }
    if unit:
        metadata["unit"] = unit
    if untranslated:
        metadata["untranslated"] = untranslated
    if frictionless_type:
        metadata["frictionless_type"] = frictionless_type
    return pa.Field(metadata=metadata, **checks)


def text_zh(title_zh: str, title_en: str, description_zh: str, description_en: str, **kw) -> Any:
    return field(title_zh, title_en, description_zh, description_en, clean_text=(), not_blank=(), **kw)


def text_en(title_zh: str, title_en: str, description_zh: str, description_en: str, **kw) -> Any:
    """A reviewed English text: null while the Chinese beside it awaits review (the row's translation_status)."""
    kw.setdefault("nullable", True)
    return field(
        title_zh, title_en, description_zh, description_en, not_blank=(), str_matches=r"^[^\u4e00-\u9fff]*$", **kw
    )


REVIEW_STATUSES = ["reviewed", "pending"]


def translation_status() -> Any:
    return field(
        "译文状态",
        "Translation status",
        "reviewed：本行每段中文都有针对该确切中文审校过的英文；pending：至少一段中文尚待审校，其英文为空（不是译文缺失，"
        "而是待审）。`python -m pipelines review` 列出待审条目。",
        "reviewed: every Chinese text of the row has English reviewed for that exact Chinese; pending: at least one "
        "awaits review, and its English is null (a gap waiting for a reviewer, not a translation). "
        "`python -m pipelines review` lists the pending items.",
        isin=REVIEW_STATUSES,
    )


def document_id() -> Any:
    return field(
        "文件标识",
        "Document id",
        "规划文件的标识（小写ASCII，以连字符连接），见 raw/sources.yaml。",
        "Identifier of the plan document (lower-case ASCII words joined by hyphens), as in raw/sources.yaml.",
        str_matches=DOCUMENT_ID,
    )


def line_start() -> Any:
    return field(
        "起始行",
        "First line",
        "该行内容在原始文本文件中的起始行号（从1开始）。",
        "1-based number of the first line of the raw source file this row comes from.",
        ge=1,
    )


def line_end() -> Any:
    return field(
        "结束行",
        "Last line",
        "该行内容在原始文本文件中的结束行号（从1开始）。",
        "1-based number of the last line of the raw source file this row comes from.",
        ge=1,
    )


def number(title_zh: str, title_en: str, description_zh: str, description_en: str) -> Any:
    return field(title_zh, title_en, description_zh, description_en, ge=1)


def contiguous(df: pd.DataFrame, group: list[str], column: str) -> pd.Series:
    """Numbering runs 1, 2, 3 … in document order within each group; a row out of sequence fails."""
    if df.empty:
        return pd.Series([], dtype=bool)
    expected = df.groupby(group, sort=False).cumcount() + 1
    return df[column].astype("int64") == expected


def spans_ordered(df: pd.DataFrame) -> pd.Series:
    return df["line_end"] >= df["line_start"]


def translation_pairs(df: pd.DataFrame) -> list[tuple[str, str]]:
    """Every (X_zh, X_en) pair of columns: an English text beside the Chinese it translates."""
    return [(c, c[:-3] + "_en") for c in df.columns if c.endswith("_zh") and c[:-3] + "_en" in df.columns]


def translation_status_of(df: pd.DataFrame) -> pd.Series:
    """reviewed where every Chinese text of the row has its English beside it, else pending: the one rule that
    sets translation_status, and that the `translated` check holds every table to."""
    complete = pd.Series(True, index=df.index)
    for zh, en in translation_pairs(df):
        complete &= df[zh].isna() | df[en].notna()
    return complete.map({True: "reviewed", False: "pending"})


def _rows_where(df: pd.DataFrame, problem) -> pd.Series:
    """True for the rows where no (zh, en) pair has a problem; problem(zh, en) is truthy when one does."""
    ok = pd.Series(True, index=df.index)
    for zh, en in translation_pairs(df):
        both = df[zh].notna() & df[en].notna()
        bad = [i for i, z, e in zip(df.index[both], df.loc[both, zh], df.loc[both, en], strict=True) if problem(z, e)]
        ok[bad] = False
    return ok


class TableModel(pa.DataFrameModel):
    """Shared configuration: strict columns, coercion to the declared types; checks for every English text."""

    @pa.dataframe_check
    @classmethod
    def translated(cls, df: pd.DataFrame) -> pd.Series:
        """Every Chinese text has its reviewed English, except in a row whose translation_status says it awaits
        review; and a row is `reviewed` only where every Chinese text of it has English."""
        status = translation_status_of(df)
        if "translation_status" in df.columns:
            return df["translation_status"] == status
        return status == "reviewed"

    @pa.dataframe_check
    @classmethod
    def figures_kept(cls, df: pd.DataFrame) -> pd.Series:
        """Every figure of the Chinese (years, percentages, counts; 万 and 亿 applied) is in the English."""
        return _rows_where(df, missing_figures)

    @pa.dataframe_check
    @classmethod
    def glossary_followed(cls, df: pd.DataFrame) -> pd.Series:
        """Where the Chinese uses a glossary term (schemas/vocab/glossary.csv), the English uses its rendering."""
        return _rows_where(df, glossary_violations)

    class Config:
        strict = True
        coerce = True
        metadata: dict[str, Any] = {}  # each table's name, titles, descriptions, keys (set by its declaration)
