-- indicator_review_results: 上期目标完成情况 / Last period's targets against results
-- 每个回顾表（角色 review）中的指标一行：期末规划目标与实现情况、年均增长目标与实际，以及完成状态 met（完成）/missed（未完成）/not_comparable（不可比）。判定规则：指标方向默认“越高越好”，单位为“纳米”（集成电路芯片工艺）者“越低越好”。目标带 > 为下限，实际值不低于该数值即为完成（印刷值已四舍五入，等于下限视为完成）；带 < 为上限；无限定符时按方向比较（越高越好：实际 ≥ 目标；越低越好：实际 ≤ 目标）。32/28 这类并列目标达到其中任一数值即为完成（越低越好取较大者，越高越好取较小者），故 28 纳米对 32/28 目标为完成。任一单元格为 — 时为 not_comparable；增速比较中，年均增长率与〔〕累计百分点不可比。实际值带限定符时只在其界限足以判定时给出结论。
-- One row per indicator of a review table: the target for the period's last year against the result and the growth target against the growth achieved, each with a status met / missed / not_comparable. Rule: an indicator is higher-is-better unless its unit is 纳米 (the chip process node, where smaller is better). A target printed with > is a minimum: met when the actual figure is at least that number (the printed figures are rounded, so equal counts as met); with < it is a maximum; an exact target is compared in the indicator's direction (higher-is-better: actual >= target; lower-is-better: actual <= target). An alternative target such as 32/28 is met when any of its figures is reached (the larger one for lower-is-better, the smaller for higher-is-better), so 28 nm against 32/28 is met. A — cell gives not_comparable, and for growth an annual rate is not compared with a 〔〕 five-year change in percentage points. An actual figure with a qualifier is judged only where its bound settles the question.
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "indicator_review_results" AS
WITH cells AS (
    SELECT
        i.document_id, i.table_id, i.indicator_no, i.category_zh, i.category_en, i.name_zh, i.name_en, i.unit_zh,
        i.unit_en, CASE WHEN i.unit_zh IN ('纳米') THEN 'lower_is_better' ELSE 'higher_is_better' END AS direction, t.measure_year AS target_year,
        t.raw_text AS target_text, t.value AS target, t.value_alt AS target_alt,
        t.qualifier AS target_qualifier,
        a.raw_text AS actual_text, a.value AS actual, a.qualifier AS actual_qualifier,
        tg.raw_text AS target_growth_text, tg.value AS target_growth, tg.value_alt AS target_growth_alt,
        tg.qualifier AS target_growth_qualifier, tg.is_cumulative_pp AS target_growth_is_cumulative_pp,
        ag.raw_text AS actual_growth_text, ag.value AS actual_growth, ag.qualifier AS actual_growth_qualifier,
        ag.is_cumulative_pp AS actual_growth_is_cumulative_pp,
        i.line_start, i.line_end
    FROM indicators AS i
    LEFT JOIN indicator_values AS t
    ON t.document_id = i.document_id AND t.table_id = i.table_id
   AND t.indicator_no = i.indicator_no AND t.measure_kind = 'target'
    LEFT JOIN indicator_values AS a
    ON a.document_id = i.document_id AND a.table_id = i.table_id
   AND a.indicator_no = i.indicator_no AND a.measure_kind = 'actual'
    LEFT JOIN indicator_values AS tg
    ON tg.document_id = i.document_id AND tg.table_id = i.table_id
   AND tg.indicator_no = i.indicator_no AND tg.measure_kind = 'target_growth'
    LEFT JOIN indicator_values AS ag
    ON ag.document_id = i.document_id AND ag.table_id = i.table_id
   AND ag.indicator_no = i.indicator_no AND ag.measure_kind = 'actual_growth'
    WHERE i.table_role = 'review'
), requirements AS (
    SELECT *,
        CASE WHEN target_qualifier = '>' THEN 'at_least' WHEN target_qualifier = '<' THEN 'at_most'
         WHEN direction = 'lower_is_better' THEN 'at_most' ELSE 'at_least' END AS requirement,
        CASE WHEN target_growth_qualifier = '>' THEN 'at_least' WHEN target_growth_qualifier = '<' THEN 'at_most'
         WHEN direction = 'lower_is_better' THEN 'at_most' ELSE 'at_least' END AS growth_requirement
    FROM cells
), thresholds AS (
    SELECT *,
        CASE WHEN target_alt IS NULL THEN target
         WHEN requirement = 'at_most' THEN greatest(target, target_alt)
         ELSE least(target, target_alt) END AS target_threshold,
        CASE WHEN target_growth_alt IS NULL THEN target_growth
         WHEN growth_requirement = 'at_most' THEN greatest(target_growth, target_growth_alt)
         ELSE least(target_growth, target_growth_alt) END AS growth_threshold
    FROM requirements
)
SELECT
    document_id, table_id, indicator_no, category_zh, category_en, name_zh, name_en, unit_zh, unit_en, direction,
    target_year, target_text, target, target_alt, target_qualifier,
    actual_text, actual,
    requirement, target_threshold,
    actual - target_threshold AS gap,
    CASE
        WHEN target_threshold IS NULL OR actual IS NULL THEN 'not_comparable'
        WHEN requirement = 'at_least' AND actual >= target_threshold AND actual_qualifier IS DISTINCT FROM '<' THEN 'met'
        WHEN requirement = 'at_least' AND actual <= target_threshold AND actual_qualifier IS DISTINCT FROM '>' THEN 'missed'
        WHEN requirement = 'at_most' AND actual <= target_threshold AND actual_qualifier IS DISTINCT FROM '>' THEN 'met'
        WHEN requirement = 'at_most' AND actual >= target_threshold AND actual_qualifier IS DISTINCT FROM '<' THEN 'missed'
        ELSE 'not_comparable'
    END AS status,
    'derived: the rule in this view''s comment (the same rule as target_outcomes)' AS status_basis,
    target_growth_text, target_growth, actual_growth_text, actual_growth,
    target_growth_is_cumulative_pp AS growth_is_cumulative_pp,
    CASE WHEN target_growth_is_cumulative_pp IS DISTINCT FROM actual_growth_is_cumulative_pp THEN 'not_comparable'
         ELSE CASE
        WHEN growth_threshold IS NULL OR actual_growth IS NULL THEN 'not_comparable'
        WHEN growth_requirement = 'at_least' AND actual_growth >= growth_threshold AND actual_growth_qualifier IS DISTINCT FROM '<' THEN 'met'
        WHEN growth_requirement = 'at_least' AND actual_growth <= growth_threshold AND actual_growth_qualifier IS DISTINCT FROM '>' THEN 'missed'
        WHEN growth_requirement = 'at_most' AND actual_growth <= growth_threshold AND actual_growth_qualifier IS DISTINCT FROM '>' THEN 'met'
        WHEN growth_requirement = 'at_most' AND actual_growth >= growth_threshold AND actual_growth_qualifier IS DISTINCT FROM '<' THEN 'missed'
        ELSE 'not_comparable'
    END
    END AS growth_status,
    line_start, line_end
FROM thresholds
ORDER BY document_id, table_id, indicator_no;
