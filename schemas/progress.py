"""What became of the plan, from the official record: lineage into the next plan, milestones and tasks carried out.

Each table is read from a cited file under raw/outcomes/ (declared in raw/sources.yaml with its sha256), shared by
every document: each row names its document, and the evidence behind it (publisher, title, number, date, place,
the page it was read on and the kind of source).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import TableModel, document_id, field, text_en, text_zh
from schemas.targets import SOURCE_KINDS
from schemas.vocabulary import read_yaml

PROGRESS = read_yaml("progress.yaml")
STATUSES = [s["status"] for s in PROGRESS["statuses"]]
EVIDENCE_KINDS = list(PROGRESS["evidence_kinds"])
MATCH_BASES = list(PROGRESS["match_bases"])


def _fk(fields: list[str], resource: str, ref: list[str] | None = None) -> dict:
    return {"fields": fields, "reference": {"resource": resource, "fields": ref or fields}}


def citation_fields() -> dict[str, Any]:
    """The columns every cited row carries: who published what, when, where in it, and where it was read."""
    return {
        "source_kind": field(
            "来源类别",
            "Source kind",
            "official：发布机关自己网站上的官方文件；official_reprint：他处转载的官方文件原文；secondary：新闻或聚合页面的转述。",
            "official: the publisher's own document on its own site; official_reprint: an official text read on "
            "another site; secondary: news or an aggregator in its own words.",
            nullable=True,
            isin=SOURCE_KINDS,
        ),
        "publisher": field(
            "发布者",
            "Publisher",
            "证据的发布机关（或转述它的媒体）。",
            "Who issued the evidence (or reported it).",
            nullable=True,
        ),
        "url": field(
            "网址",
            "URL",
            "读到证据的页面网址。",
            "Address of the page the evidence was read on.",
            nullable=True,
            str_matches=r"https?://\S+",
        ),
        "read_via": field(
            "转载网站",
            "Read via",
            "官方文本在其他网站读到时的网站；在发布机关网站读到时为空。",
            "The site an official text was read on where it is not the publisher's own; empty on the publisher's.",
            nullable=True,
        ),
    }


class IndicatorLineage(TableModel):
    lineage_id: Series[str] = field("关联标识", "Link id", "关联行的标识。", "Id of the link.", str_matches=r"^l\d{3}$")
    document_id: Series[str] = document_id()
    table_id: Series[str] = field(
        "指标表", "Indicator table", "前一规划期指标所在的表。", "The table of the earlier period's indicator."
    )
    indicator_no: Series[int] = field(
        "指标序号", "Indicator number", "前一规划期指标的序号。", "Number of the earlier period's indicator.", ge=1
    )
    later_plan_zh: Series[str] = text_zh(
        "后续规划", "Later plan (Chinese)", "测量同一事物的后续规划。", "The later plan that measures the same thing."
    )
    later_plan_en: Series[str] = text_en(
        "后续规划（英文）", "Later plan (English)", "后续规划的英文名称。", "Its English title."
    )
    later_document_id: Series[str] = field(
        "后续规划文件",
        "Later plan's document",
        "后续规划在本目录中的文件标识；尚未收录时为空（其数值引自下列来源）。",
        "The later plan's document id in this catalogue; empty where it is not catalogued (its figures are cited "
        "from the source below).",
        nullable=True,
    )
    later_table_id: Series[str] = field(
        "后续指标表",
        "Later table",
        "后续规划的指标表（已收录时）。",
        "The later plan's table, where catalogued.",
        nullable=True,
    )
    later_indicator_no: Series[pd.Int64Dtype] = field(
        "后续指标序号",
        "Later indicator number",
        "后续规划中的指标序号（已收录时）。",
        "The later indicator's number, where catalogued.",
        nullable=True,
        ge=1,
    )
    later_name_zh: Series[str] = text_zh(
        "后续指标名称", "Later name (Chinese)", "后续规划所印的指标名称。", "The later indicator's name as printed."
    )
    later_name_en: Series[str] = text_en(
        "后续指标名称（英文）", "Later name (English)", "后续指标名称的英文。", "The later indicator's name in English."
    )
    later_unit_zh: Series[str] = field(
        "后续单位",
        "Later unit",
        "后续规划所印的单位。",
        "The later indicator's unit as printed.",
        nullable=True,
        untranslated="a unit code, as in indicators.unit_zh",
    )
    later_attribute_zh: Series[str] = field(
        "属性",
        "Attribute",
        "后续规划所印的属性（预期性 / 约束性）；未见时为空。",
        "The later indicator's attribute as printed (预期性 anticipatory / 约束性 binding); empty where not seen.",
        nullable=True,
        untranslated="the attribute as printed: indicators.attribute_en gives its English",
    )
    match_basis: Series[str] = field(
        "关联依据",
        "Match basis",
        "same name：名称相同；restated definition：同一度量，口径或基期重述；renamed：同一概念改名。",
        "same name; restated definition (the same measure, its definition or base restated); renamed (the same "
        "concept under a new name).",
        isin=MATCH_BASES,
    )
    end_year: Series[int] = field(
        "前期末年份", "Earlier period's end year", "前一规划期的末年。", "The last year of the earlier period."
    )
    value_at_end_as_printed: Series[str] = field(
        "期末值（原文）",
        "End-year value as printed",
        "后续规划为前期末年所印的数值（如下一个五年规划为本期末年所印的值）。",
        "What the later plan prints for the earlier period's last year (the next five-year plan's value for this "
        "period's end), as printed.",
        nullable=True,
        untranslated="a figure quoted exactly as printed",
    )
    value_at_end: Series[float] = field(
        "期末值", "End-year value", "该数值（以后续单位计）。", "That figure, in the later unit.", nullable=True
    )
    later_target_year: Series[int] = field(
        "后续目标年份", "Later target year", "后续规划的目标年份。", "The later plan's target year."
    )
    later_target_as_printed: Series[str] = field(
        "后续目标（原文）",
        "Later target as printed",
        "后续规划的目标值（原文）；未见时为空。",
        "The later plan's target as printed; empty where not seen.",
        nullable=True,
        untranslated="a figure quoted exactly as printed",
    )
    later_target: Series[float] = field(
        "后续目标",
        "Later target",
        "后续目标值（以后续单位计）。",
        "The later target, in the later unit.",
        nullable=True,
    )
    note_en: Series[str] = field(
        "说明",
        "Note",
        "关联的依据，以及后续规划是否重述基期或改变口径（英文）。",
        "Why the two measure the same thing, and where the later plan restates a base or changes a definition.",
    )
    source_kind: Series[str] = citation_fields()["source_kind"]
    publisher: Series[str] = citation_fields()["publisher"]
    source_title: Series[str] = field("来源标题", "Source title", "来源的标题。", "Title of the source.", nullable=True)
    published_date: Series[str] = field("发布日期", "Date", "来源日期。", "Date of the source.", nullable=True)
    location: Series[str] = field("位置", "Location", "数值在来源中的位置。", "Where in the source.", nullable=True)
    url: Series[str] = citation_fields()["url"]
    read_via: Series[str] = citation_fields()["read_via"]

    @pa.dataframe_check
    @classmethod
    def cited(cls, df: pd.DataFrame) -> pd.Series:
        """A printed value names where it was read."""
        return df["value_at_end_as_printed"].isna() | df[["url", "publisher", "source_kind"]].notna().all(axis=1)

    class Config:
        unique = ["lineage_id"]
        metadata = {
            "name": "indicator_lineage",
            "made_from": "outcome files",
            "theme": "indicators",
            "title_zh": "指标沿革",
            "title_en": "Indicator lineage",
            "description_zh": "相继规划中测量同一事物的指标：上期回顾表的指标对应本期主要指标，本期主要指标对应"
            "下一个五年规划的指标；每行注明关联依据，以及后续规划为前期末年所印的数值（带来源）。",
            "description_en": "Indicators of successive plans that measure the same thing: the last period's review "
            "table's indicators and this period's, this period's and the next five-year plan's; each link with its "
            "basis and the value the later plan prints for the earlier period's last year, cited.",
            "primary_key": ["lineage_id"],
            "foreign_keys": [
                _fk(["document_id", "table_id", "indicator_no"], "indicators"),
            ],
        }


def progress_fields() -> dict[str, Any]:
    """The status on the fixed scale and the evidence behind it."""
    return {
        "status": field(
            "进展",
            "Status",
            "固定等级：" + "；".join(f"{s['status']}：{s['zh']}" for s in PROGRESS["statuses"]) + "。",
            "A fixed scale: " + "; ".join(f"{s['status']}: {s['en']}" for s in PROGRESS["statuses"]) + ".",
            isin=STATUSES,
        ),
        "status_basis_en": field(
            "判定理由",
            "Status basis",
            "证据显示完成了什么、还缺什么（英文）。",
            "What the evidence shows done and what is missing, in English.",
        ),
        "evidence_kind": field(
            "证据类别",
            "Evidence kind",
            "证据的种类：" + "、".join(EVIDENCE_KINDS) + "。",
            "The kind of evidence: " + ", ".join(EVIDENCE_KINDS) + ".",
            nullable=True,
            isin=EVIDENCE_KINDS,
        ),
        "title": field("标题", "Title", "证据的标题。", "Title of the evidence.", nullable=True),
        "document_number": field(
            "文号",
            "Document number",
            "文件的发文字号（如 国发〔2017〕40号）。",
            "Its document number, if any.",
            nullable=True,
        ),
        "published_date": field("发布日期", "Date", "证据的日期。", "Date of the evidence.", nullable=True),
        "location": field("位置", "Location", "证据在来源中的位置。", "Where in the source.", nullable=True),
        "evidence_quote": field(
            "原文摘录",
            "Quote",
            "承载证据的原文片段（照录）。",
            "The words of the source that carry the evidence, as printed.",
            nullable=True,
            untranslated="quoted evidence, kept exactly as the source prints it",
        ),
        "searched": field(
            "检索说明",
            "Searched",
            "检索了什么（未找到证据时必填）。",
            "What was searched (always where nothing was found).",
            nullable=True,
        ),
    }


def _cited(df: pd.DataFrame) -> pd.Series:
    """A status above `no evidence found` cites its evidence; `no evidence found` says what was searched."""
    none = df["status"] == PROGRESS["statuses"][0]["status"]
    cited = df[["url", "publisher", "source_kind", "evidence_kind"]].notna().all(axis=1)
    return (none & df["searched"].notna()) | (~none & cited)


class MilestoneProgress(TableModel):
    document_id: Series[str] = document_id()
    action_no: Series[int] = field(
        "行动编号", "Action number", "优先行动的编号。", "Number of the priority action.", ge=1
    )
    year: Series[int] = field("年份", "Year", "分年度目标的年份。", "The milestone's year.")
    status: Series[str] = progress_fields()["status"]
    status_basis_en: Series[str] = progress_fields()["status_basis_en"]
    evidence_kind: Series[str] = progress_fields()["evidence_kind"]
    source_kind: Series[str] = citation_fields()["source_kind"]
    publisher: Series[str] = citation_fields()["publisher"]
    title: Series[str] = progress_fields()["title"]
    document_number: Series[str] = progress_fields()["document_number"]
    published_date: Series[str] = progress_fields()["published_date"]
    location: Series[str] = progress_fields()["location"]
    evidence_quote: Series[str] = progress_fields()["evidence_quote"]
    url: Series[str] = citation_fields()["url"]
    read_via: Series[str] = citation_fields()["read_via"]
    searched: Series[str] = progress_fields()["searched"]

    @pa.dataframe_check
    @classmethod
    def cited(cls, df: pd.DataFrame) -> pd.Series:
        return _cited(df)

    class Config:
        unique = ["document_id", "action_no", "year"]
        metadata = {
            "name": "milestone_progress",
            "made_from": "outcome files",
            "theme": "actions",
            "title_zh": "分年度目标进展",
            "title_en": "Milestone progress",
            "description_zh": "优先行动每个分年度目标的进展（固定等级），附官方证据及其出处；无证据时写明检索了什么。",
            "description_en": "What happened to each dated milestone of the priority actions, on a fixed scale, with "
            "the official evidence and where it was read; where none was found, what was searched.",
            "primary_key": ["document_id", "action_no", "year"],
            "foreign_keys": [_fk(["document_id", "action_no", "year"], "action_milestones")],
        }


class TaskProgress(TableModel):
    document_id: Series[str] = document_id()
    task_no: Series[int] = field("任务序号", "Task number", "附件重点任务的序号。", "Number of the annex task.", ge=1)
    status: Series[str] = progress_fields()["status"]
    status_basis_en: Series[str] = progress_fields()["status_basis_en"]
    evidence_kind: Series[str] = progress_fields()["evidence_kind"]
    source_kind: Series[str] = citation_fields()["source_kind"]
    publisher: Series[str] = citation_fields()["publisher"]
    title: Series[str] = progress_fields()["title"]
    document_number: Series[str] = progress_fields()["document_number"]
    published_date: Series[str] = progress_fields()["published_date"]
    location: Series[str] = progress_fields()["location"]
    evidence_quote: Series[str] = progress_fields()["evidence_quote"]
    url: Series[str] = citation_fields()["url"]
    read_via: Series[str] = citation_fields()["read_via"]
    searched: Series[str] = progress_fields()["searched"]

    @pa.dataframe_check
    @classmethod
    def cited(cls, df: pd.DataFrame) -> pd.Series:
        return _cited(df)

    class Config:
        unique = ["document_id", "task_no"]
        metadata = {
            "name": "task_progress",
            "made_from": "outcome files",
            "theme": "assignments",
            "title_zh": "重点任务进展",
            "title_en": "Task progress",
            "description_zh": "附件每项重点任务的进展（固定等级），附官方证据及其出处；无证据时写明检索了什么。",
            "description_en": "What happened to each annex task, on a fixed scale, with the official evidence and "
            "where it was read; where none was found, what was searched.",
            "primary_key": ["document_id", "task_no"],
            "foreign_keys": [_fk(["document_id", "task_no"], "annex_tasks")],
        }
