-- implementing_departments: who implements each box and priority action through the annex tasks
-- (documentation: implementing_departments.yaml).
CREATE OR REPLACE VIEW implementing_departments AS
WITH links AS (
    SELECT document_id, 'action' AS implements, action_no AS number, task_no
    FROM annex_task_actions
    UNION ALL
    SELECT document_id, 'project' AS implements, project_no AS number, task_no
    FROM annex_task_projects
),
named AS (
    -- each department once per role, at its first task and place in the cell
    SELECT l.document_id, l.implements, l.number, l.task_no, td.ordinal, td.role, d.department_id, d.name_zh, d.name_en
    FROM links AS l
    JOIN task_departments AS td ON td.document_id = l.document_id AND td.task_no = l.task_no
    JOIN departments AS d ON d.department_id = td.department_id
    QUALIFY row_number() OVER (
        PARTITION BY l.document_id, l.implements, l.number, td.role, d.department_id
        ORDER BY l.task_no, td.ordinal
    ) = 1
),
tasks AS (
    SELECT
        l.document_id,
        l.implements,
        l.number,
        list(l.task_no ORDER BY l.task_no) AS task_nos,
        bool_or(NOT a.has_lead) AS leads_fallback
    FROM links AS l
    JOIN annex_tasks AS a ON a.document_id = l.document_id AND a.task_no = l.task_no
    GROUP BY l.document_id, l.implements, l.number
),
roles AS (
    SELECT
        document_id,
        implements,
        number,
        list(department_id ORDER BY task_no, ordinal) FILTER (WHERE role = 'lead') AS lead_department_ids,
        string_agg(name_zh, '、' ORDER BY task_no, ordinal) FILTER (WHERE role = 'lead') AS lead_departments_zh,
        string_agg(name_en, '; ' ORDER BY task_no, ordinal) FILTER (WHERE role = 'lead') AS lead_departments_en,
        list(department_id ORDER BY task_no, ordinal) FILTER (WHERE role = 'responsible')
            AS responsible_department_ids,
        string_agg(name_zh, '、' ORDER BY task_no, ordinal) FILTER (WHERE role = 'responsible')
            AS responsible_departments_zh,
        string_agg(name_en, '; ' ORDER BY task_no, ordinal) FILTER (WHERE role = 'responsible')
            AS responsible_departments_en
    FROM named
    GROUP BY document_id, implements, number
)
SELECT
    t.document_id,
    t.implements,
    t.number,
    t.task_nos,
    r.lead_department_ids,
    r.lead_departments_zh,
    r.lead_departments_en,
    r.responsible_department_ids,
    r.responsible_departments_zh,
    r.responsible_departments_en,
    t.leads_fallback
FROM tasks AS t
LEFT JOIN roles AS r ON r.document_id = t.document_id AND r.implements = t.implements AND r.number = t.number
ORDER BY t.document_id, t.implements, t.number;
