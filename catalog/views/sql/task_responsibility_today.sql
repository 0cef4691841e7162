-- task_responsibility_today: 重点任务的现任责任单位 / Who holds each annex task's responsibility today
-- 每项重点任务的每个负责单位一行：规划时（2016年）的单位，以及据 department_successors 的最近一次变动（按年份：同一年的党和国家机构改革方案视为一次改革）承接其职责的机构（拆分时每个继承机构一行）；未查到变动的单位仍为原单位（changed 为假）。
-- One row per annex task and department: the body named in 2016 and, by its latest change in department_successors (by year: the party and state plans of one year are one reform), the body that holds its functions today (one row per successor where it was split); a department with no sourced change holds them still (changed is false).
-- Recreate it over the published tables (DuckDB): CREATE TABLE <table> AS SELECT * FROM
-- 'warehouse/parquet/<table>.parquet' for each table it reads, then run this statement.
CREATE VIEW "task_responsibility_today" AS
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
