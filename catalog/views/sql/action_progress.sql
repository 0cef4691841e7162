-- action_progress: what became of each priority action: its milestones and its annex tasks, by status
-- (documentation: action_progress.yaml).
CREATE OR REPLACE VIEW action_progress AS
WITH milestones AS (
    SELECT
        m.document_id,
        m.action_no,
        count(*) AS milestones,
        count(*) FILTER (WHERE p.status = 'complete') AS milestones_complete,
        count(*) FILTER (WHERE p.status = 'substantial') AS milestones_substantial,
        count(*) FILTER (WHERE p.status = 'started') AS milestones_started,
        count(*) FILTER (WHERE p.status = 'abandoned or superseded') AS milestones_abandoned,
        count(*) FILTER (WHERE p.status IS NULL OR p.status = 'no evidence found') AS milestones_no_evidence
    FROM action_milestones AS m
    LEFT JOIN milestone_progress AS p
        ON p.document_id = m.document_id AND p.action_no = m.action_no AND p.year = m.year
    GROUP BY m.document_id, m.action_no
),
tasks AS (
    SELECT
        l.document_id,
        l.action_no,
        count(*) AS tasks,
        count(*) FILTER (WHERE p.status = 'complete') AS tasks_complete,
        count(*) FILTER (WHERE p.status = 'substantial') AS tasks_substantial,
        count(*) FILTER (WHERE p.status = 'started') AS tasks_started,
        count(*) FILTER (WHERE p.status = 'abandoned or superseded') AS tasks_abandoned,
        count(*) FILTER (WHERE p.status IS NULL OR p.status = 'no evidence found') AS tasks_no_evidence
    FROM annex_task_actions AS l
    LEFT JOIN task_progress AS p ON p.document_id = l.document_id AND p.task_no = l.task_no
    GROUP BY l.document_id, l.action_no
)
SELECT
    a.document_id,
    a.action_no,
    a.title_zh,
    a.title_en,
    coalesce(m.milestones, 0) AS milestones,
    coalesce(m.milestones_complete, 0) AS milestones_complete,
    coalesce(m.milestones_substantial, 0) AS milestones_substantial,
    coalesce(m.milestones_started, 0) AS milestones_started,
    coalesce(m.milestones_abandoned, 0) AS milestones_abandoned,
    coalesce(m.milestones_no_evidence, 0) AS milestones_no_evidence,
    coalesce(t.tasks, 0) AS tasks,
    coalesce(t.tasks_complete, 0) AS tasks_complete,
    coalesce(t.tasks_substantial, 0) AS tasks_substantial,
    coalesce(t.tasks_started, 0) AS tasks_started,
    coalesce(t.tasks_abandoned, 0) AS tasks_abandoned,
    coalesce(t.tasks_no_evidence, 0) AS tasks_no_evidence,
    a.line_start,
    a.line_end
FROM priority_actions AS a
LEFT JOIN milestones AS m ON m.document_id = a.document_id AND m.action_no = a.action_no
LEFT JOIN tasks AS t ON t.document_id = a.document_id AND t.action_no = a.action_no
ORDER BY a.document_id, a.action_no;
