-- Invest: the investment-promotion centre's enterprises and their contacts, industry
-- chains and their links, project leads with every move through the pipeline, funds
-- arrived, dated exchange rates, visits with their officers, calendar subscriptions,
-- and the indicators the pipeline feeds with the sources of each figure.
-- Dates (stage, funds, rate, next step) are China calendar dates as YYYY-MM-DD text.
CREATE TABLE enterprises (
    id           ID_PK,
    region_id    BIGINT NOT NULL REFERENCES regions(id),
    dept_id      BIGINT REFERENCES departments(id),
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    credit_code  TEXT,
    hq_city      TEXT NOT NULL DEFAULT '',
    kinds        TEXT NOT NULL DEFAULT '',
    settled      BOOLEAN NOT NULL DEFAULT FALSE,
    park         TEXT NOT NULL DEFAULT '',
    owner_id     BIGINT NOT NULL REFERENCES users(id),
    notes        TEXT NOT NULL DEFAULT '',
    illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (region_id, name_key),
    UNIQUE (region_id, credit_code)
);
CREATE INDEX enterprises_owner ON enterprises(owner_id);

CREATE TABLE enterprise_contacts (
    id            ID_PK,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX enterprise_contacts_enterprise ON enterprise_contacts(enterprise_id);

CREATE TABLE chains (
    id        ID_PK,
    region_id BIGINT NOT NULL REFERENCES regions(id),
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (region_id, code)
);

CREATE TABLE chain_links (
    id        ID_PK,
    chain_id  BIGINT NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES chain_links(id),
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    extension BOOLEAN NOT NULL DEFAULT FALSE,
    position  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (chain_id, code)
);

CREATE TABLE enterprise_links (
    enterprise_id BIGINT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    link_id       BIGINT NOT NULL REFERENCES chain_links(id) ON DELETE CASCADE,
    PRIMARY KEY (enterprise_id, link_id)
);

CREATE TABLE leads (
    id                 ID_PK,
    region_id          BIGINT NOT NULL REFERENCES regions(id),
    dept_id            BIGINT REFERENCES departments(id),
    name               TEXT NOT NULL,
    enterprise_id      BIGINT REFERENCES enterprises(id),
    stage              TEXT NOT NULL,
    stage_on           TEXT NOT NULL,
    reason             TEXT NOT NULL DEFAULT '',
    planned_investment DECIMAL,
    currency           TEXT NOT NULL,
    foreign_funded     BOOLEAN NOT NULL DEFAULT FALSE,
    yearly_output      DECIMAL,
    yearly_tax         DECIMAL,
    park               TEXT NOT NULL DEFAULT '',
    link_id            BIGINT REFERENCES chain_links(id),
    owner_id           BIGINT NOT NULL REFERENCES users(id),
    notes              TEXT NOT NULL DEFAULT '',
    illustrative       BOOLEAN NOT NULL DEFAULT FALSE,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX leads_region_stage ON leads(region_id, stage);
CREATE INDEX leads_owner ON leads(owner_id);

-- Append-only, like the audit log: the full history of a lead's moves.
CREATE TABLE lead_moves (
    id         ID_PK,
    lead_id    BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    from_stage TEXT NOT NULL DEFAULT '',
    to_stage   TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    by_user    BIGINT REFERENCES users(id),
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX lead_moves_lead ON lead_moves(lead_id);

CREATE TABLE lead_funds (
    id         ID_PK,
    lead_id    BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    on_date    TEXT NOT NULL,
    amount     DECIMAL NOT NULL,
    currency   TEXT NOT NULL,
    foreign_funds BOOLEAN NOT NULL DEFAULT FALSE,
    rate       DECIMAL NOT NULL,
    usd        DECIMAL NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    by_user    BIGINT REFERENCES users(id),
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX lead_funds_lead ON lead_funds(lead_id);

CREATE TABLE fx_rates (
    id        ID_PK,
    region_id BIGINT NOT NULL REFERENCES regions(id),
    currency  TEXT NOT NULL,
    on_date   TEXT NOT NULL,
    usd       DECIMAL NOT NULL,
    by_user   BIGINT REFERENCES users(id),
    at        TIMESTAMPTZ NOT NULL,
    UNIQUE (region_id, currency, on_date)
);

CREATE TABLE visits (
    id            ID_PK,
    region_id     BIGINT NOT NULL REFERENCES regions(id),
    dept_id       BIGINT REFERENCES departments(id),
    uid           TEXT NOT NULL UNIQUE,
    starts_at     TIMESTAMPTZ NOT NULL,
    minutes       INTEGER NOT NULL,
    city          TEXT NOT NULL,
    enterprise_id BIGINT REFERENCES enterprises(id),
    enterprise    TEXT NOT NULL DEFAULT '',
    lead_id       BIGINT REFERENCES leads(id),
    owner_id      BIGINT NOT NULL REFERENCES users(id),
    purpose       TEXT NOT NULL DEFAULT '',
    outcome       TEXT NOT NULL DEFAULT '',
    next_step     TEXT NOT NULL DEFAULT '',
    next_on       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    illustrative  BOOLEAN NOT NULL DEFAULT FALSE,
    sequence      INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX visits_region_starts ON visits(region_id, starts_at);

CREATE TABLE visit_officers (
    visit_id BIGINT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (visit_id, user_id)
);
CREATE INDEX visit_officers_user ON visit_officers(user_id);

-- A per-officer calendar subscription: the secret in its link, kept only as a SHA-256
-- hash; revoking it (or making a new one) kills the old link.
CREATE TABLE calendar_feeds (
    id         ID_PK,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    hash       TEXT NOT NULL UNIQUE,
    hint       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id);

-- An indicator fed by the pipeline: its reports are lantu's, recomputed in the
-- transaction of every move and every funds record; hand-entered reports are refused.
CREATE TABLE indicator_feeds (
    indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id) ON DELETE CASCADE,
    metric       TEXT NOT NULL,
    stage        TEXT NOT NULL DEFAULT '',
    updated_at   TIMESTAMPTZ NOT NULL
);

-- What each fed figure counts: the leads and the funds, per period.
CREATE TABLE feed_sources (
    indicator_id BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    ref_id       BIGINT NOT NULL,
    lead_id      BIGINT NOT NULL,
    on_date      TEXT NOT NULL,
    value        DECIMAL NOT NULL
);
CREATE INDEX feed_sources_indicator ON feed_sources(indicator_id, period);
