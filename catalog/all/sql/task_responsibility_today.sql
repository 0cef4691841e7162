-- task_responsibility_today: who holds each annex task's responsibility today
-- (documentation: task_responsibility_today.yaml).
CREATE OR REPLACE VIEW task_responsibility_today AS
WITH latest AS (
    SELECT *
    FROM department_successors
    -- the latest change is the latest year of change: a reform's party and state plans (2018-03-17 and
    -- 2018-03-21) are one reform, and a body split by them has one row per successor
    QUALIFY rank() OVER (PARTITION BY department_id ORDER BY year(effective_date) DESC NULLS LAST) = 1
)
SELECT
    td.document_id,
    td.task_no,
    td.ordinal,
    td.role,
    td.department_id,
    d.name_zh,
    d.name_en,
    d.kind,
    s.successor_zh IS NOT NULL             AS changed,
    coalesce(s.successor_zh, d.name_zh)    AS holder_zh,
    coalesce(s.successor_en, d.name_en)    AS holder_en,
    s.event,
    s.effective_date,
    s.source_title,
    s.source_url
FROM task_departments AS td
JOIN departments AS d ON d.department_id = td.department_id
LEFT JOIN latest AS s ON s.department_id = td.department_id
ORDER BY td.document_id, td.task_no, td.ordinal, holder_zh;
