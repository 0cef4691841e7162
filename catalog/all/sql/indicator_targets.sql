-- indicator_targets: one row per indicator of a targets table (documentation: indicator_targets.yaml).
CREATE OR REPLACE VIEW indicator_targets AS
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
    b.measure_year AS base_year,
    b.raw_text AS base_text,
    b.value AS base,
    b.qualifier AS base_qualifier,
    t.measure_year AS target_year,
    t.raw_text AS target_text,
    t.value AS target,
    t.qualifier AS target_qualifier,
    t.is_cumulative_pp AS target_is_cumulative_pp,
    g.raw_text AS growth_text,
    g.value AS growth,
    g.qualifier AS growth_qualifier,
    g.is_cumulative_pp AS growth_is_cumulative_pp,
    g.value_unit_en AS growth_unit_en,
    b.value_base AS base_value_base,
    t.value_base AS target_value_base,
    i.base_unit_en,
    CASE WHEN c.agrees THEN 'agrees' WHEN NOT c.agrees THEN 'disagrees' ELSE 'not comparable' END AS consistency,
    c.implied_value AS implied_growth,
    c.implied_min AS implied_growth_min,
    c.implied_max AS implied_growth_max,
    c.explanation_en AS consistency_explanation_en,
    i.line_start,
    i.line_end
FROM indicators AS i
LEFT JOIN indicator_values AS b
    ON b.document_id = i.document_id AND b.table_id = i.table_id
    AND b.indicator_no = i.indicator_no AND b.measure_kind = 'base'
LEFT JOIN indicator_values AS t
    ON t.document_id = i.document_id AND t.table_id = i.table_id
    AND t.indicator_no = i.indicator_no AND t.measure_kind = 'target'
LEFT JOIN indicator_values AS g
    ON g.document_id = i.document_id AND g.table_id = i.table_id
    AND g.indicator_no = i.indicator_no AND g.measure_kind = 'target_growth'
LEFT JOIN indicator_consistency AS c
    ON c.document_id = i.document_id AND c.table_id = i.table_id
    AND c.indicator_no = i.indicator_no AND c.check_id = 'implied_growth'
WHERE i.table_role = 'targets'
ORDER BY i.document_id, i.table_id, i.indicator_no;
