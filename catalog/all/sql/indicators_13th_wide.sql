-- indicators_13th_wide: “十三五”信息化发展主要指标（宽表） / 13th-FYP informatization targets (wide)
-- 每个“十三五”指标一行：类别、名称、单位、2015年基期、2020年目标、年均增速（原文与数值）、限定符、基本单位数值，以及基期—目标—增速自洽性核对（indicator_consistency 的 implied_growth）的结果。
-- One row per 13th-FYP indicator: category, name, unit, 2015 base, 2020 target and growth (as printed and as numbers), their qualifiers, the values in base units, and the result of the consistency audit of base, target and growth (indicator_consistency, check implied_growth).
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "indicators_13th_wide" AS
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
LEFT JOIN indicator_values AS b
    ON b.document_id = i.document_id AND b.table_id = i.table_id
   AND b.indicator_no = i.indicator_no AND b.measure = 'base_2015'
LEFT JOIN indicator_values AS t
    ON t.document_id = i.document_id AND t.table_id = i.table_id
   AND t.indicator_no = i.indicator_no AND t.measure = 'target_2020'
LEFT JOIN indicator_values AS g
    ON g.document_id = i.document_id AND g.table_id = i.table_id
   AND g.indicator_no = i.indicator_no AND g.measure = 'target_growth'
LEFT JOIN indicator_consistency AS c
    ON c.document_id = i.document_id AND c.table_id = i.table_id
   AND c.indicator_no = i.indicator_no AND c.check_id = 'implied_growth'
WHERE i.table_id = 'targets_13th'
ORDER BY i.document_id, i.indicator_no;
