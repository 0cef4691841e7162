"""The plan's text: documents, outline, paragraphs."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import (
    TableModel,
    contiguous,
    document_id,
    field,
    line_end,
    line_start,
    number,
    text_en,
    text_zh,
    translation_status,
)


class Documents(TableModel):
    document_id: Series[str] = document_id()
    title_zh: Series[str] = text_zh(
        "标题", "Title (Chinese)", "规划文件的中文标题。", "Title of the plan document in Chinese."
    )
    title_en: Series[str] = text_en(
        "英文标题", "Title (English)", "规划文件的英文标题。", "Title of the plan document in English."
    )
    issuer_zh: Series[str] = text_zh("发文机关", "Issuer (Chinese)", "发文机关。", "Issuing authority, in Chinese.")
    issuer_en: Series[str] = text_en(
        "发文机关（英文）", "Issuer (English)", "发文机关的英文名称。", "Issuing authority, in English."
    )
    document_number: Series[str] = text_zh(
        "发文字号",
        "Document number",
        "发文字号，如 国发〔2016〕73号。",
        "Official document number, e.g. 国发〔2016〕73号.",
    )
    issued_date: Series[pd.Timestamp] = field(
        "成文日期", "Date issued", "文件的成文日期。", "Date the document was issued.", frictionless_type="date"
    )
    source_file: Series[str] = field(
        "源文件",
        "Source file",
        "原始文本文件在仓库中的路径。",
        "Path of the raw text file in the repository.",
        str_matches=r"^raw/\S+$",
    )
    source_sha256: Series[str] = field(
        "源文件SHA-256",
        "Source SHA-256",
        "原始文本文件的SHA-256校验和。",
        "SHA-256 checksum of the raw text file's bytes.",
        str_matches=r"^[0-9a-f]{64}$",
    )
    origin_url: Series[str] = field(
        "来源网址",
        "Origin URL",
        "文件的官方发布网址。",
        "Where the official document was published.",
        str_matches=r"^https?://\S+$",
    )
    terms_of_use: Series[str] = field(
        "使用条件",
        "Terms of use",
        "源文件的使用条件（英文）。",
        "Terms under which the source document may be used (in English).",
    )
    line_count: Series[int] = field(
        "行数", "Line count", "原始文本文件的行数。", "Number of lines in the raw file.", ge=1
    )

    class Config:
        unique = ["document_id"]
        metadata = {
            "name": "documents",
            "theme": "text",
            "title_zh": "规划文件",
            "title_en": "Plan documents",
            "description_zh": "每个源文件一行：标题、发文机关、发文字号、成文日期与源文件校验和。",
            "description_en": "One row per source document: titles, issuer, document number, date issued, and the "
            "checksum of the source file.",
            "primary_key": ["document_id"],
            "foreign_keys": [],
        }


class Outline(TableModel):
    document_id: Series[str] = document_id()
    section_id: Series[str] = field(
        "章节标识",
        "Section id",
        "章节标识：ch04 为第四章，ch04-s02 为第四章（二），annex 为附件，notice 与 preamble 为通知与前言。",
        "Section id: ch04 is chapter 四, ch04-s02 its section （二）, annex the annex, notice and preamble the "
        "covering "
        "notice and the opening text.",
        str_matches=r"^(notice|preamble|annex|ch\d{2}(-s\d{2})?)$",
    )
    ordinal: Series[int] = number(
        "顺序", "Order", "章节在文件中的顺序（从1开始）。", "Position of the section in the document, from 1."
    )
    level: Series[int] = field(
        "层级",
        "Level",
        "1 为章（及附件、通知、前言），2 为节。",
        "1 for a chapter (and the annex, notice, preamble), 2 for a section.",
        isin=[1, 2],
    )
    number_zh: Series[str] = field(
        "编号",
        "Number",
        "印刷的编号，如 四、（三）、附件；通知与前言无编号。",
        "The number as printed, e.g. 四, （三）, 附件; none for the notice and preamble.",
        nullable=True,
        untranslated="a printed number (四, （三）): level and ordinal give it as data",
    )
    title_zh: Series[str] = text_zh(
        "标题",
        "Title (Chinese)",
        "章节标题，不含编号与句末句号。",
        "Section title in Chinese, without its number and final 。.",
    )
    title_en: Series[str] = text_en(
        "英文标题", "Title (English)", "章节标题的英文译文（人工审校）。", "Reviewed English translation of the title."
    )
    parent_section_id: Series[str] = field(
        "上级章节",
        "Parent section",
        "节所属的章；章为空。",
        "The chapter a section belongs to; empty for chapters.",
        nullable=True,
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def ordinal_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id"], "ordinal")

    class Config:
        unique = ["document_id", "section_id"]
        metadata = {
            "name": "outline",
            "theme": "text",
            "title_zh": "章节目录",
            "title_en": "Outline",
            "description_zh": "规划的章（一至七、附件）与节（（一）、（二）…），含原文行号。",
            "description_en": "The plan's chapters (一 to 七, the annex) and sections (（一）, （二） …) with their "
            "source "
            "lines.",
            "primary_key": ["document_id", "section_id"],
            "foreign_keys": [
                {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["document_id"]}}
            ],
        }


class Paragraphs(TableModel):
    document_id: Series[str] = document_id()
    paragraph_id: Series[str] = field(
        "段落标识",
        "Paragraph id",
        "段落在文件中的标识，p0001 起按顺序编号。",
        "Paragraph id, p0001 onwards in document order.",
        str_matches=r"^p\d{4,}$",
    )
    section_id: Series[str] = field(
        "章节标识", "Section id", "段落所在的章节（见 outline）。", "The section the paragraph stands in (see outline)."
    )
    ordinal: Series[int] = number(
        "节内序号",
        "Order in section",
        "段落在所在章节中的序号（从1开始）。",
        "Position of the paragraph within its section, from 1.",
    )
    project_no: Series[pd.Int64Dtype] = field(
        "专栏编号",
        "Box number",
        "段落位于专栏内时为专栏编号，否则为空。",
        "Number of the box (专栏) the paragraph is printed in, empty for body text.",
        nullable=True,
        ge=1,
    )
    heading_zh: Series[str] = text_zh(
        "段首句",
        "Lead sentence",
        "段落的首句（原文加粗的小标题），不含句末句号；无则为空。",
        "The paragraph's lead sentence (a bold run-in heading in print), without its final 。; empty where it has "
        "none.",
        nullable=True,
    )
    heading_en: Series[str] = text_en(
        "段首句（英文）",
        "Lead sentence (English)",
        "段首句的英文译文（人工审校，见 schemas/vocab/translations/）。",
        "Reviewed English of the lead sentence (schemas/vocab/translations/).",
        nullable=True,
    )
    text_zh: Series[str] = text_zh(
        "正文", "Text", "段落全文（已去除换行与多余空格）。", "Full text of the paragraph, de-wrapped and de-spaced."
    )
    text_en: Series[str] = text_en(
        "正文（英文）",
        "Text (English)",
        "段落全文的英文译文（人工审校，以段首句译文开头）。",
        "Reviewed English of the whole paragraph, opening with the English lead sentence.",
        nullable=True,  # the `translated` check requires it wherever the Chinese is present
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def ordinal_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id", "section_id"], "ordinal")

    class Config:
        unique = ["document_id", "paragraph_id"]
        metadata = {
            "name": "paragraphs",
            "theme": "text",
            "title_zh": "段落",
            "title_en": "Paragraphs",
            "description_zh": "规划的每一个段落（含专栏内段落），含段首句与原文行号。",
            "description_en": "Every paragraph of the plan (box text included), with its lead sentence and source "
            "lines.",
            "primary_key": ["document_id", "paragraph_id"],
            "foreign_keys": [
                {
                    "fields": ["document_id", "section_id"],
                    "reference": {"resource": "outline", "fields": ["document_id", "section_id"]},
                },
            ],
        }
