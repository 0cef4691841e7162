-- The rules the views share, each stated once as a DuckDB macro (documentation: rules.yaml).
-- Run this file before any view's file when recreating the views over the Parquet or CSV files.

-- Which way an indicator improves: a chip process node (纳米) is better when smaller.
CREATE OR REPLACE MACRO plans_direction(unit_zh) AS
    CASE WHEN unit_zh IN ('纳米') THEN 'lower_is_better' ELSE 'higher_is_better' END;

-- The comparator of a table target: the printed qualifier (> or <), else the indicator's direction.
CREATE OR REPLACE MACRO plans_table_comparator(qualifier, unit_zh) AS
    CASE
        WHEN qualifier IN ('>', '<') THEN qualifier
        WHEN plans_direction(unit_zh) = 'lower_is_better' THEN '<='
        ELSE '>='
    END;

-- An alternative target (32/28) is reached when any of its figures is: the least demanding one counts.
CREATE OR REPLACE MACRO plans_threshold(target, target_alt, comparator) AS
    CASE
        WHEN target_alt IS NULL THEN target
        WHEN comparator IN ('<', '<=') THEN greatest(target, target_alt)
        ELSE least(target, target_alt)
    END;

-- met / missed / not comparable: an outcome against a target with its comparator (>=, >, =, <=, <).
-- = is a figure to reach (a minimum); > and < are met only beyond the bound, >= and <= also at it. An outcome
-- printed with a qualifier (超过 → >) is judged only where its bound settles the question.
CREATE OR REPLACE MACRO plans_verdict(outcome, outcome_qualifier, comparator, target) AS
    CASE
        WHEN target IS NULL OR outcome IS NULL THEN 'not comparable'
        WHEN comparator IN ('>=', '=') AND outcome >= target AND outcome_qualifier IS DISTINCT FROM '<' THEN 'met'
        WHEN comparator IN ('>=', '=') AND outcome <= target AND outcome_qualifier IS DISTINCT FROM '>' THEN 'missed'
        WHEN comparator = '>' AND (outcome > target OR (outcome = target AND outcome_qualifier = '>'))
             AND outcome_qualifier IS DISTINCT FROM '<' THEN 'met'
        WHEN comparator = '>' AND outcome <= target AND outcome_qualifier IS DISTINCT FROM '>' THEN 'missed'
        WHEN comparator = '<=' AND outcome <= target AND outcome_qualifier IS DISTINCT FROM '>' THEN 'met'
        WHEN comparator = '<=' AND outcome >= target AND outcome_qualifier IS DISTINCT FROM '<' THEN 'missed'
        WHEN comparator = '<' AND (outcome < target OR (outcome = target AND outcome_qualifier = '<'))
             AND outcome_qualifier IS DISTINCT FROM '>' THEN 'met'
        WHEN comparator = '<' AND outcome >= target AND outcome_qualifier IS DISTINCT FROM '<' THEN 'missed'
        ELSE 'not comparable'
    END;

-- The unit a difference of two figures is in: percentage points for a percent, the figure's own unit otherwise.
CREATE OR REPLACE MACRO plans_gap_unit(unit_en) AS
    CASE WHEN unit_en IN ('percent', '%') THEN 'percentage points' ELSE unit_en END;
