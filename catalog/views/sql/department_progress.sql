-- department_progress: what became of each department's annex tasks, by status and role
-- (documentation: department_progress.yaml).
CREATE OR REPLACE VIEW department_progress AS
SELECT
    td.document_id,
    td.department_id,
    d.name_zh,
    d.name_en,
    d.kind = 'collective' AS is_collective,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead') AS tasks_led,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead' AND p.status = 'complete') AS led_complete,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead' AND p.status = 'substantial') AS led_substantial,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead' AND p.status = 'started') AS led_started,
    count(DISTINCT td.task_no) FILTER (WHERE td.role = 'lead' AND p.status = 'abandoned or superseded') AS led_abandoned,
    count(DISTINCT td.task_no) FILTER (
        WHERE td.role = 'lead' AND (p.status IS NULL OR p.status = 'no evidence found')
    ) AS led_no_evidence,
    count(DISTINCT td.task_no) AS tasks_total,
    count(DISTINCT td.task_no) FILTER (WHERE p.status IN ('complete', 'substantial')) AS total_complete_or_substantial
FROM task_departments AS td
JOIN departments AS d ON d.department_id = td.department_id
LEFT JOIN task_progress AS p ON p.document_id = td.document_id AND p.task_no = td.task_no
GROUP BY td.document_id, td.department_id, d.name_zh, d.name_en, d.kind
ORDER BY td.document_id, is_collective, tasks_led DESC, tasks_total DESC, td.department_id;
