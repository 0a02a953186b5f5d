-- Written once for both databases: ID_PK, DECIMAL, TIMESTAMPTZ and BLOB are replaced per
-- dialect when the migration runs (see store/migrate.go).
-- The plan: regions, departments, plans, their documents, zones, programs, projects and
-- indicators; and the append-only audit log every change writes to.
CREATE TABLE regions (
    id          ID_PK,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_code TEXT NOT NULL DEFAULT ''
);

CREATE TABLE departments (
    id        ID_PK,
    region_id BIGINT NOT NULL REFERENCES regions(id),
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    inferred  BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (region_id, code)
);

CREATE TABLE plans (
    id         ID_PK,
    region_id  BIGINT NOT NULL REFERENCES regions(id),
    year       INTEGER NOT NULL,
    title      TEXT NOT NULL,
    as_of      TEXT,
    settings   TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (region_id, year, title)
);

CREATE TABLE documents (
    id      ID_PK,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    key     TEXT NOT NULL,
    title   TEXT NOT NULL,
    source  TEXT NOT NULL DEFAULT '',
    date    TEXT NOT NULL DEFAULT '',
    body    TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, key)
);

CREATE TABLE zones (
    id          ID_PK,
    plan_id     BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (plan_id, code)
);

CREATE TABLE programs (
    id          ID_PK,
    zone_id     BIGINT NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
    plan_id     BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (plan_id, code)
);

CREATE TABLE projects (
    id            ID_PK,
    program_id    BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    plan_id       BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    department_id BIGINT REFERENCES departments(id),
    start_date    TEXT NOT NULL DEFAULT '',
    end_date      TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (plan_id, code)
);

CREATE TABLE indicators (
    id                 ID_PK,
    program_id         BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    plan_id            BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code               TEXT NOT NULL,
    name               TEXT NOT NULL,
    unit               TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL,
    direction          TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    target             DECIMAL,
    target_max         DECIMAL,
    qualifier          TEXT NOT NULL,
    due                TEXT NOT NULL DEFAULT '',
    baseline           TEXT NOT NULL DEFAULT '',
    context            TEXT NOT NULL DEFAULT '',
    period             TEXT NOT NULL,
    frequency          TEXT NOT NULL,
    accumulation       TEXT NOT NULL,
    department_id      BIGINT REFERENCES departments(id),
    project_id         BIGINT REFERENCES projects(id),
    public             BOOLEAN NOT NULL DEFAULT TRUE,
    source_document_id BIGINT REFERENCES documents(id),
    source_start       INTEGER,
    source_end         INTEGER,
    position           INTEGER NOT NULL DEFAULT 0,
    UNIQUE (plan_id, code)
);
CREATE INDEX indicators_department ON indicators(department_id);

-- Append-only: lantu inserts and reads, never updates or deletes.
CREATE TABLE audit_log (
    id          ID_PK,
    at          TIMESTAMPTZ NOT NULL,
    user_id     BIGINT,
    user_login  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   BIGINT,
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);
