-- department_workload: one row per department and document (documentation: department_workload.yaml).
CREATE OR REPLACE VIEW department_workload AS
SELECT
    td.document_id,
    td.department_id,
    d.name_zh,
    d.full_name_zh,
    d.name_en,
    d.kind,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead')        AS tasks_led,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'responsible') AS tasks_shared,
    count(DISTINCT td.task_no)                                        AS tasks_total,
    d.kind = 'collective'                                             AS is_collective,
    CASE WHEN d.kind <> 'collective' THEN
        rank() OVER (PARTITION BY td.document_id, d.kind = 'collective'
                     ORDER BY count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead') DESC)
    END AS lead_rank
FROM task_departments AS td
JOIN departments AS d ON d.department_id = td.department_id
GROUP BY td.document_id, td.department_id, d.name_zh, d.full_name_zh, d.name_en, d.kind
ORDER BY td.document_id, is_collective, tasks_led DESC, tasks_total DESC, td.department_id;
