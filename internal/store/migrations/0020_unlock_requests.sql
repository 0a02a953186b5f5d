-- 申请解锁: a reporter asks for a locked period of their department's indicator to be
-- reopened, with a reason; a reviewer of the department (or an admin) grants it (an
-- unlock, period_unlocks, unlock_id) or declines it with a reason the reporter sees.
-- Region and department come from the indicator, so that every list is filtered in SQL.
CREATE TABLE unlock_requests (
    id           ID_PK,
    indicator_id BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period       TEXT NOT NULL,
    reason       TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending',
    requested_by BIGINT NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    decided_by   BIGINT NOT NULL DEFAULT 0,
    decided_at   TIMESTAMPTZ,
    decision     TEXT NOT NULL DEFAULT '',
    unlock_id    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX unlock_requests_indicator ON unlock_requests (indicator_id, state);
