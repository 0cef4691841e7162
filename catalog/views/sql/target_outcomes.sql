-- target_outcomes: was it achieved? One row per target (documentation: target_outcomes.yaml).
CREATE OR REPLACE VIEW target_outcomes AS
WITH targets AS (
    -- the targets of every indicator table whose role is targets: its base and target measures
    SELECT
        i.document_id,
        'indicator' AS target_kind,
        i.table_id,
        i.indicator_no,
        CAST(NULL AS BIGINT) AS target_no,
        i.name_zh AS metric_zh,
        i.name_en AS metric_en,
        tv.measure_year AS target_year,
        b.raw_text AS base_text,
        tv.raw_text AS target_text,
        plans_table_comparator(tv.qualifier, i.unit_zh) AS comparator,
        tv.value_base AS target_base,
        tv.value_unit_en AS unit_base,
        i.unit_en,
        i.unit_multiplier,
        CAST(NULL AS VARCHAR) AS paragraph_key,
        CAST(NULL AS VARCHAR) AS figure,
        CAST(NULL AS BIGINT) AS occurrence,
        i.line_start,
        i.line_end
    FROM indicators AS i
    LEFT JOIN indicator_values AS tv
        ON tv.document_id = i.document_id AND tv.table_id = i.table_id
        AND tv.indicator_no = i.indicator_no AND tv.measure_kind = 'target'
    LEFT JOIN indicator_values AS b
        ON b.document_id = i.document_id AND b.table_id = i.table_id
        AND b.indicator_no = i.indicator_no AND b.measure_kind = 'base'
    WHERE i.table_role = 'targets'
    UNION ALL
    -- a prose target that restates a table indicator is judged once, as that indicator
    SELECT
        q.document_id,
        'prose',
        NULL,
        NULL,
        q.target_no,
        q.metric_zh,
        q.metric_en,
        q.year,
        NULL,
        q.figure_zh,
        q.comparator,
        q.value_base,
        q.unit_base,
        q.unit_en,
        q.value_base / q.value,
        q.paragraph_key,
        q.figure_zh,
        q.occurrence,
        q.line_start,
        q.line_end
    FROM quantified_targets AS q
    WHERE q.table_id IS NULL AND q.review_status = 'reviewed'  -- a pending candidate is in no verdict
),
others AS (
    -- the other figures cited for a target: second sources, other definitions, conflicting counts
    SELECT
        document_id,
        table_id,
        indicator_no,
        paragraph_key,
        figure,
        occurrence,
        string_agg(
            outcome_id || ': ' || coalesce(figure_as_printed, '—') || ' (' || coalesce(source_kind, 'no source')
            || CASE WHEN comparable THEN '' ELSE ', not comparable' END || ')',
            '; ' ORDER BY outcome_id
        ) AS other_figures
    FROM outcome_figures
    WHERE NOT is_primary AND figure_as_printed IS NOT NULL
    GROUP BY ALL
),
joined AS (
    SELECT
        tg.*,
        o.outcome_id,
        o.year AS outcome_year,
        o.figure_as_printed AS outcome_text,
        o.value AS outcome_value,
        o.value_base AS outcome_base,
        o.unit_base AS outcome_unit_base,
        o.qualifier AS outcome_qualifier,
        o.comparable,
        o.reference_date AS outcome_reference_date,
        o.source_kind,
        o.publisher,
        o.title AS source_title,
        o.edition AS source_edition,
        o.published_date,
        o.url AS source_url,
        o.read_via,
        o.definition_note,
        o.search_note,
        o.comparable AND o.unit_base = tg.unit_base AS judged,
        x.other_figures
    FROM targets AS tg
    LEFT JOIN outcome_figures AS o
        ON o.is_primary AND o.document_id = tg.document_id
        AND (
            (tg.target_kind = 'indicator' AND o.table_id = tg.table_id AND o.indicator_no = tg.indicator_no)
            OR (
                tg.target_kind = 'prose' AND o.paragraph_key = tg.paragraph_key AND o.figure = tg.figure
                AND o.occurrence = tg.occurrence
            )
        )
    LEFT JOIN others AS x
        ON x.document_id = tg.document_id
        AND x.table_id IS NOT DISTINCT FROM tg.table_id AND x.indicator_no IS NOT DISTINCT FROM tg.indicator_no
        AND x.paragraph_key IS NOT DISTINCT FROM tg.paragraph_key AND x.figure IS NOT DISTINCT FROM tg.figure
        AND x.occurrence IS NOT DISTINCT FROM tg.occurrence
)
SELECT
    document_id,
    target_kind,
    table_id,
    indicator_no,
    target_no,
    metric_zh,
    metric_en,
    target_year,
    base_text,
    comparator,
    target_text,
    target_base,
    unit_base,
    unit_en,
    outcome_id,
    outcome_year,
    outcome_reference_date,
    outcome_text,
    outcome_base,
    CASE
        WHEN outcome_id IS NULL OR outcome_value IS NULL THEN 'no data'
        WHEN NOT judged THEN 'not comparable'
        ELSE plans_verdict(outcome_base, outcome_qualifier, comparator, target_base)
    END AS status,
    CASE WHEN judged THEN (outcome_base - target_base) / unit_multiplier END AS gap,
    CASE WHEN judged THEN plans_gap_unit(unit_en) END AS gap_unit_en,
    CASE WHEN judged AND target_base <> 0 THEN round(100 * (outcome_base - target_base) / abs(target_base), 2) END
        AS gap_relative_percent,
    'derived: the verdict rule of target_outcomes (same rule as indicator_review_results)' AS status_basis,
    source_kind,
    publisher,
    source_title,
    source_edition,
    published_date,
    source_url,
    read_via,
    definition_note,
    other_figures,
    coalesce(
        search_note,
        CASE WHEN outcome_id IS NULL THEN
            'No outcome figure has been transcribed for this target yet (see raw/outcomes/RESEARCH_LOG.md).'
        END
    ) AS search_note,
    line_start,
    line_end
FROM joined
ORDER BY document_id, target_kind, table_id, indicator_no, target_no;
