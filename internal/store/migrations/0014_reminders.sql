-- Reminders (催报): where they go (settings, and each user's e-mail address), each day's
-- run (a lease row, so that one server of several runs it), what a day covered (once
-- per report per day), and the messages — an outbox, retried until sent or given up.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

CREATE TABLE reminder_settings (
    id             INTEGER PRIMARY KEY, -- always 1: one set per deployment
    enabled        BOOLEAN NOT NULL DEFAULT FALSE,
    send_hour      INTEGER NOT NULL DEFAULT 9, -- China time
    due_days       INTEGER NOT NULL DEFAULT 3,
    review_days    INTEGER NOT NULL DEFAULT 3,
    smtp_host      TEXT NOT NULL DEFAULT '',
    smtp_port      INTEGER NOT NULL DEFAULT 25,
    smtp_tls       TEXT NOT NULL DEFAULT 'starttls',
    smtp_user      TEXT NOT NULL DEFAULT '',
    smtp_password  TEXT NOT NULL DEFAULT '',
    smtp_from      TEXT NOT NULL DEFAULT '',
    webhook_kind   TEXT NOT NULL DEFAULT '',
    webhook_url    TEXT NOT NULL DEFAULT '',
    webhook_secret TEXT NOT NULL DEFAULT '',
    updated_at     TIMESTAMPTZ
);

-- A job's lease: the server whose INSERT or expired-lease UPDATE succeeds holds it
-- until "until"; done_at marks the job done for good (e.g. one day's reminders).
CREATE TABLE job_leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    until   TIMESTAMPTZ NOT NULL,
    done_at TIMESTAMPTZ
);

CREATE TABLE reminder_items (
    id           ID_PK,
    day          TEXT NOT NULL, -- China date
    kind         TEXT NOT NULL, -- due, overdue, review
    indicator_id BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period       TEXT NOT NULL,
    report_id    BIGINT REFERENCES reports(id) ON DELETE SET NULL,
    manual       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (day, indicator_id, period)
);

CREATE TABLE reminder_messages (
    id              ID_PK,
    day             TEXT NOT NULL,
    channel         TEXT NOT NULL, -- email, webhook
    recipient       TEXT NOT NULL, -- an address, or the webhook's kind and host
    user_id         BIGINT REFERENCES users(id) ON DELETE SET NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    items           INTEGER NOT NULL,
    status          TEXT NOT NULL, -- pending, sent, failed (given up)
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_holder    TEXT NOT NULL DEFAULT '',
    lease_until     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX reminder_messages_due ON reminder_messages(status, next_attempt_at);
