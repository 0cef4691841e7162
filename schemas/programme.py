"""Boxes (专栏), priority actions and policy measures: what the plan commits to do."""

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
    number,
    text_en,
    text_zh,
    translation_status,
)


def project_no() -> Any:
    return number("专栏编号", "Box number", "专栏（重大工程）的编号，专栏1起。", "Number of the box (专栏), from 1.")


def action_no() -> Any:
    return number(
        "行动编号", "Action number", "优先行动的编号（（一）为1）。", "Number of the priority action (（一） is 1)."
    )


def fk(fields: list[str], resource: str) -> dict:
    return {"fields": fields, "reference": {"resource": resource, "fields": fields}}


class MajorProjects(TableModel):
    document_id: Series[str] = document_id()
    project_no: Series[int] = project_no()
    title_zh: Series[str] = text_zh(
        "工程名称", "Title (Chinese)", "专栏标题，如 核心技术超越工程。", "Box title as printed, e.g. 核心技术超越工程."
    )
    title_en: Series[str] = text_en(
        "工程名称（英文）", "Title (English)", "专栏标题的英文译文。", "Reviewed English title of the box."
    )
    section_id: Series[str] = field(
        "所在章节",
        "Section",
        "专栏所在的节（第四章的（一）至（十））。",
        "The section of chapter 四 the box stands in.",
    )
    component_count: Series[int] = field(
        "内容条数",
        "Components",
        "专栏内段落（工程内容）的条数。",
        "Number of paragraphs (components) in the box.",
        ge=1,
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id"], "project_no")

    class Config:
        unique = ["document_id", "project_no"]
        metadata = {
            "name": "major_projects",
            "theme": "projects",
            "title_zh": "重大工程（专栏）",
            "title_en": "Major projects (boxes)",
            "description_zh": "第四章的16个专栏（重大工程）：名称、所在节与原文行号。",
            "description_en": "The boxes (专栏) of chapter 四, each a major project: title, section and source lines.",
            "primary_key": ["document_id", "project_no"],
            "foreign_keys": [fk(["document_id", "section_id"], "outline")],
        }


class ProjectComponents(TableModel):
    document_id: Series[str] = document_id()
    project_no: Series[int] = project_no()
    component_no: Series[int] = number(
        "内容序号", "Component number", "段落在专栏中的序号。", "Position of the paragraph in its box, from 1."
    )
    heading_zh: Series[str] = text_zh(
        "小标题",
        "Heading (Chinese)",
        "段首句（原文加粗），不含句末句号；无则为空。",
        "The lead sentence (bold in print) without its final 。; empty where the paragraph has none.",
        nullable=True,
    )
    heading_en: Series[str] = text_en(
        "小标题（英文）", "Heading (English)", "小标题的英文译文。", "Reviewed English heading.", nullable=True
    )
    text_zh: Series[str] = text_zh("内容", "Text", "段落全文（含小标题）。", "The whole paragraph, heading included.")
    text_en: Series[str] = text_en(
        "内容（英文）",
        "Text (English)",
        "段落全文的英文译文。",
        "Reviewed English of the whole paragraph.",
        nullable=True,  # the `translated` check requires it wherever the Chinese is present
    )
    paragraph_id: Series[str] = field(
        "段落标识", "Paragraph id", "对应 paragraphs 表中的段落。", "The paragraph in the paragraphs table."
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id", "project_no"], "component_no")

    class Config:
        unique = ["document_id", "project_no", "component_no"]
        metadata = {
            "name": "project_components",
            "theme": "projects",
            "title_zh": "重大工程内容",
            "title_en": "Major project components",
            "description_zh": "每个专栏内的每一段：小标题与全文。",
            "description_en": "Each paragraph inside each box: its heading and full text.",
            "primary_key": ["document_id", "project_no", "component_no"],
            "foreign_keys": [
                fk(["document_id", "project_no"], "major_projects"),
                fk(["document_id", "paragraph_id"], "paragraphs"),
            ],
        }


class PriorityActions(TableModel):
    document_id: Series[str] = document_id()
    action_no: Series[int] = action_no()
    title_zh: Series[str] = text_zh(
        "行动名称",
        "Title (Chinese)",
        "优先行动名称，如 新一代信息网络技术超前部署行动。",
        "Title as printed, e.g. 新一代信息网络技术超前部署行动.",
    )
    title_en: Series[str] = text_en(
        "行动名称（英文）", "Title (English)", "行动名称的英文译文。", "Reviewed English title."
    )
    section_id: Series[str] = field("章节标识", "Section id", "行动所在的节。", "The section that holds the action.")
    target_text_zh: Series[str] = text_zh(
        "行动目标", "Target", "“行动目标：”之后的全文。", "The text after 行动目标：."
    )
    target_text_en: Series[str] = text_en(
        "行动目标（英文）",
        "Target (English)",
        "行动目标的英文译文。",
        "Reviewed English of the target.",
        nullable=True,  # the `translated` check requires it wherever the Chinese is present
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id"], "action_no")

    class Config:
        unique = ["document_id", "action_no"]
        metadata = {
            "name": "priority_actions",
            "theme": "actions",
            "title_zh": "优先行动",
            "title_en": "Priority actions",
            "description_zh": "第五章的12项优先行动：名称、行动目标与原文行号。",
            "description_en": "The priority actions of chapter 五: title, target text and source lines.",
            "primary_key": ["document_id", "action_no"],
            "foreign_keys": [fk(["document_id", "section_id"], "outline")],
        }


class ActionMilestones(TableModel):
    document_id: Series[str] = document_id()
    action_no: Series[int] = action_no()
    year: Series[int] = field(
        "年份", "Year", "目标年份（到YYYY年）。", "The year the part is due (到YYYY年).", ge=2000, le=2100
    )
    text_zh: Series[str] = text_zh(
        "目标内容",
        "Text",
        "到该年应完成的内容，不含“到YYYY年，”与句末；或。",
        "What is due by that year, without the 到YYYY年， lead and the closing ；or 。.",
    )
    text_en: Series[str] = text_en(
        "目标内容（英文）",
        "Text (English)",
        "到该年应完成内容的英文译文（不含 By YYYY）。",
        'Reviewed English of what is due by that year (without the "By YYYY" lead).',
        nullable=True,  # the `translated` check requires it wherever the Chinese is present
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    class Config:
        unique = ["document_id", "action_no", "year"]
        metadata = {
            "name": "action_milestones",
            "theme": "actions",
            "title_zh": "优先行动阶段目标",
            "title_en": "Priority action milestones",
            "description_zh": "每项行动目标按年份拆分（到YYYY年 …）。",
            "description_en": "Each action's target split into its dated parts (by YYYY …).",
            "primary_key": ["document_id", "action_no", "year"],
            "foreign_keys": [fk(["document_id", "action_no"], "priority_actions")],
        }


class ActionTasks(TableModel):
    document_id: Series[str] = document_id()
    action_no: Series[int] = action_no()
    task_no: Series[int] = number(
        "任务序号",
        "Task number",
        "任务在该优先行动中的序号（注意：不是附件重点任务 annex_tasks.task_no，二者不可直接关联）。",
        "Position of the task in its priority action, from 1. Not the annex's task number: never join it to "
        "annex_tasks.task_no (USING (task_no) would pair unrelated rows); annex_task_actions links annex tasks to "
        "actions.",
    )
    heading_zh: Series[str] = text_zh(
        "任务",
        "Heading (Chinese)",
        "任务段落的段首句，不含句末句号；段落无段首句时为空。",
        "The task paragraph's lead sentence without its final 。; empty where the paragraph has none.",
        nullable=True,
    )
    heading_en: Series[str] = text_en(
        "任务（英文）", "Heading (English)", "任务的英文译文。", "Reviewed English heading."
    )
    text_zh: Series[str] = text_zh("内容", "Text", "任务段落全文。", "The whole task paragraph.")
    text_en: Series[str] = text_en(
        "内容（英文）",
        "Text (English)",
        "任务段落全文的英文译文。",
        "Reviewed English of the whole task paragraph.",
        nullable=True,  # the `translated` check requires it wherever the Chinese is present
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id", "action_no"], "task_no")

    class Config:
        unique = ["document_id", "action_no", "task_no"]
        metadata = {
            "name": "action_tasks",
            "theme": "actions",
            "title_zh": "优先行动任务",
            "title_en": "Priority action tasks",
            "description_zh": "每项优先行动下的任务段落。",
            "description_en": "The task paragraphs under each priority action.",
            "primary_key": ["document_id", "action_no", "task_no"],
            "foreign_keys": [fk(["document_id", "action_no"], "priority_actions")],
        }


class PolicyMeasures(TableModel):
    document_id: Series[str] = document_id()
    measure_no: Series[int] = number(
        "措施编号", "Measure number", "政策措施的编号（（一）为1）。", "Number of the measure (（一） is 1)."
    )
    title_zh: Series[str] = text_zh("措施名称", "Title (Chinese)", "政策措施标题。", "Title as printed.")
    title_en: Series[str] = text_en(
        "措施名称（英文）", "Title (English)", "标题的英文译文。", "Reviewed English title."
    )
    text_zh: Series[str] = text_zh(
        "内容", "Text", "措施全文（多段时以段为单位连接）。", "The measure's text (paragraphs joined)."
    )
    text_en: Series[str] = text_en(
        "内容（英文）",
        "Text (English)",
        "措施全文的英文译文（各段译文以空格连接）。",
        "Reviewed English of the measure (the paragraphs' English joined by spaces).",
        nullable=True,  # the `translated` check requires it wherever the Chinese is present
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id"], "measure_no")

    class Config:
        unique = ["document_id", "measure_no"]
        metadata = {
            "name": "policy_measures",
            "theme": "actions",
            "title_zh": "政策措施",
            "title_en": "Policy measures",
            "description_zh": "第六章的政策措施。",
            "description_en": "The policy measures of chapter 六.",
            "primary_key": ["document_id", "measure_no"],
            "foreign_keys": [fk(["document_id"], "documents")],
        }
