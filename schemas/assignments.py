"""The annex 重点任务分工方案: tasks, the departments assigned to them, and links to boxes and actions."""

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
from schemas.programme import action_no, fk, project_no

KINDS = [
    "party_organ",
    "state_council_office",
    "state_council_ministry",
    "state_council_special",
    "state_council_agency",
    "ministry_administered_agency",
    "public_institution",
    "legislature",
    "cppcc",
    "judiciary",
    "military_body",
    "mass_organization",
    "cooperative_federation",
    "coordinating_body_office",
    "collective",
]
EVENTS = ["merged", "renamed", "split", "abolished", "duties transferred"]
# How the body holding an annex task's function today was decided (task_holders.basis).
HOLDER_BASES = {
    "transferred": "the duty the task concerns moved to the holder (a partial transfer: the named body continues)",
    "kept": "the named body keeps the task: the duties the reform moved away do not cover it",
    "function": "a split body's successor that took the function the task concerns",
    "shared": "the task's function is shared by several successors of a split body (one row each)",
    "ambiguous": "the reform's text does not decide which body holds the task today (holder empty)",
}


def match_basis() -> Any:
    return field(
        "对应依据",
        "Match basis",
        "如何认定任务与之对应（以；分隔）：title 任务写明“（组织）实施”其标题；introducing_sentence 任务写明专栏前"
        "正文所宣布的工程；component_headings 任务含专栏各条内容标题的核心词；reviewed 仅由人工审校词表确认"
        "（schemas/vocab/annex_links/）。",
        "How the link was made (separated by ;): title — the task (organises and) implements its title; "
        "introducing_sentence — the 工程 the body sentence before the box announces; component_headings — the task "
        "holds the core of every component heading; reviewed — confirmed only by the reviewed mapping "
        "(schemas/vocab/annex_links/).",
    )


def task_no() -> Any:
    return number("序号", "Task number", "附件中的序号。", "The row number (序号) in the annex.")


def department_id() -> Any:
    return field(
        "单位标识",
        "Department id",
        "单位的ASCII标识，如 cac、ndrc、miit。",
        "ASCII id of the department, e.g. cac, ndrc, miit.",
        str_matches=r"^[a-z][a-z0-9_]*$",
    )


class AnnexTasks(TableModel):
    document_id: Series[str] = document_id()
    task_no: Series[int] = task_no()
    task_zh: Series[str] = text_zh("重点工作", "Task (Chinese)", "“重点工作”单元格全文。", "The 重点工作 cell.")
    task_en: Series[str] = text_en(
        "重点工作（英文）",
        "Task (English)",
        "重点工作的英文译文（人工审校）。",
        "Reviewed English translation of the task.",
    )
    responsibility_zh: Series[str] = text_zh(
        "负责单位",
        "Responsibility (as printed)",
        "“负责单位”单元格原文。",
        "The 负责单位 cell exactly as printed.",
        untranslated="a list of department names: task_departments and departments give each name in English",
    )
    is_open_ended: Series[bool] = field(
        "开放列举",
        "Open-ended",
        "单元格以“等按职责分工负责”结尾（名单以“等”结束、未列尽）。另见 names_collective。",
        "The cell ends in 等按职责分工负责: the list ends in 等 and is not exhaustive. See also names_collective: "
        "a task that names a collective (各地区, 各部门 …) is open-ended in another way.",
    )
    has_lead: Series[bool] = field(
        "有牵头单位",
        "Has a lead",
        "单元格写明“牵头”单位；否则所有单位均为负责单位（role = responsible）。",
        "The cell names a lead (牵头); otherwise every department in it is responsible (role = responsible).",
    )
    names_collective: Series[bool] = field(
        "含集合称谓",
        "Names a collective",
        "单元格含集合称谓（各地区、各部门、各有关部门、其他相关部门），即责任未落到具体机构。",
        "The cell names a collective (各地区, 各部门, 各有关部门, 其他相关部门): responsibility not pinned on one "
        "body.",
    )
    translation_status: Series[str] = translation_status()
    line_start: Series[int] = line_start()
    line_end: Series[int] = line_end()

    @pa.dataframe_check
    @classmethod
    def numbering_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id"], "task_no")

    @pa.dataframe_check
    @classmethod
    def open_ended_as_printed(cls, df: pd.DataFrame) -> pd.Series:
        return df["responsibility_zh"].str.endswith("等按职责分工负责") == df["is_open_ended"]

    class Config:
        unique = ["document_id", "task_no"]
        metadata = {
            "name": "annex_tasks",
            "theme": "assignments",
            "title_zh": "重点任务分工",
            "title_en": "Key task assignments",
            "description_zh": "附件《重点任务分工方案》的每一行：重点工作与负责单位。",
            "description_en": "Every row of the annex 重点任务分工方案: the task and the departments responsible.",
            "primary_key": ["document_id", "task_no"],
            "foreign_keys": [fk(["document_id"], "documents")],
        }


class TaskDepartments(TableModel):
    document_id: Series[str] = document_id()
    task_no: Series[int] = task_no()
    department_id: Series[str] = department_id()
    role: Series[str] = field(
        "角色",
        "Role",
        "lead：“牵头”之前的单位；responsible：其余单位（无“牵头”时为全部）。",
        "lead: named before 牵头; responsible: the others (everyone, in a cell with no 牵头).",
        isin=["lead", "responsible"],
    )
    ordinal: Series[int] = number(
        "顺序", "Order", "单位在单元格中的顺序。", "Position of the department in the cell, from 1."
    )

    @pa.dataframe_check
    @classmethod
    def ordinal_contiguous(cls, df: pd.DataFrame) -> pd.Series:
        return contiguous(df, ["document_id", "task_no"], "ordinal")

    class Config:
        unique = ["document_id", "task_no", "department_id", "role"]
        metadata = {
            "name": "task_departments",
            "theme": "assignments",
            "title_zh": "任务负责单位",
            "title_en": "Task departments",
            "description_zh": "每项重点任务的牵头与参与单位，按原文顺序。",
            "description_en": "The lead and responsible departments of each annex task, in the order printed.",
            "primary_key": ["document_id", "task_no", "department_id", "role"],
            "foreign_keys": [
                fk(["document_id", "task_no"], "annex_tasks"),
                {"fields": ["department_id"], "reference": {"resource": "departments", "fields": ["department_id"]}},
            ],
        }


class Departments(TableModel):
    department_id: Series[str] = department_id()
    name_zh: Series[str] = text_zh(
        "简称", "Name as written", "规划中的写法，如 中央网信办。", "The name as written in the plan, e.g. 中央网信办."
    )
    full_name_zh: Series[str] = text_zh(
        "全称",
        "Full name (Chinese)",
        "2016年时的正式全称。",
        "Official full Chinese name as of 2016.",
        untranslated="a name: name_en is the body's official English name",
    )
    name_en: Series[str] = text_en(
        "英文名称", "Name (English)", "2016年时的正式英文名称。", "Official English name as of 2016."
    )
    kind: Series[str] = field(
        "机构类型",
        "Kind",
        "party_organ 党中央机构；state_council_office 国务院办公厅及办事机构；state_council_ministry "
        "国务院组成部门；state_council_special "
        "直属特设机构；state_council_agency 直属机构；ministry_administered_agency "
        "部委管理的国家局；public_institution "
        "直属事业单位；legislature 全国人大机构；cppcc 全国政协机构；judiciary 法院、检察院；military_body "
        "军队机构；mass_organization 人民团体（如 共青团中央、全国妇联）；cooperative_federation 供销合作社联合组织"
        "（供销合作总社）；coordinating_body_office 议事协调机构的办事机构（如 国务院扶贫办）；collective 集合称谓（如 "
        "各地区、各有关部门；军队有关部门亦归此类：它不指明任何具体机构，不能与具名机构一同排名）。",
        "party_organ: CPC Central Committee body; state_council_office: General Office and offices of the State "
        "Council; state_council_ministry: ministry or commission; state_council_special: special organisation "
        "(SASAC); state_council_agency: directly affiliated agency; ministry_administered_agency: national "
        "administration under a ministry; public_institution: institution directly under the State Council; "
        "legislature: NPC body; cppcc: CPPCC body; judiciary: court or procuratorate; military_body: Central "
        "Military Commission body; mass_organization: people's organisation (人民团体) such as the Communist Youth "
        "League or the Women's Federation; cooperative_federation: the federation of supply and marketing "
        "cooperatives; coordinating_body_office: the office of a coordinating body (议事协调机构) such as the "
        "poverty alleviation leading group; collective: a collective such as 各地区 or 各有关部门, not a body of "
        "its own (军队有关部门, 'relevant military departments', too: it names no particular body, so it is not "
        "ranked with named ones).",
        isin=KINDS,
    )

    class Config:
        unique = ["department_id"]
        metadata = {
            "name": "departments",
            "made_from": "vocabulary",
            "theme": "assignments",
            "title_zh": "单位",
            "title_en": "Departments",
            "description_zh": "附件中出现的单位：简称、全称、英文名称与机构类型（人工审校的词表）。",
            "description_en": "The departments named in the annex: name as written, full name, English name and kind "
            "(a reviewed vocabulary).",
            "primary_key": ["department_id"],
            "foreign_keys": [],
        }


class DepartmentSuccessors(TableModel):
    department_id: Series[str] = department_id()
    successor_zh: Series[str] = text_zh(
        "继承机构",
        "Successor (Chinese)",
        "承接该单位职责的机构（中文正式名称）。",
        "The body that took over its functions.",
    )
    successor_en: Series[str] = text_en(
        "继承机构（英文）",
        "Successor (English)",
        "继承机构的英文正式名称。",
        "The successor's official English name.",
        nullable=True,
    )
    event: Series[str] = field(
        "变动",
        "Event",
        "merged 合并；renamed 更名；split 拆分（每个继承机构一行）；abolished 撤销；duties transferred 部分职责划出"
        "（原单位保留，哪些任务随之转移见 task_holders）。",
        "merged, renamed, split (one row per successor), abolished, or duties transferred (part of its duties moved "
        "to the successor while the body continues; which tasks moved: task_holders).",
        isin=EVENTS,
    )
    effective_date: Series[pa.DateTime] = field(
        "生效日期",
        "Effective date",
        "批准或印发改革方案的日期；来源未载明时为空。",
        "Date the reform plan was approved or issued; empty where the source does not state it.",
        nullable=True,
        frictionless_type="date",
    )
    source_title: Series[str] = field(
        "来源文件", "Source", "载明该变动的文件或页面标题。", "Title of the document or page that states the change."
    )
    source_number: Series[str] = field(
        "文号",
        "Document number",
        "来源文件的文号（如有）。",
        "The source's document number, where it has one.",
        nullable=True,
    )
    source_url: Series[str] = field(
        "来源网址", "Source URL", "来源页面的网址。", "Address of the source page.", str_matches=r"https?://\S+"
    )
    source_quote: Series[str] = field(
        "来源原文",
        "Source quote",
        "来源中载明该变动的原句（照录）。",
        "The sentence of the source that states the change, copied exactly.",
        untranslated="quoted evidence, kept exactly as the source prints it",
    )
    note: Series[str] = field(
        "说明", "Note", "来源与判断的说明（英文）。", "How the row was sourced and judged (English).", nullable=True
    )

    class Config:
        unique = ["department_id", "successor_zh"]
        metadata = {
            "name": "department_successors",
            "made_from": "vocabulary",
            "theme": "assignments",
            "title_zh": "单位沿革",
            "title_en": "Department successors",
            "description_zh": "规划发布后（2018年、2023年党和国家机构改革等）合并、更名、拆分或撤销的单位及其继承机构，"
            "每行注明来源；未找到来源的变动不列（不作推测）。",
            "description_en": "Bodies merged, renamed, split or abolished after the plan (the 2018 and 2023 "
            "institutional reforms and others) and their successors, every row with its source; a change no "
            "source was found for is not listed (never guessed).",
            "primary_key": ["department_id", "successor_zh"],
            "foreign_keys": [
                {"fields": ["department_id"], "reference": {"resource": "departments", "fields": ["department_id"]}},
            ],
        }


class AnnexTaskProjects(TableModel):
    document_id: Series[str] = document_id()
    task_no: Series[int] = task_no()
    project_no: Series[int] = project_no()
    match_basis: Series[str] = match_basis()

    class Config:
        unique = ["document_id", "task_no", "project_no"]
        metadata = {
            "name": "annex_task_projects",
            "optional": True,
            "theme": "assignments",
            "title_zh": "任务与重大工程",
            "title_en": "Tasks implementing major projects",
            "description_zh": "重点工作中写明“（组织）实施……工程”的任务与对应专栏。",
            "description_en": "Annex tasks that say they (organise and) implement a box's project, linked to that box.",
            "primary_key": ["document_id", "task_no", "project_no"],
            "foreign_keys": [
                fk(["document_id", "task_no"], "annex_tasks"),
                fk(["document_id", "project_no"], "major_projects"),
            ],
        }


class AnnexTaskActions(TableModel):
    document_id: Series[str] = document_id()
    task_no: Series[int] = task_no()
    action_no: Series[int] = action_no()
    match_basis: Series[str] = match_basis()

    class Config:
        unique = ["document_id", "task_no", "action_no"]
        metadata = {
            "name": "annex_task_actions",
            "optional": True,
            "theme": "assignments",
            "title_zh": "任务与优先行动",
            "title_en": "Tasks implementing priority actions",
            "description_zh": "重点工作中写明“（组织）实施……行动”的任务与对应优先行动。",
            "description_en": "Annex tasks that say they (organise and) implement a priority action, linked to that "
            "action.",
            "primary_key": ["document_id", "task_no", "action_no"],
            "foreign_keys": [
                fk(["document_id", "task_no"], "annex_tasks"),
                fk(["document_id", "action_no"], "priority_actions"),
            ],
        }


class TaskHolders(TableModel):
    document_id: Series[str] = document_id()
    task_no: Series[int] = task_no()
    department_id: Series[str] = department_id()
    holder_no: Series[int] = field(
        "序号",
        "Holder number",
        "同一任务、同一单位的第几个承接机构（共担时多行）。",
        "1, 2 … per task and named body.",
        ge=1,
    )
    holder_zh: Series[str] = text_zh(
        "现承接机构",
        "Holder today (Chinese)",
        "今天承担该任务所涉职能的机构；无法判定时为空。",
        "The body that holds the task's function today; empty where the reform's text does not decide.",
        nullable=True,
    )
    holder_en: Series[str] = text_en(
        "现承接机构（英文）",
        "Holder today (English)",
        "承接机构的英文名称。",
        "The holder's English name.",
        nullable=True,
    )
    basis: Series[str] = field(
        "判定依据",
        "Basis",
        "transferred 职责划入；kept 原单位保留；function 拆分后承接该职能；shared 共担；ambiguous 无法判定。",
        "; ".join(f"{k}: {v}" for k, v in HOLDER_BASES.items()) + ".",
        isin=list(HOLDER_BASES),
    )
    matched_duty_zh: Series[str] = field(
        "对应职责",
        "Matched duty",
        "改革文件中与该任务对应的职责原文（transferred、function 时）。",
        "The reform text's duty the task was matched to (transferred, function), as printed.",
        nullable=True,
        untranslated="quoted evidence, kept exactly as the source prints it",
    )
    source_title: Series[str] = field("来源文件", "Source", "改革文件的标题。", "Title of the reform document.")
    source_date: Series[pa.DateTime] = field(
        "来源日期",
        "Source date",
        "改革文件印发日期。",
        "Date the reform document was issued.",
        frictionless_type="date",
    )
    source_url: Series[str] = field(
        "来源网址", "Source URL", "所读页面的网址。", "Address of the page read.", str_matches=r"https?://\S+"
    )
    source_quote: Series[str] = field(
        "来源原文",
        "Source quote",
        "改革文件中分配该职能的原句（照录）。",
        "The sentence of the reform document that allocates the function, copied exactly.",
        untranslated="quoted evidence, kept exactly as the source prints it",
    )
    note: Series[str] = field(
        "说明", "Note", "判断理由（英文）。", "Why the row was decided so (English).", nullable=True
    )

    class Config:
        unique = ["document_id", "task_no", "department_id", "holder_no"]
        metadata = {
            "name": "task_holders",
            "made_from": "outcome files",
            "theme": "assignments",
            "title_zh": "任务现承接机构",
            "title_en": "Task holders today",
            "description_zh": "附件任务所列单位在后来拆分或部分职责划出时，该任务的职能今天由谁承担，"
            "逐行引用改革文件原句；无法判定者标明 ambiguous，不作推测。",
            "description_en": "Where a body an annex task names was later split or lost part of its duties, who holds "
            "that task's function today, each row quoting the reform document; where the text does not decide, "
            "ambiguous (never guessed).",
            "primary_key": ["document_id", "task_no", "department_id", "holder_no"],
            "foreign_keys": [
                fk(["document_id", "task_no"], "annex_tasks"),
                {"fields": ["department_id"], "reference": {"resource": "departments", "fields": ["department_id"]}},
            ],
        }
