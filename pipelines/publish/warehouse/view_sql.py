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
    links to it, in the order of their tasks and of the cell (ids, Chinese names, English names). A task whose
    cell names no lead (no 牵头) contributes its responsible departments instead, and `leads_fallback` says so."""
    return f"""{name} AS (
    SELECT document_id, {key},
           list(department_id ORDER BY task_no, ordinal) AS lead_department_ids,
           string_agg(name_zh, '、' ORDER BY task_no, ordinal) AS lead_departments_zh,
           string_agg(name_en, '; ' ORDER BY task_no, ordinal) AS lead_departments_en,
           bool_or(role = 'responsible') AS leads_fallback
    FROM (
        SELECT link.document_id, link.{key}, link.task_no, td.ordinal, td.role, d.department_id, d.name_zh, d.name_en
        FROM {link_table} AS link
        JOIN annex_tasks AS a ON a.document_id = link.document_id AND a.task_no = link.task_no
        JOIN task_departments AS td
          ON td.document_id = link.document_id AND td.task_no = link.task_no
         AND (td.role = 'lead' OR NOT a.has_lead)
        JOIN departments AS d ON d.department_id = td.department_id
        QUALIFY row_number() OVER (PARTITION BY link.document_id, link.{key}, d.department_id
                                   ORDER BY link.task_no, td.ordinal) = 1
    ) AS leads
    GROUP BY document_id, {key}
)"""


def _cell(alias: str, kind: str, of: str = "i") -> str:
    """Join the indicator row `of`'s cell of one measure kind (base, target, actual, target_growth …)."""
    return (
        f"LEFT JOIN indicator_values AS {alias}\n"
        f"    ON {alias}.document_id = {of}.document_id AND {alias}.table_id = {of}.table_id\n"
        f"   AND {alias}.indicator_no = {of}.indicator_no AND {alias}.measure_kind = '{kind}'"
    )


# ---------------------------------------------------------------------------------------------
# (a) indicator_targets

INDICATOR_TARGETS = ViewSpec(
    name="indicator_targets",
    title_zh="主要指标（宽表）",
    title_en="Indicator targets (wide)",
    description_zh="每个主要指标表（角色 targets）中的指标一行：类别、名称、单位、基期与目标（年份、原文与数值）、"
    "年均增速、限定符、基本单位数值，以及基期—目标—增速自洽性核对（indicator_consistency 的 implied_growth）的结果。",
    description_en="One row per indicator of a targets table: category, name, unit, base and target (year, as "
    "printed "
    "and as numbers), growth, their qualifiers, the values in base units, and the result of the consistency "
    "audit of base, target and growth (indicator_consistency, check implied_growth).",
    sql=f"""
SELECT
    i.document_id,
    i.table_id,
    i.indicator_no,
    i.category_zh,
    i.category_en,
    i.name_zh,
    i.name_en,
    i.unit_zh,
    i.unit_en,
    b.measure_year     AS base_year,
    b.raw_text         AS base_text,
    b.value            AS base,
    b.qualifier        AS base_qualifier,
    t.measure_year     AS target_year,
    t.raw_text         AS target_text,
    t.value            AS target,
    t.qualifier        AS target_qualifier,
    t.is_cumulative_pp AS target_is_cumulative_pp,
    g.raw_text         AS growth_text,
    g.value            AS growth,
    g.qualifier        AS growth_qualifier,
    g.is_cumulative_pp AS growth_is_cumulative_pp,
    g.value_unit_en    AS growth_unit_en,
    b.value_base       AS base_base_units,
    t.value_base       AS target_base_units,
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
{_cell("b", "base")}
{_cell("t", "target")}
{_cell("g", "target_growth")}
LEFT JOIN indicator_consistency AS c
    ON c.document_id = i.document_id AND c.table_id = i.table_id
   AND c.indicator_no = i.indicator_no AND c.check_id = 'implied_growth'
WHERE i.table_role = 'targets'
ORDER BY i.document_id, i.table_id, i.indicator_no
""",
    columns=(
        same_as("indicators", "document_id"),
        same_as("indicators", "table_id"),
        same_as("indicators", "indicator_no"),
        same_as("indicators", "category_zh"),
        same_as("indicators", "category_en"),
        same_as("indicators", "name_zh"),
        same_as("indicators", "name_en"),
        same_as("indicators", "unit_zh"),
        same_as("indicators", "unit_en"),
        col("base_year", "基期年份", "Base year", "基期列所指年份。", "The year of the base column."),
        col(
            "base_text",
            "基期（原文）",
            "Base (as printed)",
            "基期列单元格原文，如 <1、72.45。",
            "The base cell exactly as printed, e.g. <1, 72.45.",
        ),
        col(
            "base",
            "基期",
            "Base",
            "基期数值（以印刷单位计）。",
            "The base figure in the printed unit.",
        ),
        col(
            "base_qualifier",
            "基期限定符",
            "Base qualifier",
            "> 或 <；精确数值为空。",
            "> or <; empty for an exact figure.",
        ),
        col("target_year", "目标年份", "Target year", "目标列所指年份。", "The year of the target column."),
        col(
            "target_text",
            "目标（原文）",
            "Target (as printed)",
            "目标列单元格原文，如 >38。",
            "The target cell exactly as printed, e.g. >38.",
        ),
        col(
            "target",
            "目标",
            "Target",
            "目标数值（以印刷单位计）。",
            "The target in the printed unit.",
        ),
        col(
            "target_qualifier",
            "目标限定符",
            "Target qualifier",
            "> 表示目标为下限（至少），< 表示上限；精确目标为空。",
            "> means the target is a minimum, < a maximum; empty for an exact target.",
        ),
        same_as("indicator_values", "is_cumulative_pp", "target_is_cumulative_pp"),
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
            "base_base_units",
            "基期（基本单位）",
            "Base in base units",
            "换算为基本单位的基期数值（如 3.8 Tbps → 3.8e12 bits per second）。",
            "The base figure converted to base units (3.8 Tbps → 3.8e12 bits per second).",
        ),
        col(
            "target_base_units",
            "目标（基本单位）",
            "Target in base units",
            "换算为基本单位的目标。",
            "The target converted to base units.",
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
# (b) indicator_review_results

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

INDICATOR_REVIEW_RESULTS = ViewSpec(
    name="indicator_review_results",
    title_zh="上期目标完成情况",
    title_en="Last period's targets against results",
    description_zh="每个回顾表（角色 review）中的指标一行：期末规划目标与实现情况、年均增长目标与实际，"
    "以及完成状态 met（完成）/missed（未完成）/not_comparable（不可比）。" + STATUS_RULE_ZH,
    description_en="One row per indicator of a review table: the target for the period's last year against the "
    "result and the growth target against the growth achieved, each with a status met / missed / not_comparable. "
    + STATUS_RULE_EN,
    sql=f"""
WITH cells AS (
    SELECT
        i.document_id, i.table_id, i.indicator_no, i.category_zh, i.category_en, i.name_zh, i.name_en, i.unit_zh,
        i.unit_en, {direction_sql("i.unit_zh")} AS direction, t.measure_year AS target_year,
        t.raw_text AS target_text, t.value AS target, t.value_alt AS target_alt,
        t.qualifier AS target_qualifier,
        a.raw_text AS actual_text, a.value AS actual, a.qualifier AS actual_qualifier,
        tg.raw_text AS target_growth_text, tg.value AS target_growth, tg.value_alt AS target_growth_alt,
        tg.qualifier AS target_growth_qualifier, tg.is_cumulative_pp AS target_growth_is_cumulative_pp,
        ag.raw_text AS actual_growth_text, ag.value AS actual_growth, ag.qualifier AS actual_growth_qualifier,
        ag.is_cumulative_pp AS actual_growth_is_cumulative_pp,
        i.line_start, i.line_end
    FROM indicators AS i
    {_cell("t", "target")}
    {_cell("a", "actual")}
    {_cell("tg", "target_growth")}
    {_cell("ag", "actual_growth")}
    WHERE i.table_role = 'review'
), requirements AS (
    SELECT *,
        {requirement_sql("target_qualifier")} AS requirement,
        {requirement_sql("target_growth_qualifier")} AS growth_requirement
    FROM cells
), thresholds AS (
    SELECT *,
        {threshold_sql("target", "target_alt", "requirement")} AS target_threshold,
        {threshold_sql("target_growth", "target_growth_alt", "growth_requirement")} AS growth_threshold
    FROM requirements
)
SELECT
    document_id, table_id, indicator_no, category_zh, category_en, name_zh, name_en, unit_zh, unit_en, direction,
    target_year, target_text, target, target_alt, target_qualifier,
    actual_text, actual,
    requirement, target_threshold,
    actual - target_threshold AS gap,
    {status_sql("target_threshold", "actual", "actual_qualifier", "requirement")} AS status,
    'derived: the rule in this view''s comment (the same rule as target_outcomes)' AS status_basis,
    target_growth_text, target_growth, actual_growth_text, actual_growth,
    target_growth_is_cumulative_pp AS growth_is_cumulative_pp,
    CASE WHEN target_growth_is_cumulative_pp IS DISTINCT FROM actual_growth_is_cumulative_pp THEN 'not_comparable'
         ELSE {status_sql("growth_threshold", "actual_growth", "actual_growth_qualifier", "growth_requirement")}
    END AS growth_status,
    line_start, line_end
FROM thresholds
ORDER BY document_id, table_id, indicator_no
""",
    columns=(
        same_as("indicators", "document_id"),
        same_as("indicators", "table_id"),
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
        col("target_year", "目标年份", "Target year", "规划目标所指年份（上一规划期末）。", "The year of the target."),
        col(
            "target_text",
            "规划目标（原文）",
            "Target (as printed)",
            "“规划目标”单元格原文，如 >79、32/28。",
            "The target cell exactly as printed, e.g. >79, 32/28.",
        ),
        col(
            "target",
            "规划目标",
            "Target",
            "目标数值（并列目标取第一个）；— 为空。",
            "The target figure (the first of an alternative); empty for —.",
        ),
        col(
            "target_alt",
            "备选目标",
            "Alternative target",
            "32/28 这类并列目标中的第二个数值，否则为空。",
            "The second figure of an alternative such as 32/28, else empty.",
        ),
        col(
            "target_qualifier",
            "目标限定符",
            "Target qualifier",
            "> 表示目标为下限，< 表示上限；精确目标为空。",
            "> means the target is a minimum, < a maximum; empty for an exact target.",
        ),
        col(
            "actual_text",
            "实现情况（原文）",
            "Result (as printed)",
            "“实现情况”单元格原文。",
            "The result cell exactly as printed.",
        ),
        col("actual", "实现情况", "Result", "实现情况数值；— 为空。", "The result figure; empty for —."),
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
            "status_basis",
            "判定依据",
            "Basis of the status",
            "说明完成状态是本项目依所述规则得出，不是规划原文。",
            "Says that the status is the project's judgement by the stated rule, not printed in the plan.",
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
    "按牵头数、合计从多到少排列；集合称谓（各地区、各部门等）单列于后、不参与排名。只列出在该文件附件中出现的单位。",
    description_en="One row per department and document: how many annex tasks it leads, how many it shares as a "
    "responsible department, and the total, most leads first (then most tasks); collectives (各地区, 各部门 …) "
    "come last and are not ranked. Only departments named in that document's annex are listed.",
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
    d.kind = 'collective'                                             AS is_collective,
    CASE WHEN d.kind <> 'collective' THEN
        rank() OVER (PARTITION BY td.document_id, d.kind = 'collective'
                     ORDER BY count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead') DESC)
    END AS lead_rank
FROM task_departments AS td
JOIN departments AS d ON d.department_id = td.department_id
GROUP BY td.document_id, td.department_id, d.name_zh, d.full_name_zh, d.name_en, d.kind
ORDER BY td.document_id, is_collective, tasks_led DESC, tasks_total DESC, td.department_id
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
            "is_collective",
            "集合称谓",
            "Collective",
            "为真时该“单位”是集合称谓（各地区、各部门、各有关部门、其他相关部门），不是一个机构；排在最后、不参与排名。",
            "True for a collective (各地区, 各部门 …), not a body of its own: listed last and not ranked.",
        ),
        col(
            "lead_rank",
            "牵头排名",
            "Rank by tasks led",
            "在同一文件中实际机构按牵头任务数的排名（并列同名次）；集合称谓为空。",
            "Rank of the real bodies within the document by tasks led (ties share a rank); empty for a collective.",
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
    l.leads_fallback,
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
        col(
            "leads_fallback",
            "以负责单位代替牵头单位",
            "Responsible shown for lead",
            "为真时，至少一项任务未写“牵头”，列出的是其负责单位。",
            "True where at least one task names no lead (no 牵头), so its responsible departments are listed instead.",
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
    b.leads_fallback,
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
        col(
            "leads_fallback",
            "以负责单位代替牵头单位",
            "Responsible shown for lead",
            "为真时，至少一项任务未写“牵头”，列出的是其负责单位。",
            "True where at least one task names no lead (no 牵头), so its responsible departments are listed instead.",
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


# ---------------------------------------------------------------------------------------------
# (g) target_outcomes

VERDICT_RULE_ZH = (
    "判定（项目依下述规则得出，非规划原文）：每个目标（主要指标表中的指标，以及未重述指标表的文中量化目标）取"
    "标为 primary 的结果数据。无结果数据为 no data；来源口径与规划不同（comparable 为假）或单位不能换算为目标的"
    "基本单位时为 not comparable；否则按与 indicator_review_results 相同的规则在基本单位下比较：>=、>、= 为下限（= 指"
    "原文未写比较词的应达到数，如 建成35颗），<=、< 为上限；印刷值已四舍五入，等于界限视为完成；结果带“超过”"
    "（>）时只在其界限足以判定时给出结论。指标表中无限定符的目标按指标方向比较。"
)
VERDICT_RULE_EN = (
    "Verdict (the project's judgement by the rule below, not printed in the plan): each target (an indicator of "
    "the targets table, or a prose target that restates no table indicator) takes its outcome row marked "
    "primary. No outcome row: no data. A source that measures something else (comparable false) or a unit that "
    "does not convert to the target's base unit: not comparable. Otherwise the figures are compared in base units "
    "by the same rule as indicator_review_results: >=, > and = are minimums (= is a figure to reach printed without a "
    "comparator word, such as 35 satellites), <= and < are maximums; printed figures are rounded, so reaching the "
    "bound counts as met; an outcome printed as 'more than' (>) is judged only where its bound settles it. A "
    "table target without a qualifier is compared in the indicator's direction."
)


def verdict_sql(target: str, outcome: str, outcome_qualifier: str, comparator: str) -> str:
    """The verdict rule, stated once: met / missed / not comparable for a target with a comparator."""
    requirement = f"CASE WHEN {comparator} IN ('<', '<=') THEN 'at_most' ELSE 'at_least' END"
    return f"replace({status_sql(target, outcome, outcome_qualifier, requirement)}, '_', ' ')"


TABLE_TARGETS_SQL = f"""
    SELECT i.document_id, 'indicator' AS target_kind, i.table_id, i.indicator_no, CAST(NULL AS BIGINT) AS target_no,
           i.name_zh AS metric_zh, i.name_en AS metric_en, tv.measure_year AS target_year,
           b.raw_text AS base_text, tv.raw_text AS target_text,
           CASE WHEN tv.qualifier = '>' THEN '>' WHEN tv.qualifier = '<' THEN '<'
                WHEN {direction_sql("i.unit_zh")} = 'lower_is_better' THEN '<=' ELSE '>=' END AS comparator,
           tv.value_base AS target_base, tv.value_unit_en AS unit_base, i.unit_en,
           CAST(NULL AS VARCHAR) AS paragraph_key, CAST(NULL AS VARCHAR) AS figure, CAST(NULL AS BIGINT) AS occurrence,
           i.line_start, i.line_end
    FROM indicators AS i
    {_cell("tv", "target")}
    {_cell("b", "base")}
    WHERE i.table_role = 'targets'"""
"""The targets of every indicator table whose role is targets: its base and target measures."""


TARGET_OUTCOMES = ViewSpec(
    name="target_outcomes",
    title_zh="目标完成情况（“是否实现？”）",
    title_en="Targets against outcomes (was it achieved?)",
    description_zh="每个目标一行：基期、目标与比较符、实际结果（带来源）、状态 met / missed / not comparable / no data "
    "与差距。" + VERDICT_RULE_ZH,
    description_en="One row per target: base, target with its comparator, the outcome with its source, the status "
    "met / missed / not comparable / no data, and the gap. " + VERDICT_RULE_EN,
    sql=f"""
WITH targets AS ({TABLE_TARGETS_SQL}
    UNION ALL
    SELECT q.document_id, 'prose', NULL, NULL, q.target_no, q.metric_zh, q.metric_en, q.year, NULL, q.figure_zh,
           q.comparator, q.value_base, q.unit_base, q.unit_en, q.paragraph_key, q.figure_zh, q.occurrence,
           q.line_start, q.line_end
    FROM quantified_targets AS q
    WHERE q.table_id IS NULL  -- a prose target that restates a table indicator is judged once, as that indicator
), joined AS (
    SELECT tg.*, o.outcome_id, o.year AS outcome_year, o.figure_as_printed AS outcome_text,
           o.value AS outcome_value, o.value_base AS outcome_base, o.unit_base AS outcome_unit_base,
           o.qualifier AS outcome_qualifier,
           o.comparable, o.publisher, o.title AS source_title, o.published_date, o.url AS source_url,
           o.definition_note, o.search_note
    FROM targets AS tg
    LEFT JOIN outcome_figures AS o
      ON o."primary" AND o.document_id = tg.document_id
     AND ((tg.target_kind = 'indicator' AND o.table_id = tg.table_id AND o.indicator_no = tg.indicator_no)
       OR (tg.target_kind = 'prose' AND o.paragraph_key = tg.paragraph_key AND o.figure = tg.figure
           AND o.occurrence = tg.occurrence))
)
SELECT
    document_id, target_kind, table_id, indicator_no, target_no, metric_zh, metric_en, target_year,
    base_text, comparator, target_text, target_base, unit_base, unit_en,
    outcome_id, outcome_year, outcome_text, outcome_base,
    CASE
        WHEN outcome_id IS NULL OR outcome_value IS NULL THEN 'no data'
        WHEN NOT comparable OR outcome_unit_base IS DISTINCT FROM unit_base THEN 'not comparable'
        ELSE {verdict_sql("target_base", "outcome_base", "outcome_qualifier", "comparator")}
    END AS status,
    CASE WHEN comparable AND outcome_unit_base = unit_base THEN outcome_base - target_base END AS gap_base,
    CASE WHEN comparable AND outcome_unit_base = unit_base AND target_base <> 0
         THEN round(100 * (outcome_base - target_base) / abs(target_base), 2) END AS gap_percent,
    'derived: the verdict rule of target_outcomes (same rule as indicator_review_results)' AS status_basis,
    publisher, source_title, published_date, source_url, definition_note,
    coalesce(search_note, CASE WHEN outcome_id IS NULL
        THEN 'No outcome figure has been transcribed for this target yet (see raw/outcomes/RESEARCH_LOG.md).'
    END) AS search_note,
    line_start, line_end
FROM joined
ORDER BY document_id, target_kind, table_id, indicator_no, target_no
""",
    columns=(
        same_as("indicators", "document_id"),
        col(
            "target_kind",
            "目标类别",
            "Target kind",
            "indicator 指标表；prose 文中量化目标。",
            "indicator (a table) or prose.",
        ),
        col(
            "table_id",
            "指标表",
            "Indicator table",
            "指标表标识（文中目标为空）。",
            "The indicator table (prose: empty).",
        ),
        col(
            "indicator_no",
            "指标序号",
            "Indicator number",
            "指标序号（文中目标为空）。",
            "Indicator number (prose: empty).",
        ),
        col(
            "target_no",
            "目标序号",
            "Target number",
            "quantified_targets 中的序号（指标为空）。",
            "Number in quantified_targets.",
        ),
        col("metric_zh", "指标", "Metric (Chinese)", "指标或目标的名称。", "Name of the indicator or target."),
        col("metric_en", "指标（英文）", "Metric (English)", "名称的英文。", "Its English name."),
        col("target_year", "目标年份", "Target year", "目标应达到的年份。", "The year the target is due."),
        col(
            "base_text",
            "基期（原文）",
            "Base (as printed)",
            "基期单元格原文（文中目标为空）。",
            "The base cell as printed.",
        ),
        col(
            "comparator", "比较符", "Comparator", ">=、>、<=、<、=（见判定规则）。", ">=, >, <=, < or = (see the rule)."
        ),
        col("target_text", "目标（原文）", "Target (as printed)", "目标原文数值。", "The target as printed."),
        col(
            "target_base",
            "目标（基本单位）",
            "Target in base units",
            "换算为基本单位的目标。",
            "The target in base units.",
        ),
        col("unit_base", "基本单位", "Base unit", "比较所用的基本单位。", "The base unit of the comparison."),
        col("unit_en", "单位（英文）", "Unit (English)", "目标的印刷单位。", "The target's printed unit."),
        same_as("outcome_figures", "outcome_id"),
        col("outcome_year", "结果年份", "Outcome year", "结果数据所指年份。", "The year the outcome refers to."),
        col(
            "outcome_text",
            "结果（原文）",
            "Outcome (as printed)",
            "来源照录的数值。",
            "The outcome as the source prints it.",
        ),
        col(
            "outcome_base",
            "结果（基本单位）",
            "Outcome in base units",
            "换算为基本单位的结果。",
            "The outcome in base units.",
        ),
        col(
            "status",
            "状态",
            "Status",
            "met、missed、not comparable 或 no data。",
            "met, missed, not comparable or no data.",
        ),
        col(
            "gap_base",
            "差距（基本单位）",
            "Gap in base units",
            "结果减目标（可比时）。",
            "Outcome minus target, when comparable.",
        ),
        col("gap_percent", "差距（%）", "Gap (%)", "差距占目标的百分比。", "The gap as a percentage of the target."),
        col(
            "status_basis",
            "判定依据",
            "Basis of the status",
            "说明状态为本项目依规则得出。",
            "Says the status is derived, and by which rule.",
        ),
        same_as("outcome_figures", "publisher"),
        col("source_title", "来源标题", "Source title", "结果数据来源的标题。", "Title of the outcome's source."),
        same_as("outcome_figures", "published_date"),
        col("source_url", "来源网址", "Source URL", "结果数据来源的网址。", "Address of the outcome's source."),
        same_as("outcome_figures", "definition_note"),
        same_as("outcome_figures", "search_note"),
        col("line_start", "起始行", "First line", "目标在原文中的起始行。", "First source line of the target."),
        col("line_end", "结束行", "Last line", "目标在原文中的结束行。", "Last source line of the target."),
    ),
)


# ---------------------------------------------------------------------------------------------
# (h) plan_text

PLAN_TEXT = ViewSpec(
    name="plan_text",
    title_zh="规划全文检索",
    title_en="The plan's text, for searching",
    description_zh="每个文本单元一行：规划的每个段落（含专栏、优先行动与政策措施各段）与附件每项重点任务，附来源表与键、"
    "所在章与节（编号、中英文标题）、所在专栏或优先行动、中英文全文与原文行号。一次查询即可检索全文。",
    description_en="One row per text unit: every paragraph of the plan (box, priority-action and policy-measure text "
    "included) and every annex task, with its source table and key, its chapter and section (number, titles in "
    "Chinese and English), the box or priority action it belongs to, its full text in Chinese and English and "
    "its source lines. One query searches the whole plan.",
    sql="""
WITH actions AS (
    SELECT document_id, section_id, action_no, title_zh, title_en FROM priority_actions
)
SELECT
    p.document_id,
    'paragraphs' AS source_table,
    p.paragraph_id AS source_key,
    ch.number_zh AS chapter_number_zh,
    ch.title_zh AS chapter_title_zh,
    ch.title_en AS chapter_title_en,
    CASE WHEN s.level = 2 THEN s.number_zh END AS section_number_zh,
    CASE WHEN s.level = 2 THEN s.title_zh END AS section_title_zh,
    CASE WHEN s.level = 2 THEN s.title_en END AS section_title_en,
    p.project_no,
    b.title_zh AS project_title_zh,
    b.title_en AS project_title_en,
    a.action_no,
    a.title_zh AS action_title_zh,
    a.title_en AS action_title_en,
    p.heading_zh,
    p.heading_en,
    p.text_zh,
    p.text_en,
    p.line_start,
    p.line_end
FROM paragraphs AS p
JOIN outline AS s ON s.document_id = p.document_id AND s.section_id = p.section_id
JOIN outline AS ch ON ch.document_id = s.document_id AND ch.section_id = coalesce(s.parent_section_id, s.section_id)
LEFT JOIN major_projects AS b ON b.document_id = p.document_id AND b.project_no = p.project_no
LEFT JOIN actions AS a ON a.document_id = p.document_id AND a.section_id = p.section_id
UNION ALL
SELECT
    t.document_id,
    'annex_tasks',
    CAST(t.task_no AS VARCHAR),
    ch.number_zh,
    ch.title_zh,
    ch.title_en,
    NULL, NULL, NULL,
    NULL, NULL, NULL,
    NULL, NULL, NULL,
    NULL, NULL,
    t.task_zh,
    t.task_en,
    t.line_start,
    t.line_end
FROM annex_tasks AS t
JOIN outline AS ch ON ch.document_id = t.document_id AND ch.section_id = 'annex'
ORDER BY document_id, line_start
""",
    columns=(
        same_as("paragraphs", "document_id"),
        col(
            "source_table",
            "来源表",
            "Source table",
            "该文本所在的表（paragraphs 或 annex_tasks）。",
            "The table it comes from.",
        ),
        col(
            "source_key",
            "来源键",
            "Source key",
            "在来源表中的键（段落标识或任务序号）。",
            "Its key in that table (paragraph id or task number).",
        ),
        col("chapter_number_zh", "章编号", "Chapter number", "所在章的编号（如 四、附件）。", "The chapter's number."),
        col("chapter_title_zh", "章标题", "Chapter title (Chinese)", "所在章的标题。", "The chapter's title."),
        col(
            "chapter_title_en",
            "章标题（英文）",
            "Chapter title (English)",
            "章标题的英文。",
            "The chapter's title in English.",
        ),
        col(
            "section_number_zh",
            "节编号",
            "Section number",
            "所在节的编号（如 （三））；章下直属为空。",
            "The section's number.",
        ),
        col("section_title_zh", "节标题", "Section title (Chinese)", "所在节的标题。", "The section's title."),
        col(
            "section_title_en",
            "节标题（英文）",
            "Section title (English)",
            "节标题的英文。",
            "The section's title in English.",
        ),
        same_as("paragraphs", "project_no"),
        same_as("major_projects", "title_zh", "project_title_zh"),
        same_as("major_projects", "title_en", "project_title_en"),
        col(
            "action_no", "优先行动编号", "Priority action", "所在优先行动的编号。", "The priority action it belongs to."
        ),
        same_as("priority_actions", "title_zh", "action_title_zh"),
        same_as("priority_actions", "title_en", "action_title_en"),
        same_as("paragraphs", "heading_zh"),
        same_as("paragraphs", "heading_en"),
        col("text_zh", "正文", "Text", "全文（中文）。", "The full text in Chinese."),
        col("text_en", "正文（英文）", "Text (English)", "全文的英文译文。", "The reviewed English of the full text."),
        same_as("paragraphs", "line_start"),
        same_as("paragraphs", "line_end"),
    ),
)


VIEWS: list[ViewSpec] = [
    INDICATOR_TARGETS,
    INDICATOR_REVIEW_RESULTS,
    DEPARTMENT_WORKLOAD,
    ACTION_MILESTONES_BY_YEAR,
    PROJECT_OVERVIEW,
    TASK_RESPONSIBILITY_TODAY,
    TARGET_OUTCOMES,
    PLAN_TEXT,
]
