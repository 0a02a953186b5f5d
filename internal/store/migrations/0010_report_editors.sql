-- Who created or edited each report. None of them may approve it (separation of
-- duties); before this table only the submitter was barred. Filled from the reports'
-- creators and the audit log's edits for reports written before it.
CREATE TABLE report_editors (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, user_id)
);

INSERT INTO report_editors (report_id, user_id)
SELECT id, created_by FROM reports WHERE created_by IS NOT NULL;

INSERT INTO report_editors (report_id, user_id)
SELECT DISTINCT a.entity_id, a.user_id FROM audit_log a
WHERE a.entity = 'report' AND a.action IN ('report.create', 'report.edit')
  AND a.user_id IN (SELECT id FROM users)
  AND a.entity_id IN (SELECT id FROM reports)
  AND NOT EXISTS (SELECT 1 FROM report_editors e WHERE e.report_id = a.entity_id AND e.user_id = a.user_id);
