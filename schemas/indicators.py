"""The two indicator tables and the plan's audit of itself."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import TableModel, contiguous, document_id, field, line_end, line_start, text_en, text_zh
from schemas.constants import DASHES
from schemas.vocabulary import MEASURE_KINDS, ROLES, english, indicator_tables

# Enumerations from the vocabularies: the indicator tables (their ids, roles and measures) and the categories
# that have a reviewed English name.
TABLE_IDS = [t.table_id for t in indicator_tables()]
MEASURES = sorted({m.name for t in indicator_tables() for m in t.measures})
CATEGORIES = list(english("indicator_category"))


def table_id() -> Any:
    return field(
        "指标表",
        "Indicator table",
        "指标表标识，按表题在 schemas/vocab/indicator_tables.yaml 中登记（表题、角色与各列度量）。",
        "The indicator table's id, registered by its title in schemas/vocab/indicator_tables.yaml (with its title, "
        "role and measures).",
        isin=TABLE_IDS,
    )


def indicator_no() -> Any:
    return field(
        "指标序号",
        "Indicator number",
        "指标在表中的序号（从1开始）。",
        "Number of the indicator in its table, from 1.",
        ge=1,
    )


class Indicators(TableModel):
    document_id: Series[str] = document_id()
    table_id: Series[str] = table_id()
    indicator_no: Series[int] = indicator_no()
    table_role: Series[str] = field(
        "表的角色",
        "Table role",
        "review：回顾上一规划期（规划目标与实现情况）；targets：本规划期主要指标（基期与目标）。",
        "review: the last plan period's targets against what was achieved; targets: this period's base and targets.",
        isin=list(ROLES),
    )
    category_zh: Series[str] = text_zh(
        "类别",
        "Category (Chinese)",
        "指标所属类别，如 信息基础设施。",
        "The indicator's category as printed, e.g. 信息基础设施.",
        isin=CATEGORIES,
    )
    category_en: Series[str] = text_en(
        "类别（英文）", "Category (English)", "类别的英文译文。", "The category in English."
    )
    name_zh: Series[str] = text_zh(
        "指标名称",
        "Name (Chinese)",
        "指标名称，不含序号与单位。",
        "Indicator name as printed, without its number and unit.",
    )
    name_en: Series[str] = text_en(
        "指标名称（英文）",
        "Name (English)",
        "指标名称的英文译文（人工审校）。",
        "Reviewed English name of the indicator.",
    )
    unit_zh: Series[str] = field(
        "单位",
        "Unit (as printed)",
        "名称后括号内的单位原文；无单位为空。",
        "The unit as printed in the trailing parentheses; empty if none (an index).",
        nullable=True,
    )
    unit_en: Series[str] = field(
        "单位（英文）",
        "Unit (English)",
        "单位的英文表述，注明数量级，如 trillion yuan (10^12 CNY)。",
        "The unit in English with its order of magnitude spelled out, e.g. trillion yuan (10^12 CNY).",
        nullable=True,
    )
    unit_multiplier: Series[float] = field(
        "单位倍数",
        "Unit multiplier",
        "以单位计的数值乘以该倍数即得基本单位数值（万亿元 → 10^12）。",
        "Multiply a value in the printed unit by this to get base units (万亿元 → 1e12).",
        nullable=True,
        gt=0,
    )
    base_unit_en: Series[str] = field(
        "基本单位",
        "Base unit",
        "基本单位（英文），如 yuan (CNY)、patents、bits per second。",
        "The base unit in English, e.g. yuan (CNY), patents, bits per second.",
        nullable=True,
    )
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id", "table_id"], "indicator_no")

    class Config:
        unique = ["document_id", "table_id", "indicator_no"]
        metadata = {
            "name": "indicators",
            "theme": "indicators",
            "title_zh": "信息化发展指标",
            "title_en": "Informatization indicators",
            "description_zh": "各指标表的指标：所属表的角色、类别、名称、单位（含英文与基本单位换算）。",
            "description_en": "The indicators of every indicator table: the table's role, category, name and unit, "
            "in Chinese and "
            "English, with the conversion to base units.",
            "primary_key": ["document_id", "table_id", "indicator_no"],
            "foreign_keys": [
                {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["document_id"]}}
            ],
        }


class IndicatorValues(TableModel):
    document_id: Series[str] = document_id()
    table_id: Series[str] = table_id()
    indicator_no: Series[int] = indicator_no()
    measure: Series[str] = field(
        "度量",
        "Measure",
        "列名，由种类与年份组成（如 base_YYYY、target_YYYY、actual_YYYY、target_growth），按表在"
        " schemas/vocab/indicator_tables.yaml 中登记。增长列为年均增长/年均增速。",
        "The column, named by its kind and year (base_YYYY, target_YYYY, actual_YYYY, target_growth), as registered "
        "per table in schemas/vocab/indicator_tables.yaml. A growth measure is the table's average annual growth "
        "column.",
        isin=MEASURES,
    )
    measure_kind: Series[str] = field(
        "度量种类",
        "Measure kind",
        "base 基期、target 目标、actual 实现情况、target_growth 年均增长目标、actual_growth 实际年均增长。",
        "base, target, actual (what was achieved), target_growth or actual_growth (average annual growth).",
        isin=list(MEASURE_KINDS),
    )
    measure_year: Series[pd.Int64Dtype] = field(
        "度量年份",
        "Measure year",
        "水平值所指年份；增长列为空。",
        "The year a level refers to; empty for a growth column.",
        nullable=True,
    )
    raw_text: Series[str] = field(
        "原文",
        "Cell as printed",
        "单元格原文（去除空格），如 >79、—、〔2.8〕、32/28、38.0。",
        "The cell exactly as printed, spaces removed: >79, —, 〔2.8〕, 32/28, 38.0.",
        str_matches=r"^\S+$",
    )
    value: Series[float] = field(
        "数值", "Value", "数值（以印刷单位计）；— 为空。", "The figure in the printed unit; empty for —.", nullable=True
    )
    value_alt: Series[float] = field(
        "备选数值",
        "Alternative value",
        "32/28 这类并列数值中的第二个，否则为空。",
        "The second figure of an alternative such as 32/28, else empty.",
        nullable=True,
    )
    qualifier: Series[str] = field(
        "限定符",
        "Qualifier",
        "> 或 <；精确数值为空。",
        "> or <; empty for an exact figure.",
        nullable=True,
        isin=[">", "<"],
    )
    is_cumulative_pp: Series[bool] = field(
        "五年累计百分点",
        "Five-year cumulative (percentage points)",
        "单元格在〔〕中：五年累计变化，单位为百分点。",
        "The cell is in 〔〕: a five-year cumulative change in percentage points.",
    )
    value_base: Series[float] = field(
        "基本单位数值",
        "Value in base units",
        "换算为基本单位的数值（如 15.3万件 → 153000 件专利）；增长率与百分点不换算。",
        "The value in base units (15.3 万件 → 153000 patents); growth rates and percentage points are not converted.",
        nullable=True,
    )
    value_unit_en: Series[str] = field(
        "数值单位",
        "Unit of value_base",
        "value_base 的单位（英文）：基本单位、percent per year 或 percentage points。",
        "Unit of value_base in English: the base unit, percent per year, or percentage points.",
        nullable=True,
    )
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def bracket_means_cumulative(cls, df: pd.DataFrame) -> pd.Series:
        return df["raw_text"].str.contains("〔", regex=False) == df["is_cumulative_pp"]

    @pa.dataframe_check
    @classmethod
    def dash_means_empty(cls, df: pd.DataFrame) -> pd.Series:
        return df["raw_text"].isin(DASHES) == df["value"].isna()

    class Config:
        unique = ["document_id", "table_id", "indicator_no", "measure"]
        metadata = {
            "name": "indicator_values",
            "theme": "indicators",
            "title_zh": "指标数值",
            "title_en": "Indicator values",
            "description_zh": "各指标表的每个单元格：度量（种类与年份）、原文、数值、限定符、"
            "是否五年累计百分点，以及基本单位换算。",
            "description_en": "Every cell of every indicator table: its measure (kind and year), the printed text, the "
            "figure, its qualifier, "
            "whether it is a five-year cumulative change in percentage points, and the value in base units.",
            "primary_key": ["document_id", "table_id", "indicator_no", "measure"],
            "foreign_keys": [
                {
                    "fields": ["document_id", "table_id", "indicator_no"],
                    "reference": {"resource": "indicators", "fields": ["document_id", "table_id", "indicator_no"]},
                }
            ],
        }


class IndicatorConsistency(TableModel):
    document_id: Series[str] = document_id()
    table_id: Series[str] = table_id()
    indicator_no: Series[int] = indicator_no()
    check_id: Series[str] = field(
        "核对项",
        "Check",
        "implied_growth（targets 表）：由基期与目标值推算的年均增速（或〔〕行的差值）与印刷值比较；"
        "implied_baseline_YYYY（review 表）：规划目标与实现情况各自按增长倒推的期初（YYYY 年）基数是否一致。",
        "implied_growth (a targets table): the growth implied by base and target (or their difference for 〔〕 rows) "
        "against the printed growth; implied_baseline_YYYY (a review table): whether the target and the result, each "
        "taken back by its growth, imply the same baseline at the period's start (year YYYY).",
        str_matches=r"^(implied_growth|implied_baseline_\d{4})$",
    )
    printed: Series[str] = field(
        "印刷值", "As printed", "参与核对的印刷单元格原文。", "The printed cells being checked."
    )
    expected_value: Series[float] = field(
        "印刷数值",
        "Printed figure",
        "印刷的增长值（implied_growth）或由目标推算的期初基数（implied_baseline_YYYY）。",
        "The printed growth (implied_growth) or the baseline implied by the target (implied_baseline_YYYY).",
        nullable=True,
    )
    implied_value: Series[float] = field(
        "推算值", "Implied figure", "由其他单元格推算的数值。", "The figure implied by the other cells.", nullable=True
    )
    implied_min: Series[float] = field(
        "推算下限",
        "Implied minimum",
        "考虑印刷四舍五入后推算值的下限。",
        "Lowest implied figure allowing for the rounding of the printed cells.",
        nullable=True,
    )
    implied_max: Series[float] = field(
        "推算上限",
        "Implied maximum",
        "考虑印刷四舍五入后推算值的上限。",
        "Highest implied figure allowing for the rounding of the printed cells.",
        nullable=True,
    )
    unit_en: Series[str] = field(
        "单位", "Unit", "数值的单位（英文）。", "Unit of the figures, in English.", nullable=True
    )
    agrees: Series[pd.BooleanDtype] = field(
        "一致",
        "Agrees",
        "在印刷精度内一致为 true，不一致为 false，无法比较（如 —）为空。",
        "true where the figures agree within the printing's rounding, false where they do not, empty where they cannot "
        "be compared (e.g. —).",
        nullable=True,
    )
    explanation_en: Series[str] = field(
        "说明", "Explanation", "核对过程与结论（英文）。", "How the check was computed and what it found, in English."
    )

    class Config:
        unique = ["document_id", "table_id", "indicator_no", "check_id"]
        metadata = {
            "name": "indicator_consistency",
            "theme": "indicators",
            "title_zh": "指标自洽性核对",
            "title_en": "Indicator consistency audit",
            "description_zh": "规划自身的核对：本期主要指标（targets 表）的基期、目标与年均增速是否一致；"
            "上期回顾（review 表）的规划目标与实现情况是否隐含相同的期初基数。",
            "description_en": "The plan audited against itself: whether each target indicator's base, target and "
            "printed growth agree (a targets table), and whether the last period's target and result imply the same "
            "baseline (a review table).",
            "primary_key": ["document_id", "table_id", "indicator_no", "check_id"],
            "foreign_keys": [
                {
                    "fields": ["document_id", "table_id", "indicator_no"],
                    "reference": {"resource": "indicators", "fields": ["document_id", "table_id", "indicator_no"]},
                }
            ],
        }


COMPARATORS = [">=", ">", "<=", "<", "="]


class QuantifiedTargets(TableModel):
    document_id: Series[str] = document_id()
    target_no: Series[int] = field(
        "目标序号", "Target number", "文中量化目标的序号（按原文顺序）。", "Number of the target, in text order.", ge=1
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
        "The year it is due (到YYYY年; a year opening a section dates the whole section).",
        ge=2000,
        le=2100,
    )
    metric_zh: Series[str] = text_zh(
        "指标", "Metric (Chinese)", "所量化的对象（人工审校的词表）。", "What is quantified."
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
        "Unit code, the same vocabulary as indicators.unit_zh (%, 万亿元, Mbps, 个, 万个 …).",
        untranslated="a unit code: unit_en is its English",
    )
    unit_en: Series[str] = field("单位（英文）", "Unit (English)", "单位的英文。", "The unit in English.")
    value_base: Series[float] = field(
        "基本单位数值",
        "Value in base units",
        "换算为基本单位（精确十进制换算）：12.8万个 → 128000。",
        "The value in base units (exact decimal conversion): 12.8万个 → 128000.",
    )
    unit_base: Series[str] = field("基本单位", "Base unit", "基本单位的英文。", "The base unit, in English.")
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
    publisher: Series[str] = field(
        "发布者", "Publisher", "发布数值的机构或页面。", "Who published the figure.", nullable=True
    )
    title: Series[str] = field("标题", "Title", "来源标题。", "Title of the source.", nullable=True)
    published_date: Series[str] = field(
        "发布日期",
        "Date",
        "来源日期（YYYY-MM-DD，页面未载明时为空）。",
        "Date of the source, where shown.",
        nullable=True,
    )
    url: Series[str] = field(
        "网址", "URL", "来源页面的网址。", "Address of the source page.", nullable=True, str_matches=r"https?://\S+"
    )
    location: Series[str] = field(
        "位置", "Location", "数值在来源中的位置。", "Where in the source the figure stands.", nullable=True
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
        """A figure has its source URL and the figure as printed; a missing figure says what was searched."""
        found = df["value"].notna()
        return (found & df["url"].notna() & df["figure_as_printed"].notna()) | (~found & df["search_note"].notna())

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
            "description_zh": "规划期实际结果：从公开统计与官方文件中人工照录的数值，每行注明发布者、标题、日期、网址、"
            "位置与原文数值；未找到的写明检索了什么。",
            "description_en": "What the plan period actually brought: figures transcribed by hand from published "
            "statistics and official documents, each row with publisher, title, date, URL, location and the "
            "figure as printed; a figure not found says what was searched.",
            "primary_key": ["outcome_id"],
            "foreign_keys": [],
        }
