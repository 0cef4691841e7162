-- department_workload: 各单位任务量 / Department workload
-- 每个文件中每个单位一行：附件重点任务中牵头的任务数、参与（负责）的任务数与合计，按牵头数、合计从多到少排列；集合称谓（各地区、各部门等）单列于后、不参与排名。只列出在该文件附件中出现的单位。
-- One row per department and document: how many annex tasks it leads, how many it shares as a responsible department, and the total, most leads first (then most tasks); collectives (各地区, 各部门 …) come last and are not ranked. Only departments named in that document's annex are listed.
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "department_workload" AS
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
