-- Status as derived data (issue 11): a plan's status is computed once per change and
-- kept by each server until the next change. Every write that can change what the status
-- engine reads bumps plans.version in its own transaction (store.PlanChanged, called by
-- WithTx just before commit), and marks the indicators it touched with that version, so a
-- server holding version V reloads only the indicators with changed_version > V. A change
-- to the whole plan (its settings, a new indicator, an import) also moves shape_version,
-- which makes servers rebuild the plan from scratch. Servers check the version with one
-- indexed read per request, so several servers over one database agree at once.
ALTER TABLE plans ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN shape_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE indicators ADD COLUMN changed_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX indicators_plan_changed ON indicators(plan_id, changed_version);
