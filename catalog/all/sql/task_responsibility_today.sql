-- task_responsibility_today: who holds each annex task's responsibility today
-- (documentation: task_responsibility_today.yaml).
CREATE OR REPLACE VIEW task_responsibility_today AS
WITH last_change AS (
    -- a body's latest change, by year: a reform's party and state plans (2018-03-17 and 2018-03-21) are one
    -- reform. A transfer of part of its duties is no change of the body (which tasks moved: task_holders).
    SELECT *
    FROM department_successors
    WHERE event <> 'duties transferred'
    QUALIFY rank() OVER (PARTITION BY department_id ORDER BY year(effective_date) DESC NULLS LAST) = 1
),
latest AS (
    SELECT *, count(*) OVER (PARTITION BY department_id) AS successors
    FROM last_change
),
undecided AS (
    -- the task's body as it stands, where no decision was made task by task
    SELECT td.document_id, td.task_no, td.department_id
    FROM task_departments AS td
    ANTI JOIN task_holders AS h
        ON h.document_id = td.document_id AND h.task_no = td.task_no AND h.department_id = td.department_id
),
holders AS (
    -- decided task by task (a split body, a partial transfer of duties): one row per holder, cited
    SELECT
        h.document_id, h.task_no, h.department_id, h.holder_no, h.holder_zh, h.holder_en, h.basis AS holder_basis,
        coalesce(s.event, CASE WHEN h.basis = 'kept' THEN NULL ELSE 'duties transferred' END) AS event,
        coalesce(s.effective_date, h.source_date) AS effective_date,
        h.source_title,
        h.source_url
    FROM task_holders AS h
    LEFT JOIN department_successors AS s ON s.department_id = h.department_id AND s.successor_zh = h.holder_zh
    UNION ALL
    -- otherwise the body's single latest successor (merged, renamed, abolished)
    SELECT
        u.document_id, u.task_no, u.department_id, 1, s.successor_zh, s.successor_en, 'successor',
        s.event, s.effective_date, s.source_title, s.source_url
    FROM undecided AS u
    JOIN latest AS s ON s.department_id = u.department_id AND s.successors = 1
    UNION ALL
    -- a body with several successors and no decision for this task: ambiguous, one row without a holder, so
    -- that no successor is counted for a task it may not hold
    SELECT DISTINCT
        u.document_id, u.task_no, u.department_id, 1, NULL, NULL, 'ambiguous',
        s.event, s.effective_date, s.source_title, s.source_url
    FROM undecided AS u
    JOIN latest AS s ON s.department_id = u.department_id AND s.successors > 1
    QUALIFY row_number() OVER (PARTITION BY u.document_id, u.task_no, u.department_id ORDER BY s.successor_zh) = 1
    UNION ALL
    -- no sourced change: the body named in the plan
    SELECT
        u.document_id, u.task_no, u.department_id, 1, d.name_zh, d.name_en, 'unchanged',
        NULL, NULL, NULL, NULL
    FROM undecided AS u
    JOIN departments AS d ON d.department_id = u.department_id
    ANTI JOIN latest AS s ON s.department_id = u.department_id
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
    h.event IS NOT NULL                        AS changed,
    h.holder_no,
    h.holder_zh,
    h.holder_en,
    h.holder_basis,
    h.event,
    h.effective_date,
    h.source_title,
    h.source_url
FROM task_departments AS td
JOIN departments AS d ON d.department_id = td.department_id
JOIN holders AS h ON h.document_id = td.document_id AND h.task_no = td.task_no AND h.department_id = td.department_id
ORDER BY td.document_id, td.task_no, td.ordinal, h.holder_no;
