-- plan_text: every text unit of every plan, for searching (documentation: plan_text.yaml).
CREATE OR REPLACE VIEW plan_text AS
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
ORDER BY document_id, line_start;
