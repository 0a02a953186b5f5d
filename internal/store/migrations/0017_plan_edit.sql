-- Editing the plan in the web. An item with history is retired, never deleted:
-- retired_at is set and the item leaves the views (status, cockpit, worklists, templates)
-- while its reports and audit rows keep their subject. edit_version is the version the
-- admin's edit forms carry, so that two admins editing one item do not overwrite each
-- other silently.
ALTER TABLE zones ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE zones ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE programs ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE programs ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE projects ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE projects ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicators ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE indicators ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE departments ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE departments ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 1;
