-- indicator_review_results: one row per indicator of a review table (documentation: indicator_review_results.yaml).
CREATE OR REPLACE VIEW indicator_review_results AS
WITH cells AS (
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
        plans_direction(i.unit_zh) AS direction,
        t.measure_year AS target_year,
        t.raw_text AS target_text,
        t.value AS target,
        t.value_alt AS target_alt,
        plans_table_comparator(t.qualifier, i.unit_zh) AS comparator,
        a.raw_text AS actual_text,
        a.value AS actual,
        a.qualifier AS actual_qualifier,
        tg.raw_text AS target_growth_text,
        tg.value AS target_growth,
        plans_threshold(tg.value, tg.value_alt, plans_table_comparator(tg.qualifier, i.unit_zh)) AS growth_threshold,
        plans_table_comparator(tg.qualifier, i.unit_zh) AS growth_comparator,
        tg.is_cumulative_pp AS target_growth_is_cumulative_pp,
        ag.raw_text AS actual_growth_text,
        ag.value AS actual_growth,
        ag.qualifier AS actual_growth_qualifier,
        ag.is_cumulative_pp AS actual_growth_is_cumulative_pp,
        i.line_start,
        i.line_end
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
)
SELECT
    document_id,
    table_id,
    indicator_no,
    category_zh,
    category_en,
    name_zh,
    name_en,
    unit_zh,
    unit_en,
    direction,
    target_year,
    target_text,
    target,
    target_alt,
    comparator,
    actual_text,
    actual,
    plans_threshold(target, target_alt, comparator) AS target_threshold,
    actual - plans_threshold(target, target_alt, comparator) AS gap,
    plans_gap_unit(unit_en) AS gap_unit_en,
    plans_verdict(actual, actual_qualifier, comparator, plans_threshold(target, target_alt, comparator)) AS status,
    'derived: the rule in this view''s comment (the same rule as target_outcomes)' AS status_basis,
    target_growth_text,
    target_growth,
    actual_growth_text,
    actual_growth,
    target_growth_is_cumulative_pp AS growth_is_cumulative_pp,
    CASE
        WHEN target_growth_is_cumulative_pp IS DISTINCT FROM actual_growth_is_cumulative_pp THEN 'not comparable'
        ELSE plans_verdict(actual_growth, actual_growth_qualifier, growth_comparator, growth_threshold)
    END AS growth_status,
    line_start,
    line_end
FROM cells
ORDER BY document_id, table_id, indicator_no;
