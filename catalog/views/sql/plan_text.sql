-- plan_text: 规划全文检索 / The plan's text, for searching
-- 每个文本单元一行：规划的每个段落（含专栏、优先行动与政策措施各段）与附件每项重点任务，附来源表与键、所在章与节（编号、中英文标题）、所在专栏或优先行动、中英文全文与原文行号。一次查询即可检索全文。
-- One row per text unit: every paragraph of the plan (box, priority-action and policy-measure text included) and every annex task, with its source table and key, its chapter and section (number, titles in Chinese and English), the box or priority action it belongs to, its full text in Chinese and English and its source lines. One query searches the whole plan.
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "plan_text" AS
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
