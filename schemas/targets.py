"""Targets and what became of them: the plans' quantified targets in the prose, and the outcome figures."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import (
    REVIEW_STATUSES,
    TableModel,
    contiguous,
    document_id,
    field,
    line_end,
    line_start,
    text_en,
    text_zh,
    translation_status,
)
from schemas.vocabulary import YEAR_BASES

COMPARATORS = [">=", ">", "<=", "<", "="]
SOURCE_KINDS = ["official", "official_reprint", "secondary"]


class QuantifiedTargets(TableModel):
    document_id: Series[str] = document_id()
    target_no: Series[int] = field(
        "目标序号",
        "Target number",
        "文中量化目标（及待审候选）的序号（按原文顺序）。",
        "Number of the target (or pending candidate), in text order.",
        ge=1,
    )
    review_status: Series[str] = field(
        "审校状态",
        "Review status",
        "reviewed：审校者已判定该数字是目标（指标、单位见本行）；pending：注明年份的分句中的数字，尚无人判定是否为目标"
        "（无指标、无单位换算，不参与任何判定与图表）。`python -m pipelines review` 列出待审候选。",
        "reviewed: a reviewer decided the figure is a target (metric and unit on the row); pending: a figure in a "
        "dated clause that no one has decided yet (no metric, no base units, in no verdict and no chart). "
        "`python -m pipelines review` lists the pending candidates.",
        isin=REVIEW_STATUSES,
    )
    paragraph_id: Series[str] = field(
        "段落标识",
        "Paragraph id",
        "目标所在的段落（见 paragraphs）。",
        "The paragraph that states it (see paragraphs).",
    )
    paragraph_key: Series[str] = field(
        "段落地址",
        "Paragraph address",
        "段落的结构地址（节标识.节内序号，如 ch05-s07.1），词表与结果数据以此引用目标。",
        "The paragraph's structural address (section.ordinal, e.g. ch05-s07.1), by which the vocabulary and the "
        "outcome figures refer to the target.",
    )
    occurrence: Series[int] = field(
        "出现次序",
        "Occurrence",
        "同一段落中同一数字的第几次出现。",
        "Which occurrence of the figure in the paragraph.",
        ge=1,
    )
    year: Series[int] = field(
        "目标年份",
        "Year",
        "到该年应达到（“到YYYY年”；节首所定年份适用于全节）。",
        "The year it is due (到YYYY年; a year opening a section dates the whole section; a box's project falls due "
        "at the end of the plan period).",
        ge=2000,
        le=2100,
    )
    year_basis: Series[str] = field(
        "年份依据",
        "Year basis",
        "clause：同句中的“到YYYY年”；section：节首段的“到YYYY年”；plan period：专栏（重大工程）中未注年份的分句，"
        "于规划期末（raw/sources.yaml 的 period_end）到期。",
        "clause: 到YYYY年 in its own sentence; section: the 到YYYY年 that opens its section; plan period: a clause "
        "of a box (major project) with no year of its own, due at the end of the plan period (period_end in "
        "raw/sources.yaml).",
        isin=list(YEAR_BASES),
    )
    metric_zh: Series[str] = text_zh(
        "指标",
        "Metric (Chinese)",
        "所量化的对象（人工审校的词表）；待审候选为空。",
        "What is quantified (the reviewed vocabulary); empty for a pending candidate.",
        nullable=True,
    )
    metric_en: Series[str] = text_en(
        "指标（英文）", "Metric (English)", "所量化对象的英文（人工审校）。", "Reviewed English of the metric."
    )
    comparator: Series[str] = field(
        "比较符",
        "Comparator",
        ">= 不低于/达到/以上；> 超过；<= 不高于/以下；< 低于；= 无比较词（如 建成35颗）。",
        ">= at least (达到, 以上, 不低于); > more than (超过); <= at most (不高于, 以下); < less than (低于); = no "
        "such "
        "word (建成35颗): a figure to reach.",
        isin=COMPARATORS,
    )
    value: Series[float] = field(
        "数值", "Value", "原文数字（以 unit_zh 计）。", "The figure as printed, in unit_zh (12.8 for 12.8万个)."
    )
    figure_zh: Series[str] = field(
        "原文数字",
        "Figure as printed",
        "原文中的数字及其万、亿，如 12.8万。",
        "The figure as printed with its 万 or 亿, e.g. 12.8万.",
        untranslated="a figure as printed: value and unit_en give it as data",
    )
    unit_zh: Series[str] = field(
        "单位",
        "Unit",
        "单位代码（与 indicators.unit_zh 相同的词表，如 %、万亿元、Mbps、个、万个）。",
        "Unit code, the same vocabulary as indicators.unit_zh (%, 万亿元, Mbps, 个, 万个 …); empty while pending.",
        untranslated="a unit code: unit_en is its English",
        nullable=True,
    )
    unit_en: Series[str] = field(
        "单位（英文）", "Unit (English)", "单位的英文。", "The unit in English.", nullable=True
    )
    value_base: Series[float] = field(
        "基本单位数值",
        "Value in base units",
        "换算为基本单位（精确十进制换算）：12.8万个 → 128000；待审候选为空。",
        "The value in base units (exact decimal conversion): 12.8万个 → 128000; empty for a pending candidate.",
        nullable=True,
    )
    unit_base: Series[str] = field(
        "基本单位", "Base unit", "基本单位的英文。", "The base unit, in English.", nullable=True
    )
    clause_zh: Series[str] = text_zh(
        "原文分句",
        "Clause",
        "陈述该目标的分句（原文照录）。",
        "The clause that states the target, exactly as printed.",
        untranslated="a quote of the paragraph: its English is paragraphs.text_en",
    )
    table_id: Series[str] = field(
        "对应指标表",
        "Restated table",
        "该目标重述主要指标表中的指标时为表标识，否则为空（避免重复计数）。",
        "Where the target restates an indicator of a table: that table's id (so a target is never counted twice).",
        nullable=True,
    )
    indicator_no: Series[pd.Int64Dtype] = field(
        "对应指标序号",
        "Restated indicator",
        "所重述指标的序号，否则为空。",
        "Number of the restated indicator, else empty.",
        nullable=True,
        ge=1,
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id"], "target_no")

    @pa.dataframe_check
    @classmethod
    def link_complete(cls, df: pd.DataFrame) -> pd.Series:
        return df["table_id"].isna() == df["indicator_no"].isna()

    @pa.dataframe_check
    @classmethod
    def reviewed_targets_are_complete(cls, df: pd.DataFrame) -> pd.Series:
        """A reviewed target has its metric and unit; a pending candidate has neither (it is in no verdict)."""
        reviewed = df["review_status"] == "reviewed"
        return reviewed == (df["metric_zh"].notna() & df["unit_zh"].notna())

    class Config:
        unique = ["document_id", "target_no"]
        metadata = {
            "name": "quantified_targets",
            "theme": "indicators",
            "title_zh": "文中量化目标",
            "title_en": "Quantified targets in the text",
            "description_zh": "规划正文与优先行动中注明年份的量化目标（到YYYY年……达到/不高于……），每个数字一行，"
            "含比较符、原文数值与基本单位换算；重述主要指标表的目标注明对应指标。",
            "description_en": "Every dated, quantified target stated in the plan's prose and priority actions "
            "(到YYYY年 … "
            "达到 / 不高于 …), one row per figure, with comparator, value as printed and in base units; a target "
            "that restates a table indicator names it.",
            "primary_key": ["document_id", "target_no"],
            "foreign_keys": [
                {
                    "fields": ["document_id", "paragraph_id"],
                    "reference": {"resource": "paragraphs", "fields": ["document_id", "paragraph_id"]},
                },
            ],
        }


class OutcomeFigures(TableModel):
    outcome_id: Series[str] = field("结果标识", "Outcome id", "结果数据行的标识。", "Id of the outcome row.")
    document_id: Series[str] = document_id()
    table_id: Series[str] = field(
        "指标表",
        "Indicator table",
        "所对应的指标表（文中目标为空）。",
        "The indicator's table (empty for a prose target).",
        nullable=True,
    )
    indicator_no: Series[pd.Int64Dtype] = field(
        "指标序号", "Indicator number", "所对应的指标序号。", "The indicator's number.", nullable=True, ge=1
    )
    paragraph_key: Series[str] = field(
        "目标段落",
        "Target paragraph",
        "文中目标所在段落的地址（如 ch05-s07.1），见 quantified_targets。",
        "Address of the paragraph that states a prose target (ch05-s07.1), see quantified_targets.",
        nullable=True,
    )
    figure: Series[str] = field(
        "目标数字",
        "Target figure",
        "文中目标的原文数字（与 quantified_targets.figure_zh 相同）。",
        "The prose target's figure as printed (as quantified_targets.figure_zh).",
        nullable=True,
    )
    occurrence: Series[pd.Int64Dtype] = field(
        "出现次序",
        "Occurrence",
        "同一段落中同一数字的第几次出现。",
        "Which occurrence of that figure.",
        nullable=True,
        ge=1,
    )
    year: Series[pd.Int64Dtype] = field(
        "数据年份", "Year", "数值所指年份（无目标年数据时为最近年份）。", "Year the figure refers to.", nullable=True
    )
    reference_date: Series[str] = field(
        "数据时点",
        "Reference date",
        "数值所指时点：年末为 YYYY-12-31，来源注明月份时为 YYYY-MM（如 YYYY-09 为9月末）。",
        "The date the figure refers to: YYYY-12-31 for a year's end, YYYY-MM where the source names a month "
        "(YYYY-09: the end of September).",
        nullable=True,
        str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$",
    )
    figure_as_printed: Series[str] = field(
        "原文数值",
        "Figure as printed",
        "来源中照录的数字（含单位、繁体字等）。",
        "The figure exactly as the source prints it.",
        nullable=True,
        untranslated="a figure quoted exactly as the source prints it",
    )
    value: Series[float] = field(
        "数值",
        "Value",
        "数值（以 unit_zh 计）；未找到为空。",
        "The figure in unit_zh; empty where none was found.",
        nullable=True,
    )
    qualifier: Series[str] = field(
        "限定符",
        "Qualifier",
        "> 表示来源写“超过”；否则为空。",
        "> where the source says 超过 (more than).",
        nullable=True,
        isin=[">", "<"],
    )
    unit_zh: Series[str] = field(
        "单位",
        "Unit",
        "单位代码（units 词表），可比时必填。",
        "Unit code (the units vocabulary); set when comparable.",
        nullable=True,
        untranslated="a unit code: unit_en is its English",
    )
    unit_en: Series[str] = field(
        "单位（英文）", "Unit (English)", "单位的英文。", "The unit in English.", nullable=True
    )
    value_base: Series[float] = field(
        "基本单位数值",
        "Value in base units",
        "换算为基本单位（精确十进制）。",
        "In base units (exact decimals).",
        nullable=True,
    )
    unit_base: Series[str] = field("基本单位", "Base unit", "基本单位。", "The base unit.", nullable=True)
    comparable: Series[bool] = field(
        "可比",
        "Comparable",
        "该数值与规划目标口径相同；否则状态为 not comparable，说明见 definition_note。",
        "The figure measures what the plan's target measures; otherwise the status is not comparable "
        "(definition_note says why).",
    )
    is_primary: Series[bool] = field(
        "采用",
        "Primary",
        "判定所用的数值（每个目标一行）；其余为第二来源，用于核对。",
        "The figure the verdict uses (one per target); the others are second sources, compared with it.",
    )
    source_kind: Series[str] = field(
        "来源类别",
        "Source kind",
        "official：在发布机关自己的网站读到的官方文件；official_reprint：在其他网站读到的官方文件原文（公报、报告、"
        "新闻发布会实录）；secondary：新闻或聚合页面以其自身文字转述。",
        "official: the publisher's own document read on its own site; official_reprint: the text of an official "
        "publication (a communiqué, report, press-conference transcript) read on another site; secondary: news or "
        "an aggregator reporting the figure in its own words.",
        nullable=True,
        isin=SOURCE_KINDS,
    )
    publisher: Series[str] = field(
        "发布者",
        "Publisher",
        "发布该数值的机构：官方来源为发布机关，转述为媒体或页面。",
        "Who published the figure: the issuing body of an official publication, the outlet of a secondary one.",
        nullable=True,
    )
    title: Series[str] = field(
        "标题", "Title", "官方出版物（或转述报道）的标题。", "Title of the publication (or report).", nullable=True
    )
    edition: Series[str] = field(
        "文号或版次",
        "Number or edition",
        "官方出版物的文号、期次或版本（如 第47次、YYYY年度）。",
        "The publication's document number, issue or edition (第47次, YYYY年度).",
        nullable=True,
    )
    published_date: Series[str] = field(
        "发布日期",
        "Date",
        "出版物的日期（YYYY-MM-DD 或 YYYY-MM，未载明时为空）。",
        "Date of the publication, where shown (YYYY-MM-DD or YYYY-MM).",
        nullable=True,
    )
    location: Series[str] = field(
        "位置",
        "Location",
        "数值在出版物中的位置（表、节、页、段）。",
        "Where in the publication the figure stands (table, section, page, paragraph).",
        nullable=True,
    )
    url: Series[str] = field(
        "网址",
        "URL",
        "读到该数值的页面网址（转载时为转载页）。",
        "Address of the page the figure was read on (the reprint, where it is one).",
        nullable=True,
        str_matches=r"https?://\S+",
    )
    read_via: Series[str] = field(
        "转载页",
        "Read via",
        "读到官方文本的转载网站（官方网站读到时为空）。",
        "The site that reprints the official text, where it was read on one (empty on the publisher's own site).",
        nullable=True,
    )
    definition_note: Series[str] = field(
        "口径说明", "Definition note", "与规划口径的差异（英文）。", "How the source defines the figure.", nullable=True
    )
    search_note: Series[str] = field(
        "检索说明",
        "Search note",
        "未找到时检索了什么（英文）。",
        "What was searched where nothing was found.",
        nullable=True,
    )
    source_file: Series[str] = field("来源文件", "Source file", "raw/ 下的结果文件。", "The outcome file under raw/.")

    @pa.dataframe_check
    @classmethod
    def cited(cls, df: pd.DataFrame) -> pd.Series:
        """A figure has its publisher, source kind, URL and the figure as printed; a missing figure says what was
        searched."""
        found = df["value"].notna()
        cited = df[["url", "figure_as_printed", "publisher", "source_kind"]].notna().all(axis=1)
        return (found & cited) | (~found & df["search_note"].notna())

    @pa.dataframe_check
    @classmethod
    def comparable_has_unit(cls, df: pd.DataFrame) -> pd.Series:
        return ~df["comparable"] | (df["unit_zh"].notna() & df["value_base"].notna())

    @pa.dataframe_check
    @classmethod
    def one_primary_per_target(cls, df: pd.DataFrame) -> pd.Series:
        key = df[["document_id", "table_id", "indicator_no", "paragraph_key", "figure", "occurrence"]].astype(str)
        primaries = df["is_primary"].groupby([key[c] for c in key.columns], dropna=False).transform("sum")
        return primaries == 1

    class Config:
        unique = ["outcome_id"]
        metadata = {
            "name": "outcome_figures",
            "made_from": "outcome files",
            "theme": "indicators",
            "title_zh": "实际结果数据",
            "title_en": "Outcome figures",
            "description_zh": "规划期实际结果：从公开统计与官方文件中人工照录的数值，每行注明来源类别（官方、官方转载、"
            "转述）、发布者、标题、文号或版次、日期、位置、读到的网址与原文数值；未找到的写明检索了什么"
            "（raw/outcomes/RESEARCH_LOG.md）。",
            "description_en": "What the plan period actually brought: figures transcribed by hand from published "
            "statistics and official documents, each row with the kind of source (official, official reprint, "
            "secondary), publisher, title, number or edition, date, location, the page it was read on and the "
            "figure as printed; a figure not found says what was searched (raw/outcomes/RESEARCH_LOG.md).",
            "primary_key": ["outcome_id"],
            "foreign_keys": [],
        }
