-- action_milestones_by_year: one row per dated milestone of a priority action, by year
-- (documentation: action_milestones_by_year.yaml).
CREATE OR REPLACE VIEW action_milestones_by_year AS
SELECT
    m.document_id,
    m.year,
    m.action_no,
    a.title_zh AS action_title_zh,
    a.title_en AS action_title_en,
    m.text_zh,
    m.text_en,
    d.lead_departments_zh,
    d.lead_departments_en,
    d.responsible_departments_zh,
    d.responsible_departments_en,
    d.leads_fallback,
    m.line_start,
    m.line_end
FROM action_milestones AS m
JOIN priority_actions AS a ON a.document_id = m.document_id AND a.action_no = m.action_no
LEFT JOIN implementing_departments AS d
    ON d.document_id = m.document_id AND d.implements = 'action' AND d.number = m.action_no
ORDER BY m.document_id, m.year, m.action_no;
