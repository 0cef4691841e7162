-- project_overview: one row per box (major project) (documentation: project_overview.yaml).
CREATE OR REPLACE VIEW project_overview AS
WITH components AS (
    SELECT
        document_id,
        project_no,
        count(*) AS component_count,
        string_agg(coalesce(heading_zh, '（无标题）'), '；' ORDER BY component_no) AS component_headings_zh,
        string_agg(coalesce(heading_en, '(no heading)'), '; ' ORDER BY component_no) AS component_headings_en
    FROM project_components
    GROUP BY document_id, project_no
),
task_leads AS (
    SELECT
        td.document_id,
        td.task_no,
        string_agg(d.name_zh, '、' ORDER BY td.ordinal) AS leads_zh,
        string_agg(d.name_en, '; ' ORDER BY td.ordinal) AS leads_en
    FROM task_departments AS td
    JOIN departments AS d ON d.department_id = td.department_id
    WHERE td.role = 'lead'
    GROUP BY td.document_id, td.task_no
),
tasks AS (
    SELECT
        atp.document_id,
        atp.project_no,
        count(*) AS implementing_task_count,
        string_agg('任务' || atp.task_no || coalesce('（' || tl.leads_zh || '牵头）', ''), '；' ORDER BY atp.task_no)
            AS implementing_tasks_zh,
        string_agg('task ' || atp.task_no || coalesce(' (led by ' || tl.leads_en || ')', ''), '; ' ORDER BY atp.task_no)
            AS implementing_tasks_en
    FROM annex_task_projects AS atp
    LEFT JOIN task_leads AS tl ON tl.document_id = atp.document_id AND tl.task_no = atp.task_no
    GROUP BY atp.document_id, atp.project_no
)
SELECT
    p.document_id,
    p.project_no,
    p.title_zh,
    p.title_en,
    p.section_id,
    s.title_zh AS section_title_zh,
    s.title_en AS section_title_en,
    coalesce(c.component_count, 0) AS component_count,
    c.component_headings_zh,
    c.component_headings_en,
    coalesce(t.implementing_task_count, 0) AS implementing_task_count,
    d.task_nos AS implementing_task_nos,
    t.implementing_tasks_zh,
    t.implementing_tasks_en,
    d.lead_department_ids,
    d.lead_departments_zh,
    d.lead_departments_en,
    d.responsible_department_ids,
    d.responsible_departments_zh,
    d.responsible_departments_en,
    d.leads_fallback,
    p.line_start,
    p.line_end
FROM major_projects AS p
LEFT JOIN outline AS s ON s.document_id = p.document_id AND s.section_id = p.section_id
LEFT JOIN components AS c ON c.document_id = p.document_id AND c.project_no = p.project_no
LEFT JOIN tasks AS t ON t.document_id = p.document_id AND t.project_no = p.project_no
LEFT JOIN implementing_departments AS d
    ON d.document_id = p.document_id AND d.implements = 'project' AND d.number = p.project_no
ORDER BY p.document_id, p.project_no;
