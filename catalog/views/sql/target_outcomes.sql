-- target_outcomes: 目标完成情况（“是否实现？”） / Targets against outcomes (was it achieved?)
-- 每个目标一行：基期、目标与比较符、实际结果（带来源）、状态 met / missed / not comparable / no data 与差距。判定（项目依下述规则得出，非规划原文）：每个目标（主要指标表中的指标，以及未重述指标表的文中量化目标）取标为 primary 的结果数据。无结果数据为 no data；来源口径与规划不同（comparable 为假）或单位不能换算为目标的基本单位时为 not comparable；否则按与 indicator_review_results 相同的规则在基本单位下比较：>=、>、= 为下限（= 指原文未写比较词的应达到数，如 建成35颗），<=、< 为上限；印刷值已四舍五入，等于界限视为完成；结果带“超过”（>）时只在其界限足以判定时给出结论。指标表中无限定符的目标按指标方向比较。
-- One row per target: base, target with its comparator, the outcome with its source, the status met / missed / not comparable / no data, and the gap. Verdict (the project's judgement by the rule below, not printed in the plan): each target (an indicator of the targets table, or a prose target that restates no table indicator) takes its outcome row marked primary. No outcome row: no data. A source that measures something else (comparable false) or a unit that does not convert to the target's base unit: not comparable. Otherwise the figures are compared in base units by the same rule as indicator_review_results: >=, > and = are minimums (= is a figure to reach printed without a comparator word, such as 35 satellites), <= and < are maximums; printed figures are rounded, so reaching the bound counts as met; an outcome printed as 'more than' (>) is judged only where its bound settles it. A table target without a qualifier is compared in the indicator's direction.
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "target_outcomes" AS
WITH targets AS (
    SELECT i.document_id, 'indicator' AS target_kind, i.table_id, i.indicator_no, CAST(NULL AS BIGINT) AS target_no,
           i.name_zh AS metric_zh, i.name_en AS metric_en, tv.measure_year AS target_year,
           b.raw_text AS base_text, tv.raw_text AS target_text,
           CASE WHEN tv.qualifier = '>' THEN '>' WHEN tv.qualifier = '<' THEN '<'
                WHEN CASE WHEN i.unit_zh IN ('纳米') THEN 'lower_is_better' ELSE 'higher_is_better' END = 'lower_is_better' THEN '<=' ELSE '>=' END AS comparator,
           tv.value_base AS target_base, tv.value_unit_en AS unit_base, i.unit_en,
           CAST(NULL AS VARCHAR) AS paragraph_key, CAST(NULL AS VARCHAR) AS figure, CAST(NULL AS BIGINT) AS occurrence,
           i.line_start, i.line_end
    FROM indicators AS i
    LEFT JOIN indicator_values AS tv
    ON tv.document_id = i.document_id AND tv.table_id = i.table_id
   AND tv.indicator_no = i.indicator_no AND tv.measure_kind = 'target'
    LEFT JOIN indicator_values AS b
    ON b.document_id = i.document_id AND b.table_id = i.table_id
   AND b.indicator_no = i.indicator_no AND b.measure_kind = 'base'
    WHERE i.table_role = 'targets'
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
        ELSE replace(CASE
        WHEN target_base IS NULL OR outcome_base IS NULL THEN 'not_comparable'
        WHEN CASE WHEN comparator IN ('<', '<=') THEN 'at_most' ELSE 'at_least' END = 'at_least' AND outcome_base >= target_base AND outcome_qualifier IS DISTINCT FROM '<' THEN 'met'
        WHEN CASE WHEN comparator IN ('<', '<=') THEN 'at_most' ELSE 'at_least' END = 'at_least' AND outcome_base <= target_base AND outcome_qualifier IS DISTINCT FROM '>' THEN 'missed'
        WHEN CASE WHEN comparator IN ('<', '<=') THEN 'at_most' ELSE 'at_least' END = 'at_most' AND outcome_base <= target_base AND outcome_qualifier IS DISTINCT FROM '>' THEN 'met'
        WHEN CASE WHEN comparator IN ('<', '<=') THEN 'at_most' ELSE 'at_least' END = 'at_most' AND outcome_base >= target_base AND outcome_qualifier IS DISTINCT FROM '<' THEN 'missed'
        ELSE 'not_comparable'
    END, '_', ' ')
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
ORDER BY document_id, target_kind, table_id, indicator_no, target_no;
