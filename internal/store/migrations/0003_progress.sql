-- Progress: reports with their review states and revisions, evidence files, target
-- revisions (调整目标) and period unlocks. A correction is a new revision row; the old
-- one stays. version is the optimistic lock: every update bumps it and checks it.
CREATE TABLE reports (
    id                 ID_PK,
    indicator_id       BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period             TEXT NOT NULL,
    value              DECIMAL NOT NULL,
    cumulative         BOOLEAN NOT NULL DEFAULT FALSE,
    last_year          DECIMAL,
    amount             DECIMAL,
    done               BOOLEAN NOT NULL DEFAULT FALSE,
    note               TEXT NOT NULL DEFAULT '',
    cause              TEXT NOT NULL DEFAULT '',
    remedy             TEXT NOT NULL DEFAULT '',
    state              TEXT NOT NULL,
    reject_reason      TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL,
    revision           INTEGER NOT NULL,
    supersedes         BIGINT REFERENCES reports(id),
    illustrative       BOOLEAN NOT NULL DEFAULT FALSE,
    created_by         BIGINT REFERENCES users(id),
    submitted_by       BIGINT REFERENCES users(id),
    reviewed_by        BIGINT REFERENCES users(id),
    created_at         TIMESTAMPTZ NOT NULL,
    submitted_at       TIMESTAMPTZ,
    first_submitted_at TIMESTAMPTZ,
    reviewed_at        TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ NOT NULL,
    UNIQUE (indicator_id, period, revision)
);
CREATE INDEX reports_state ON reports(state);

CREATE TABLE evidence (
    id           ID_PK,
    report_id    BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    uploaded_by  BIGINT REFERENCES users(id),
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX evidence_report ON evidence(report_id);

CREATE TABLE target_revisions (
    id             ID_PK,
    indicator_id   BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    target         DECIMAL,
    target_max     DECIMAL,
    qualifier      TEXT NOT NULL,
    due            TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL,
    reason         TEXT NOT NULL,
    by_user        BIGINT REFERENCES users(id),
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX target_revisions_indicator ON target_revisions(indicator_id);

CREATE TABLE period_unlocks (
    id           ID_PK,
    indicator_id BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period       TEXT NOT NULL,
    reason       TEXT NOT NULL,
    until        TEXT NOT NULL,
    by_user      BIGINT REFERENCES users(id),
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX period_unlocks_indicator ON period_unlocks(indicator_id);
