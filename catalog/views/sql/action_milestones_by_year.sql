-- action_milestones_by_year: 优先行动分年度目标 / Priority-action milestones by year
-- 优先行动的每个分年度目标一行（“到YYYY年，……”），附行动名称，以及附件中实施该行动的任务的牵头单位；按年份、行动排列。
-- One row per dated milestone of a priority action (到YYYY年，…), with the action's title and the lead departments of the annex tasks that implement the action; ordered by year, then action.
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "action_milestones_by_year" AS
WITH action_leads AS (
    SELECT document_id, action_no,
           list(department_id ORDER BY task_no, ordinal) AS lead_department_ids,
           string_agg(name_zh, '、' ORDER BY task_no, ordinal) AS lead_departments_zh,
           string_agg(name_en, '; ' ORDER BY task_no, ordinal) AS lead_departments_en,
           bool_or(role = 'responsible') AS leads_fallback
    FROM (
        SELECT link.document_id, link.action_no, link.task_no, td.ordinal, td.role, d.department_id, d.name_zh, d.name_en
        FROM annex_task_actions AS link
        JOIN annex_tasks AS a ON a.document_id = link.document_id AND a.task_no = link.task_no
        JOIN task_departments AS td
          ON td.document_id = link.document_id AND td.task_no = link.task_no
         AND (td.role = 'lead' OR NOT a.has_lead)
        JOIN departments AS d ON d.department_id = td.department_id
        QUALIFY row_number() OVER (PARTITION BY link.document_id, link.action_no, d.department_id
                                   ORDER BY link.task_no, td.ordinal) = 1
    ) AS leads
    GROUP BY document_id, action_no
)
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
ORDER BY m.document_id, m.year, m.action_no;
