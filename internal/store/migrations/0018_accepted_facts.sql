-- A fact of an ingested document accepted into the plan: where it went (a new indicator,
-- an existing indicator's target or baseline, or a report), so that accepting it again is
-- refused with where it already is, instead of making a duplicate. One row per span.
CREATE TABLE accepted_facts (
    id           ID_PK,
    plan_id      BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    doc_key      TEXT NOT NULL,
    start_pos    INTEGER NOT NULL,
    end_pos      INTEGER NOT NULL,
    accepted_as  TEXT NOT NULL,
    indicator_id BIGINT NOT NULL,
    report_id    BIGINT NOT NULL DEFAULT 0,
    user_id      BIGINT NOT NULL DEFAULT 0,
    accepted_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (plan_id, doc_key, start_pos, end_pos)
);
