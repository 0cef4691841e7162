"""The plans' indicator tables: indicators, their values, and the plans' audit of themselves."""

from __future__ import annotations

from typing import Any

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
    text_en,
    text_zh,
    translation_status,
)
from schemas.constants import DASHES
from schemas.vocabulary import MEASURE, MEASURE_KINDS, ROLES, UNKNOWN_ROLE, read_yaml

# What the vocabularies allow: a measure is a kind and a year (MEASURE_PATTERN), a role one of ROLES or unknown.
MEASURE_PATTERN = MEASURE.pattern


def table_id() -> Any:
    return field(
        "指标表",
        "Indicator table",
        "指标表标识：在 schemas/vocab/indicator_tables.yaml 中按表题登记者用其标识（表题、角色与各列度量）；"
        "尚未登记的表为 table_N（文件中第N个指标表），待审校。",
        "The indicator table's id: the id registered by its title in schemas/vocab/indicator_tables.yaml (with its "
        "title, role and measures), or table_N (the document's Nth indicator table) for a table not registered yet.",
        str_matches=r"^[a-z][a-z0-9_]*$",
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
        "review：回顾上一规划期（规划目标与实现情况）；targets：本规划期主要指标（基期与目标）；unknown：该表尚未在"
        " indicator_tables.yaml 中登记角色（待审校），其列按表头记为 value_YYYY 与 growth，不参与任何判定。",
        "review: the last plan period's targets against what was achieved; targets: this period's base and targets; "
        "unknown: no reviewer has declared the table's role in indicator_tables.yaml yet, its columns are recorded "
        "from the header as value_YYYY and growth, and it takes part in no verdict.",
        isin=[*ROLES, UNKNOWN_ROLE],
    )
    table_title_zh: Series[str] = text_zh(
        "表题", "Table title (Chinese)", "指标表的表题原文。", "The indicator table's title as printed."
    )
    table_title_en: Series[str] = text_en(
        "表题（英文）",
        "Table title (English)",
        "表题的英文（登记于 indicator_tables.yaml）；未登记的表为空。",
        "The title in English, as registered in indicator_tables.yaml; empty for a table not registered yet.",
    )
    category_zh: Series[str] = text_zh(
        "类别",
        "Category (Chinese)",
        "指标所属类别，如 信息基础设施；表中无类别时为空。",
        "The indicator's category as printed, e.g. 信息基础设施; empty where the table has none.",
        nullable=True,
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
    attribute_zh: Series[str] = field(
        "属性",
        "Attribute (Chinese)",
        "指标的属性原文：预期性 或 约束性（表中有“属性”列时）；无则为空。",
        "The indicator's attribute as printed, 预期性 (anticipatory) or 约束性 (binding), where the table has an "
        "attribute column; else empty.",
        nullable=True,
        isin=list(read_yaml("indicator_tables.yaml")["attributes"]),
    )
    attribute_en: Series[str] = text_en(
        "属性（英文）", "Attribute (English)", "属性的英文：anticipatory 或 binding。", "anticipatory or binding."
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
    translation_status: Series[str] = translation_status()
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
        "column. A table not registered yet names its columns from its header: value_YYYY and growth.",
        str_matches=MEASURE_PATTERN,
    )
    measure_kind: Series[str] = field(
        "度量种类",
        "Measure kind",
        "base 基期、target 目标、actual 实现情况、target_growth 年均增长目标、actual_growth 实际年均增长；"
        "未登记的表为 value（某年数值）与 growth（增长列）。",
        "base, target, actual (what was achieved), target_growth or actual_growth (average annual growth); value (a "
        "year's figure) and growth for a table not registered yet.",
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
            "baseline (a review table). A table whose role no reviewer has declared yet is not audited.",
            "primary_key": ["document_id", "table_id", "indicator_no", "check_id"],
            "optional": True,  # a document whose tables await their roles gives no row
            "foreign_keys": [
                {
                    "fields": ["document_id", "table_id", "indicator_no"],
                    "reference": {"resource": "indicators", "fields": ["document_id", "table_id", "indicator_no"]},
                }
            ],
        }
