"""The warehouse views analysts query: each declared once, with its SQL and bilingual documentation.

`pipelines.publish.warehouse.write_database` creates every view in `VIEWS` in plans.duckdb with
`COMMENT ON VIEW` and `COMMENT ON COLUMN`, and refuses a view whose columns differ from the ones
declared here. A column that passes a table column through unchanged borrows that column's
titles and descriptions (`same_as`), so its documentation is written once, in the table's model.

Every view keeps `document_id` and joins on it, so the same views serve any number of plan
documents. The SQL is plain DuckDB SQL that DuckDB 1.4 binds as well (the file is written in
the 1.4 storage format).
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.spec import table_spec


@dataclass(frozen=True)
class ViewColumn:
    name: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str


@dataclass(frozen=True)
class ViewSpec:
    name: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    sql: str
    columns: tuple[ViewColumn, ...]

    def column(self, name: str) -> ViewColumn:
        return next(c for c in self.columns if c.name == name)


def col(name: str, title_zh: str, title_en: str, description_zh: str, description_en: str) -> ViewColumn:
    return ViewColumn(name, title_zh, title_en, description_zh, description_en)


def same_as(table: str, column: str, name: str | None = None) -> ViewColumn:
    """A view column that is a table column passed through unchanged (possibly renamed)."""
    c = table_spec(table).column(column)
    return ViewColumn(name or column, c.title_zh, c.title_en, c.description_zh, c.description_en)


def lead_departments_cte(name: str, link_table: str, key: str) -> str:
    """A CTE `name`: per (document_id, key), the distinct lead departments of the annex tasks that `link_table`
    links to it, in the order of their tasks and of the cell (ids, Chinese names, English names)."""
    return f"""{name} AS (
    SELECT document_id, {key},
           list(department_id ORDER BY task_no, ordinal) AS lead_department_ids,
           string_agg(name_zh, '、' ORDER BY task_no, ordinal) AS lead_departments_zh,
           string_agg(name_en, '; ' ORDER BY task_no, ordinal) AS lead_departments_en
    FROM (
        SELECT link.document_id, link.{key}, link.task_no, td.ordinal, d.department_id, d.name_zh, d.name_en
        FROM {link_table} AS link
        JOIN task_departments AS td
          ON td.document_id = link.document_id AND td.task_no = link.task_no AND td.role = 'lead'
        JOIN departments AS d ON d.department_id = td.department_id
        QUALIFY row_number() OVER (PARTITION BY link.document_id, link.{key}, d.department_id
                                   ORDER BY link.task_no, td.ordinal) = 1
    ) AS leads
    GROUP BY document_id, {key}
)"""


def _cell(alias: str, measure: str, of: str = "i") -> str:
    """Join one cell of indicator_values to the indicator row `of`."""
    return (
        f"LEFT JOIN indicator_values AS {alias}\n"
        f"    ON {alias}.document_id = {of}.document_id AND {alias}.table_id = {of}.table_id\n"
        f"   AND {alias}.indicator_no = {of}.indicator_no AND {alias}.measure = '{measure}'"
    )


# ---------------------------------------------------------------------------------------------
# (a) indicators_13th_wide

INDICATORS_13TH_WIDE = ViewSpec(
    name="indicators_13th_wide",
    title_zh="“十三五”信息化发展主要指标（宽表）",
    title_en="13th-FYP informatization targets (wide)",
    description_zh="每个“十三五”指标一行：类别、名称、单位、2015年基期、2020年目标、年均增速（原文与数值）、限定符、"
    "基本单位数值，以及基期—目标—增速自洽性核对（indicator_consistency 的 implied_growth）的结果。",
    description_en="One row per 13th-FYP indicator: category, name, unit, 2015 base, 2020 target and growth (as "
    "printed "
    "and as numbers), their qualifiers, the values in base units, and the result of the consistency "
    "audit of base, target and growth (indicator_consistency, check implied_growth).",
    sql=f"""
SELECT
    i.document_id,
    i.indicator_no,
    i.category_zh,
    i.category_en,
    i.name_zh,
    i.name_en,
    i.unit_zh,
    i.unit_en,
    b.raw_text         AS base_2015_text,
    b.value            AS base_2015,
    b.qualifier        AS base_2015_qualifier,
    t.raw_text         AS target_2020_text,
    t.value            AS target_2020,
    t.qualifier        AS target_2020_qualifier,
    g.raw_text         AS growth_text,
    g.value            AS growth,
    g.qualifier        AS growth_qualifier,
    g.is_cumulative_pp AS growth_is_cumulative_pp,
    g.value_unit_en    AS growth_unit_en,
    b.value_base       AS base_2015_base_units,
    t.value_base       AS target_2020_base_units,
    i.base_unit_en,
    CASE WHEN c.agrees THEN 'agrees' WHEN NOT c.agrees THEN 'disagrees' ELSE 'not_comparable' END
                       AS consistency,
    c.implied_value    AS implied_growth,
    c.implied_min      AS implied_growth_min,
    c.implied_max      AS implied_growth_max,
    c.explanation_en   AS consistency_explanation_en,
    i.line_start,
    i.line_end
FROM indicators AS i
{_cell("b", "base_2015")}
{_cell("t", "target_2020")}
{_cell("g", "target_growth")}
LEFT JOIN indicator_consistency AS c
    ON c.document_id = i.document_id AND c.table_id = i.table_id
   AND c.indicator_no = i.indicator_no AND c.check_id = 'implied_growth'
WHERE i.table_id = 'targets_13th'
ORDER BY i.document_id, i.indicator_no
""",
    columns=(
        same_as("indicators", "document_id"),
        same_as("indicators", "indicator_no"),
        same_as("indicators", "category_zh"),
        same_as("indicators", "category_en"),
        same_as("indicators", "name_zh"),
        same_as("indicators", "name_en"),
        same_as("indicators", "unit_zh"),
        same_as("indicators", "unit_en"),
        col(
            "base_2015_text",
            "2015年基期（原文）",
            "2015 base (as printed)",
            "“2015年”列单元格原文，如 <1、72.45。",
            "The 2015 cell exactly as printed, e.g. <1, 72.45.",
        ),
        col(
            "base_2015",
            "2015年基期",
            "2015 base",
            "2015年基期数值（以印刷单位计）。",
            "The 2015 figure in the printed unit.",
        ),
        col(
            "base_2015_qualifier",
            "2015年基期限定符",
            "2015 base qualifier",
            "> 或 <；精确数值为空。",
            "> or <; empty for an exact figure.",
        ),
        col(
            "target_2020_text",
            "2020年目标（原文）",
            "2020 target (as printed)",
            "“2020年”列单元格原文，如 >38。",
            "The 2020 cell exactly as printed, e.g. >38.",
        ),
        col(
            "target_2020",
            "2020年目标",
            "2020 target",
            "2020年目标数值（以印刷单位计）。",
            "The 2020 target in the printed unit.",
        ),
        col(
            "target_2020_qualifier",
            "2020年目标限定符",
            "2020 target qualifier",
            "> 表示目标为下限（至少），< 表示上限；精确目标为空。",
            "> means the target is a minimum, < a maximum; empty for an exact target.",
        ),
        col(
            "growth_text",
            "年均增速（原文）",
            "Growth (as printed)",
            "“年均增速”列原文，如 39.4、〔24〕、>7.8、—。",
            "The growth cell exactly as printed, e.g. 39.4, 〔24〕, >7.8, —.",
        ),
        col(
            "growth",
            "年均增速",
            "Growth",
            "增速数值：年均增长率（%）；〔〕行为五年累计变化（百分点）；— 为空。",
            "The growth figure: average annual growth in percent, or for 〔〕 cells the five-year cumulative "
            "change in percentage points; empty for —.",
        ),
        col(
            "growth_qualifier",
            "增速限定符",
            "Growth qualifier",
            "> 或 <；精确数值为空。",
            "> or <; empty for an exact figure.",
        ),
        col(
            "growth_is_cumulative_pp",
            "增速为五年累计百分点",
            "Growth is a five-year change in pp",
            "true：增速单元格在〔〕中，是五年累计变化（百分点），不是年均增长率。",
            "true where the growth cell is in 〔〕: a five-year cumulative change in percentage points, "
            "not an annual rate.",
        ),
        col(
            "growth_unit_en",
            "增速单位",
            "Growth unit",
            "growth 的单位（英文）：percent per year 或 percentage points。",
            "Unit of growth in English: percent per year or percentage points.",
        ),
        col(
            "base_2015_base_units",
            "2015年基期（基本单位）",
            "2015 base in base units",
            "换算为基本单位的2015年数值（如 3.8 Tbps → 3.8e12 bits per second）。",
            "The 2015 figure converted to base units (3.8 Tbps → 3.8e12 bits per second).",
        ),
        col(
            "target_2020_base_units",
            "2020年目标（基本单位）",
            "2020 target in base units",
            "换算为基本单位的2020年目标。",
            "The 2020 target converted to base units.",
        ),
        same_as("indicators", "base_unit_en"),
        col(
            "consistency",
            "自洽性核对结果",
            "Consistency audit result",
            "agrees：由基期与目标推算的增速与印刷增速在四舍五入范围内一致；disagrees：不一致；"
            "not_comparable：无法比较（如增速为 —）。",
            "agrees: the growth implied by base and target matches the printed growth within rounding; "
            "disagrees: it does not; not_comparable: it cannot be checked (e.g. growth is —).",
        ),
        col(
            "implied_growth",
            "推算增速",
            "Implied growth",
            "由基期与目标推算的年均增速（%）或累计百分点差。",
            "The growth implied by base and target: annual percent, or the difference in percentage points.",
        ),
        col(
            "implied_growth_min",
            "推算增速下限",
            "Implied growth, low",
            "考虑印刷四舍五入后推算增速的下限。",
            "Lowest implied growth allowing for the rounding of the printed cells.",
        ),
        col(
            "implied_growth_max",
            "推算增速上限",
            "Implied growth, high",
            "考虑印刷四舍五入后推算增速的上限。",
            "Highest implied growth allowing for the rounding of the printed cells.",
        ),
        col(
            "consistency_explanation_en",
            "核对说明",
            "Audit explanation",
            "核对过程与结论（英文）。",
            "How the audit was computed and what it found, in English.",
        ),
        same_as("indicators", "line_start"),
        same_as("indicators", "line_end"),
    ),
)


# ---------------------------------------------------------------------------------------------
# (b) review_12th_results

# A chip process node (纳米) improves as it shrinks: reaching the target means going at or below it.
LOWER_IS_BETTER_UNITS = ("纳米",)


def direction_sql(unit: str) -> str:
    units = ", ".join(f"'{u}'" for u in LOWER_IS_BETTER_UNITS)
    return f"CASE WHEN {unit} IN ({units}) THEN 'lower_is_better' ELSE 'higher_is_better' END"


def status_sql(threshold: str, actual: str, actual_qualifier: str, requirement: str) -> str:
    """met / missed / not_comparable, honouring a qualifier on the actual figure (`>x` is a lower bound)."""
    a, t, q, r = actual, threshold, actual_qualifier, requirement
    return f"""CASE
        WHEN {t} IS NULL OR {a} IS NULL THEN 'not_comparable'
        WHEN {r} = 'at_least' AND {a} >= {t} AND {q} IS DISTINCT FROM '<' THEN 'met'
        WHEN {r} = 'at_least' AND {a} <= {t} AND {q} IS DISTINCT FROM '>' THEN 'missed'
        WHEN {r} = 'at_most' AND {a} <= {t} AND {q} IS DISTINCT FROM '>' THEN 'met'
        WHEN {r} = 'at_most' AND {a} >= {t} AND {q} IS DISTINCT FROM '<' THEN 'missed'
        ELSE 'not_comparable'
    END"""


def requirement_sql(qualifier: str) -> str:
    return (
        f"CASE WHEN {qualifier} = '>' THEN 'at_least' WHEN {qualifier} = '<' THEN 'at_most'\n"
        f"         WHEN direction = 'lower_is_better' THEN 'at_most' ELSE 'at_least' END"
    )


def threshold_sql(value: str, alt: str, requirement: str) -> str:
    """An alternative target (32/28) is reached when any of its figures is: take the least demanding one."""
    return (
        f"CASE WHEN {alt} IS NULL THEN {value}\n"
        f"         WHEN {requirement} = 'at_most' THEN greatest({value}, {alt})\n"
        f"         ELSE least({value}, {alt}) END"
    )


STATUS_RULE_ZH = (
    "判定规则：指标方向默认“越高越好”，单位为“纳米”（集成电路芯片工艺）者“越低越好”。目标带 > 为下限，"
    "实际值不低于该数值即为完成（印刷值已四舍五入，等于下限视为完成）；带 < 为上限；无限定符时按方向比较"
    "（越高越好：实际 ≥ 目标；越低越好：实际 ≤ 目标）。32/28 这类并列目标达到其中任一数值即为完成"
    "（越低越好取较大者，越高越好取较小者），故 28 纳米对 32/28 目标为完成。任一单元格为 — 时为 not_comparable；"
    "增速比较中，年均增长率与〔〕累计百分点不可比。实际值带限定符时只在其界限足以判定时给出结论。"
)
STATUS_RULE_EN = (
    "Rule: an indicator is higher-is-better unless its unit is 纳米 (the chip process node, where smaller is "
    "better). A target printed with > is a minimum: met when the actual figure is at least that number (the "
    "printed figures are rounded, so equal counts as met); with < it is a maximum; an exact target is compared "
    "in the indicator's direction (higher-is-better: actual >= target; lower-is-better: actual <= target). An "
    "alternative target such as 32/28 is met when any of its figures is reached (the larger one for "
    "lower-is-better, the smaller for higher-is-better), so 28 nm against 32/28 is met. A — cell gives "
    "not_comparable, and for growth an annual rate is not compared with a 〔〕 five-year change in percentage "
    "points. An actual figure with a qualifier is judged only where its bound settles the question."
)

REVIEW_12TH_RESULTS = ViewSpec(
    name="review_12th_results",
    title_zh="“十二五”目标完成情况",
    title_en="12th-FYP targets against results",
    description_zh="每个“十二五”指标一行：2015年规划目标与实现情况、年均增长目标与实际，以及完成状态 met（完成）/"
    "missed（未完成）/not_comparable（不可比）。" + STATUS_RULE_ZH,
    description_en="One row per 12th-FYP indicator: the 2015 target against the 2015 result and the growth target "
    "against the growth achieved, each with a status met / missed / not_comparable. " + STATUS_RULE_EN,
    sql=f"""
WITH cells AS (
    SELECT
        i.document_id, i.indicator_no, i.category_zh, i.category_en, i.name_zh, i.name_en, i.unit_zh, i.unit_en,
        {direction_sql("i.unit_zh")} AS direction,
        t.raw_text AS target_2015_text, t.value AS target_2015, t.value_alt AS target_2015_alt,
        t.qualifier AS target_2015_qualifier,
        a.raw_text AS actual_2015_text, a.value AS actual_2015, a.qualifier AS actual_2015_qualifier,
        tg.raw_text AS target_growth_text, tg.value AS target_growth, tg.value_alt AS target_growth_alt,
        tg.qualifier AS target_growth_qualifier, tg.is_cumulative_pp AS target_growth_is_cumulative_pp,
        ag.raw_text AS actual_growth_text, ag.value AS actual_growth, ag.qualifier AS actual_growth_qualifier,
        ag.is_cumulative_pp AS actual_growth_is_cumulative_pp,
        i.line_start, i.line_end
    FROM indicators AS i
    {_cell("t", "target_2015")}
    {_cell("a", "actual_2015")}
    {_cell("tg", "target_growth")}
    {_cell("ag", "actual_growth")}
    WHERE i.table_id = 'review_12th'
), requirements AS (
    SELECT *,
        {requirement_sql("target_2015_qualifier")} AS requirement,
        {requirement_sql("target_growth_qualifier")} AS growth_requirement
    FROM cells
), thresholds AS (
    SELECT *,
        {threshold_sql("target_2015", "target_2015_alt", "requirement")} AS target_threshold,
        {threshold_sql("target_growth", "target_growth_alt", "growth_requirement")} AS growth_threshold
    FROM requirements
)
SELECT
    document_id, indicator_no, category_zh, category_en, name_zh, name_en, unit_zh, unit_en, direction,
    target_2015_text, target_2015, target_2015_alt, target_2015_qualifier,
    actual_2015_text, actual_2015,
    requirement, target_threshold,
    actual_2015 - target_threshold AS gap,
    {status_sql("target_threshold", "actual_2015", "actual_2015_qualifier", "requirement")} AS status,
    target_growth_text, target_growth, actual_growth_text, actual_growth,
    target_growth_is_cumulative_pp AS growth_is_cumulative_pp,
    CASE WHEN target_growth_is_cumulative_pp IS DISTINCT FROM actual_growth_is_cumulative_pp THEN 'not_comparable'
         ELSE {status_sql("growth_threshold", "actual_growth", "actual_growth_qualifier", "growth_requirement")}
    END AS growth_status,
    line_start, line_end
FROM thresholds
ORDER BY document_id, indicator_no
""",
    columns=(
        same_as("indicators", "document_id"),
        same_as("indicators", "indicator_no"),
        same_as("indicators", "category_zh"),
        same_as("indicators", "category_en"),
        same_as("indicators", "name_zh"),
        same_as("indicators", "name_en"),
        same_as("indicators", "unit_zh"),
        same_as("indicators", "unit_en"),
        col(
            "direction",
            "指标方向",
            "Direction",
            "higher_is_better（越高越好）；lower_is_better（越低越好，仅单位为“纳米”的芯片工艺指标）。",
            "higher_is_better, or lower_is_better (only the chip process node, unit 纳米).",
        ),
        col(
            "target_2015_text",
            "2015年规划目标（原文）",
            "2015 target (as printed)",
            "“规划目标”2015年单元格原文，如 >79、32/28。",
            "The 2015 target cell exactly as printed, e.g. >79, 32/28.",
        ),
        col(
            "target_2015",
            "2015年规划目标",
            "2015 target",
            "目标数值（并列目标取第一个）；— 为空。",
            "The target figure (the first of an alternative); empty for —.",
        ),
        col(
            "target_2015_alt",
            "2015年备选目标",
            "2015 alternative target",
            "32/28 这类并列目标中的第二个数值，否则为空。",
            "The second figure of an alternative such as 32/28, else empty.",
        ),
        col(
            "target_2015_qualifier",
            "目标限定符",
            "Target qualifier",
            "> 表示目标为下限，< 表示上限；精确目标为空。",
            "> means the target is a minimum, < a maximum; empty for an exact target.",
        ),
        col(
            "actual_2015_text",
            "2015年实现情况（原文）",
            "2015 result (as printed)",
            "“实现情况”2015年单元格原文。",
            "The 2015 result cell exactly as printed.",
        ),
        col(
            "actual_2015", "2015年实现情况", "2015 result", "实现情况数值；— 为空。", "The result figure; empty for —."
        ),
        col(
            "requirement",
            "完成条件",
            "Requirement",
            "at_least：实际值须不低于 target_threshold；at_most：须不高于。由目标限定符决定，无限定符时由指标方向决定。"
            "",
            "at_least: the result must be at least target_threshold; at_most: at most. Set by the target's "
            "qualifier, or by the direction for an exact target.",
        ),
        col(
            "target_threshold",
            "判定阈值",
            "Threshold",
            "用于判定的目标数值；并列目标取最宽松者（越低越好取较大者）。",
            "The target figure the result is compared with; for an alternative target the least demanding one "
            "(the larger for lower-is-better).",
        ),
        col(
            "gap",
            "差距",
            "Gap",
            "实现情况减判定阈值（以印刷单位计）。",
            "The result minus the threshold, in the printed unit.",
        ),
        col(
            "status",
            "完成状态",
            "Status",
            "met 完成；missed 未完成；not_comparable 不可比（有 — 单元格）。" + STATUS_RULE_ZH,
            "met, missed, or not_comparable (a — cell). " + STATUS_RULE_EN,
        ),
        col(
            "target_growth_text",
            "规划年均增长（原文）",
            "Growth target (as printed)",
            "“规划目标”年均增长单元格原文，如 >15.7、〔55〕。",
            "The growth target cell exactly as printed, e.g. >15.7, 〔55〕.",
        ),
        col(
            "target_growth",
            "规划年均增长",
            "Growth target",
            "年均增长目标（%）或〔〕五年累计百分点；— 为空。",
            "The growth target: percent per year, or for 〔〕 cells the five-year change in percentage points; "
            "empty for —.",
        ),
        col(
            "actual_growth_text",
            "实际年均增长（原文）",
            "Growth achieved (as printed)",
            "“实现情况”年均增长单元格原文。",
            "The growth achieved, exactly as printed.",
        ),
        col(
            "actual_growth",
            "实际年均增长",
            "Growth achieved",
            "实际年均增长（%）或〔〕五年累计百分点；— 为空。",
            "The growth achieved: percent per year, or the five-year change in percentage points; empty for —.",
        ),
        col(
            "growth_is_cumulative_pp",
            "增长为五年累计百分点",
            "Growth is a five-year change in pp",
            "true：增长目标在〔〕中，为五年累计变化（百分点）。",
            "true where the growth target is in 〔〕: a five-year cumulative change in percentage points.",
        ),
        col(
            "growth_status",
            "增长完成状态",
            "Growth status",
            "年均增长的 met / missed / not_comparable，规则同 status。",
            "met / missed / not_comparable for the growth columns, by the same rule as status.",
        ),
        same_as("indicators", "line_start"),
        same_as("indicators", "line_end"),
    ),
)


# ---------------------------------------------------------------------------------------------
# (c) department_workload

DEPARTMENT_WORKLOAD = ViewSpec(
    name="department_workload",
    title_zh="各单位任务量",
    title_en="Department workload",
    description_zh="每个文件中每个单位一行：附件重点任务中牵头的任务数、参与（负责）的任务数与合计，"
    "按牵头数、合计从多到少排列。只列出在该文件附件中出现的单位。",
    description_en="One row per department and document: how many annex tasks it leads, how many it shares as a "
    "responsible department, and the total, most leads first (then most tasks). Only departments "
    "named in that document's annex are listed.",
    sql="""
SELECT
    td.document_id,
    td.department_id,
    d.name_zh,
    d.full_name_zh,
    d.name_en,
    d.kind,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead')        AS tasks_led,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'responsible') AS tasks_shared,
    count(DISTINCT td.task_no)                                        AS tasks_total,
    rank() OVER (PARTITION BY td.document_id
                 ORDER BY count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead') DESC) AS lead_rank
FROM task_departments AS td
JOIN departments AS d ON d.department_id = td.department_id
GROUP BY td.document_id, td.department_id, d.name_zh, d.full_name_zh, d.name_en, d.kind
ORDER BY td.document_id, tasks_led DESC, tasks_total DESC, td.department_id
""",
    columns=(
        same_as("task_departments", "document_id"),
        same_as("departments", "department_id"),
        same_as("departments", "name_zh"),
        same_as("departments", "full_name_zh"),
        same_as("departments", "name_en"),
        same_as("departments", "kind"),
        col(
            "tasks_led",
            "牵头任务数",
            "Tasks led",
            "该单位牵头（名列“牵头”之前）的重点任务数。",
            "Number of annex tasks the department leads (named before 牵头).",
        ),
        col(
            "tasks_shared",
            "参与任务数",
            "Tasks shared",
            "该单位作为负责单位参与（role = responsible）的重点任务数。",
            "Number of annex tasks the department shares as a responsible department (role = responsible).",
        ),
        col(
            "tasks_total",
            "任务合计",
            "Tasks in total",
            "该单位出现的不同重点任务数（同一任务既牵头又参与只计一次）。",
            "Number of distinct annex tasks naming the department (a task where it both leads and shares counts once).",
        ),
        col(
            "lead_rank",
            "牵头排名",
            "Rank by tasks led",
            "在同一文件中按牵头任务数的排名（并列同名次）。",
            "Rank within the document by tasks led (ties share a rank).",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# (d) action_milestones_by_year

ACTION_MILESTONES_BY_YEAR = ViewSpec(
    name="action_milestones_by_year",
    title_zh="优先行动分年度目标",
    title_en="Priority-action milestones by year",
    description_zh="优先行动的每个分年度目标一行（“到YYYY年，……”），附行动名称，以及附件中实施该行动的任务的牵头单位；"
    "按年份、行动排列。",
    description_en="One row per dated milestone of a priority action (到YYYY年，…), with the action's title and the "
    "lead departments of the annex tasks that implement the action; ordered by year, then action.",
    sql="WITH "
    + lead_departments_cte("action_leads", "annex_task_actions", "action_no")
    + """
SELECT
    m.document_id,
    m.year,
    m.action_no,
    a.title_zh AS action_title_zh,
    a.title_en AS action_title_en,
    m.text_zh,
    l.lead_departments_zh,
    l.lead_departments_en,
    m.line_start,
    m.line_end
FROM action_milestones AS m
JOIN priority_actions AS a ON a.document_id = m.document_id AND a.action_no = m.action_no
LEFT JOIN action_leads AS l ON l.document_id = m.document_id AND l.action_no = m.action_no
ORDER BY m.document_id, m.year, m.action_no
""",
    columns=(
        same_as("action_milestones", "document_id"),
        same_as("action_milestones", "year"),
        same_as("action_milestones", "action_no"),
        same_as("priority_actions", "title_zh", "action_title_zh"),
        same_as("priority_actions", "title_en", "action_title_en"),
        same_as("action_milestones", "text_zh"),
        col(
            "lead_departments_zh",
            "牵头单位",
            "Lead departments (Chinese)",
            "附件中实施该行动的任务的牵头单位（去重，按任务与原文顺序，以、分隔）；无对应任务或任务未写“牵头”时为空。",
            "Lead departments of the annex tasks that implement the action, as written, de-duplicated, in task "
            "and cell order, separated by 、; empty where no task implements it or its cell names no lead (no 牵头).",
        ),
        col(
            "lead_departments_en",
            "牵头单位（英文）",
            "Lead departments (English)",
            "同上，英文名称，以分号分隔。",
            "The same departments' English names, separated by semicolons.",
        ),
        same_as("action_milestones", "line_start"),
        same_as("action_milestones", "line_end"),
    ),
)


# ---------------------------------------------------------------------------------------------
# (e) project_overview

PROJECT_OVERVIEW = ViewSpec(
    name="project_overview",
    title_zh="重大工程一览",
    title_en="Major projects overview",
    description_zh="每个专栏（重大工程）一行：所在章节、内容条数与各条标题、附件中实施该工程的重点任务（annex_task_projects）"
    "及其牵头单位。",
    description_en="One row per box (major project): the section it stands in, how many components it has and their "
    "headings, and the annex tasks that implement it (annex_task_projects) with their lead departments.",
    sql="""
WITH components AS (
    SELECT document_id, project_no,
           count(*) AS component_count,
           string_agg(coalesce(heading_zh, '（无标题）'), '；' ORDER BY component_no) AS component_headings_zh,
           string_agg(coalesce(heading_en, '(no heading)'), '; ' ORDER BY component_no) AS component_headings_en
    FROM project_components
    GROUP BY document_id, project_no
), task_leads AS (
    SELECT td.document_id, td.task_no,
           string_agg(d.name_zh, '、' ORDER BY td.ordinal) AS leads_zh
    FROM task_departments AS td
    JOIN departments AS d ON d.department_id = td.department_id
    WHERE td.role = 'lead'
    GROUP BY td.document_id, td.task_no
), tasks AS (
    SELECT atp.document_id, atp.project_no,
           count(*) AS implementing_task_count,
           list(atp.task_no ORDER BY atp.task_no) AS implementing_task_nos,
           string_agg('任务' || atp.task_no || coalesce('（' || tl.leads_zh || '牵头）', ''), '；' ORDER BY atp.task_no)
               AS implementing_tasks_zh
    FROM annex_task_projects AS atp
    LEFT JOIN task_leads AS tl ON tl.document_id = atp.document_id AND tl.task_no = atp.task_no
    GROUP BY atp.document_id, atp.project_no
), """
    + lead_departments_cte("box_leads", "annex_task_projects", "project_no")
    + """
SELECT
    p.document_id,
    p.project_no,
    p.title_zh,
    p.title_en,
    p.section_id,
    s.title_zh AS section_title_zh,
    coalesce(c.component_count, 0) AS component_count,
    c.component_headings_zh,
    c.component_headings_en,
    coalesce(t.implementing_task_count, 0) AS implementing_task_count,
    t.implementing_task_nos,
    t.implementing_tasks_zh,
    b.lead_department_ids,
    b.lead_departments_zh,
    b.lead_departments_en,
    p.line_start,
    p.line_end
FROM major_projects AS p
LEFT JOIN outline AS s ON s.document_id = p.document_id AND s.section_id = p.section_id
LEFT JOIN components AS c ON c.document_id = p.document_id AND c.project_no = p.project_no
LEFT JOIN tasks AS t ON t.document_id = p.document_id AND t.project_no = p.project_no
LEFT JOIN box_leads AS b ON b.document_id = p.document_id AND b.project_no = p.project_no
ORDER BY p.document_id, p.project_no
""",
    columns=(
        same_as("major_projects", "document_id"),
        same_as("major_projects", "project_no"),
        same_as("major_projects", "title_zh"),
        same_as("major_projects", "title_en"),
        same_as("major_projects", "section_id"),
        same_as("outline", "title_zh", "section_title_zh"),
        col(
            "component_count",
            "内容条数",
            "Components",
            "专栏内容条数（project_components 的行数）。",
            "Number of components of the box (rows of project_components).",
        ),
        col(
            "component_headings_zh",
            "内容标题",
            "Component headings (Chinese)",
            "各条内容的标题，按顺序以；分隔；无标题句的内容记为（无标题）。",
            "The components' headings in order, separated by ；; a component without a lead sentence shows as "
            "（无标题）.",
        ),
        col(
            "component_headings_en",
            "内容标题（英文）",
            "Component headings (English)",
            "各条内容标题的英文译文，以分号分隔；无标题者记为 (no heading)。",
            "The headings in English, separated by semicolons; (no heading) for a component without one.",
        ),
        col(
            "implementing_task_count",
            "实施任务数",
            "Implementing tasks",
            "附件中写明实施该工程的重点任务数（annex_task_projects）。",
            "Number of annex tasks that say they implement the project (annex_task_projects).",
        ),
        col(
            "implementing_task_nos",
            "实施任务序号",
            "Implementing task numbers",
            "这些任务的序号列表（annex_tasks.task_no）；无则为空。",
            "List of those tasks' numbers (annex_tasks.task_no); empty if none.",
        ),
        col(
            "implementing_tasks_zh",
            "实施任务及牵头单位",
            "Implementing tasks and leads (Chinese)",
            "每项实施任务及其牵头单位，如 任务12（国家发展改革委、中央网信办牵头），以；分隔。",
            "Each implementing task with its lead departments, e.g. 任务12（国家发展改革委、中央网信办牵头）, "
            "separated by ；.",
        ),
        col(
            "lead_department_ids",
            "牵头单位标识",
            "Lead department ids",
            "实施任务的牵头单位标识列表（去重，按任务与原文顺序）。",
            "List of the ids of the implementing tasks' lead departments, de-duplicated, in task and cell order.",
        ),
        col(
            "lead_departments_zh",
            "牵头单位",
            "Lead departments (Chinese)",
            "实施任务的牵头单位（简称，去重，以、分隔）；无实施任务或任务未写“牵头”时为空。",
            "The implementing tasks' lead departments as written, de-duplicated, separated by 、; empty where no "
            "task implements the box or its cell names no lead (no 牵头).",
        ),
        col(
            "lead_departments_en",
            "牵头单位（英文）",
            "Lead departments (English)",
            "同上，英文名称，以分号分隔。",
            "The same departments' English names, separated by semicolons.",
        ),
        same_as("major_projects", "line_start"),
        same_as("major_projects", "line_end"),
    ),
)


# ---------------------------------------------------------------------------------------------
# (f) task_responsibility_today

TASK_RESPONSIBILITY_TODAY = ViewSpec(
    name="task_responsibility_today",
    title_zh="重点任务的现任责任单位",
    title_en="Who holds each annex task's responsibility today",
    description_zh="每项重点任务的每个负责单位一行：规划时（2016年）的单位，以及据 department_successors "
    "的最近一次变动（按年份：同一年的党和国家机构改革方案视为一次改革）承接其职责的机构（拆分时每个继承机构一行）；"
    "未查到变动的单位仍为原单位（changed 为假）。",
    description_en="One row per annex task and department: the body named in 2016 and, by its latest change in "
    "department_successors (by year: the party and state plans of one year are one reform), the body that holds "
    "its functions today (one row per successor where it was split); "
    "a department with no sourced change holds them still (changed is false).",
    sql="""
WITH latest AS (
    SELECT *
    FROM department_successors
    -- the latest change is the latest year of change: a reform's party and state plans (2018-03-17 and
    -- 2018-03-21) are one reform, and a body split by them has one row per successor
    QUALIFY rank() OVER (PARTITION BY department_id ORDER BY year(effective_date) DESC NULLS LAST) = 1
)
SELECT
    td.document_id,
    td.task_no,
    td.ordinal,
    td.role,
    td.department_id,
    d.name_zh,
    d.name_en,
    d.kind,
    s.successor_zh IS NOT NULL             AS changed,
    coalesce(s.successor_zh, d.name_zh)    AS holder_zh,
    coalesce(s.successor_en, d.name_en)    AS holder_en,
    s.event,
    s.effective_date,
    s.source_title,
    s.source_url
FROM task_departments AS td
JOIN departments AS d ON d.department_id = td.department_id
LEFT JOIN latest AS s ON s.department_id = td.department_id
ORDER BY td.document_id, td.task_no, td.ordinal, holder_zh
""",
    columns=(
        same_as("task_departments", "document_id"),
        same_as("task_departments", "task_no"),
        same_as("task_departments", "ordinal"),
        same_as("task_departments", "role"),
        same_as("departments", "department_id"),
        same_as("departments", "name_zh"),
        same_as("departments", "name_en"),
        same_as("departments", "kind"),
        col(
            "changed",
            "已变动",
            "Changed",
            "该单位在规划发布后有载明来源的变动（合并、更名、拆分或撤销）。",
            "The department was merged, renamed, split or abolished after the plan, by a cited source.",
        ),
        col(
            "holder_zh",
            "现任责任机构",
            "Holder today (Chinese)",
            "最近一次变动后的继承机构；未查到变动时为原单位。",
            "The successor after the latest change; the department itself where no change was found.",
        ),
        col(
            "holder_en",
            "现任责任机构（英文）",
            "Holder today (English)",
            "现任责任机构的英文名称。",
            "English name of the holder today.",
        ),
        same_as("department_successors", "event"),
        same_as("department_successors", "effective_date"),
        same_as("department_successors", "source_title"),
        same_as("department_successors", "source_url"),
    ),
)


VIEWS: list[ViewSpec] = [
    INDICATORS_13TH_WIDE,
    REVIEW_12TH_RESULTS,
    DEPARTMENT_WORKLOAD,
    ACTION_MILESTONES_BY_YEAR,
    PROJECT_OVERVIEW,
    TASK_RESPONSIBILITY_TODAY,
]
