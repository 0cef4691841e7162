"""Every published table, in publishing order (referenced tables before the tables that refer to them)."""

from __future__ import annotations

from schemas.assignments import (
    AnnexTaskActions,
    AnnexTaskProjects,
    AnnexTasks,
    Departments,
    DepartmentSuccessors,
    TaskDepartments,
    TaskHolders,
)
from schemas.documents import Documents, Outline, Paragraphs
from schemas.indicators import IndicatorConsistency, Indicators, IndicatorValues
from schemas.programme import (
    ActionMilestones,
    ActionTasks,
    MajorProjects,
    PolicyMeasures,
    PriorityActions,
    ProjectComponents,
)
from schemas.progress import IndicatorLineage, MilestoneProgress, TaskProgress
from schemas.targets import OutcomeFigures, QuantifiedTargets

MODELS = [
    Documents,
    Outline,
    Paragraphs,
    Indicators,
    IndicatorValues,
    IndicatorConsistency,
    QuantifiedTargets,
    OutcomeFigures,
    IndicatorLineage,
    MajorProjects,
    ProjectComponents,
    PriorityActions,
    ActionMilestones,
    ActionTasks,
    MilestoneProgress,
    PolicyMeasures,
    Departments,
    DepartmentSuccessors,
    AnnexTasks,
    TaskDepartments,
    AnnexTaskProjects,
    AnnexTaskActions,
    TaskHolders,
    TaskProgress,
]
TABLES = {m.Config.metadata["name"]: m for m in MODELS}

THEMES = {
    "text": (
        "规划文本与目录",
        "Plan text and outline",
        "规划文件、章节目录与全部段落，逐段注明原文行号。",
        "The plan documents, their outline and every paragraph, each with its source lines.",
    ),
    "indicators": (
        "信息化发展指标",
        "Informatization indicators",
        "规划所载指标表（上期回顾与本期主要指标），含单位换算与自洽性核对。",
        "The plans' indicator tables (the last period's review and this period's targets), with unit conversions "
        "and a consistency audit.",
    ),
    "projects": (
        "重大工程",
        "Major projects",
        "专栏（重大工程）及其内容。",
        "The boxes (major projects) and their components.",
    ),
    "actions": (
        "优先行动与政策措施",
        "Priority actions and policy measures",
        "优先行动的目标、分年度阶段目标与任务，以及政策措施。",
        "The priority actions with their targets, dated milestones and tasks, and the policy measures.",
    ),
    "assignments": (
        "重点任务分工",
        "Task assignments",
        "附件《重点任务分工方案》的任务、牵头与参与单位，以及任务与专栏、行动的对应关系。",
        "The annex's tasks, their lead and responsible departments, and the boxes and actions they implement.",
    ),
    "views": (
        "分析视图",
        "Analysis views",
        "仓库中的文档化视图（是否实现、现任责任单位、全文检索等），以表格与其 SQL 发布，便于只用 Parquet 或 CSV "
        "的用户。",
        "The warehouse's documented views (was it achieved, who holds a task today, full-text search …), "
        "published as tables with their SQL, for users of the Parquet or CSV files alone.",
    ),
}


def model_for(name: str):
    return TABLES[name]
