-- The region an audit entry belongs to, so that a region's admins and leaders read
-- their region's entries only (in SQL). NULL: the deployment's own (an unknown login's
-- failed sign-in, a deployment-wide user), read by deployment-wide readers only.
-- Entries written before this migration get the region of what they name.
ALTER TABLE audit_log ADD COLUMN region_id BIGINT;

UPDATE audit_log SET region_id = (SELECT p.region_id FROM plans p WHERE p.id = audit_log.entity_id)
WHERE entity = 'plan';
UPDATE audit_log SET region_id = (SELECT p.region_id FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE i.id = audit_log.entity_id)
WHERE entity = 'indicator';
UPDATE audit_log SET region_id = (SELECT p.region_id FROM reports r JOIN indicators i ON i.id = r.indicator_id JOIN plans p ON p.id = i.plan_id
    WHERE r.id = audit_log.entity_id)
WHERE entity = 'report';
UPDATE audit_log SET region_id = (SELECT p.region_id FROM documents d JOIN plans p ON p.id = d.plan_id WHERE d.id = audit_log.entity_id)
WHERE entity = 'document';
UPDATE audit_log SET region_id = (SELECT u.region_id FROM users u WHERE u.id = audit_log.entity_id)
WHERE entity = 'user';
UPDATE audit_log SET region_id = (SELECT u.region_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = audit_log.entity_id)
WHERE entity = 'token';

CREATE INDEX audit_log_region ON audit_log(region_id, id);
