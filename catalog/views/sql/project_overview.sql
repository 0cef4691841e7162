-- project_overview: 重大工程一览 / Major projects overview
-- 每个专栏（重大工程）一行：所在章节、内容条数与各条标题、附件中实施该工程的重点任务（annex_task_projects）及其牵头单位。
-- One row per box (major project): the section it stands in, how many components it has and their headings, and the annex tasks that implement it (annex_task_projects) with their lead departments.
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "project_overview" AS
WITH components AS (
    SELECT document_id, project_no,
           count(*) AS component_count,
           string_agg(coalesce(heading_zh, '（无标题）'), '；' ORDER BY component_no) AS component_headings_zh,
           string_agg(coalesce(heading_en, '(no heading)'), '; ' ORDER BY component_no) AS component_headings_en
    FROM project_components
    GROUP BY document_id, project_no
), task_leads AS (
    SELECT td.document_id, td.task_no,
           string_agg(d.name_zh, '、' ORDER BY td.ordinal) AS leads_zh
    FROM task_departments AS td
    JOIN departments AS d ON d.department_id = td.department_id
    WHERE td.role = 'lead'
    GROUP BY td.document_id, td.task_no
), tasks AS (
    SELECT atp.document_id, atp.project_no,
           count(*) AS implementing_task_count,
           list(atp.task_no ORDER BY atp.task_no) AS implementing_task_nos,
           string_agg('任务' || atp.task_no || coalesce('（' || tl.leads_zh || '牵头）', ''), '；' ORDER BY atp.task_no)
               AS implementing_tasks_zh
    FROM annex_task_projects AS atp
    LEFT JOIN task_leads AS tl ON tl.document_id = atp.document_id AND tl.task_no = atp.task_no
    GROUP BY atp.document_id, atp.project_no
), box_leads AS (
    SELECT document_id, project_no,
           list(department_id ORDER BY task_no, ordinal) AS lead_department_ids,
           string_agg(name_zh, '、' ORDER BY task_no, ordinal) AS lead_departments_zh,
           string_agg(name_en, '; ' ORDER BY task_no, ordinal) AS lead_departments_en,
           bool_or(role = 'responsible') AS leads_fallback
    FROM (
        SELECT link.document_id, link.project_no, link.task_no, td.ordinal, td.role, d.department_id, d.name_zh, d.name_en
        FROM annex_task_projects AS link
        JOIN annex_tasks AS a ON a.document_id = link.document_id AND a.task_no = link.task_no
        JOIN task_departments AS td
          ON td.document_id = link.document_id AND td.task_no = link.task_no
         AND (td.role = 'lead' OR NOT a.has_lead)
        JOIN departments AS d ON d.department_id = td.department_id
        QUALIFY row_number() OVER (PARTITION BY link.document_id, link.project_no, d.department_id
                                   ORDER BY link.task_no, td.ordinal) = 1
    ) AS leads
    GROUP BY document_id, project_no
)
SELECT
    p.document_id,
    p.project_no,
    p.title_zh,
    p.title_en,
    p.section_id,
    s.title_zh AS section_title_zh,
    coalesce(c.component_count, 0) AS component_count,
    c.component_headings_zh,
    c.component_headings_en,
    coalesce(t.implementing_task_count, 0) AS implementing_task_count,
    t.implementing_task_nos,
    t.implementing_tasks_zh,
    b.lead_department_ids,
    b.lead_departments_zh,
    b.lead_departments_en,
    b.leads_fallback,
    p.line_start,
    p.line_end
FROM major_projects AS p
LEFT JOIN outline AS s ON s.document_id = p.document_id AND s.section_id = p.section_id
LEFT JOIN components AS c ON c.document_id = p.document_id AND c.project_no = p.project_no
LEFT JOIN tasks AS t ON t.document_id = p.document_id AND t.project_no = p.project_no
LEFT JOIN box_leads AS b ON b.document_id = p.document_id AND b.project_no = p.project_no
ORDER BY p.document_id, p.project_no;
