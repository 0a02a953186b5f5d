-- A city on one database: indicators may carry a standard code (e.g. 实际利用外资) so that
-- the same indicator is summed and compared across districts. Kept beside indicators
-- (one code per indicator) so that plans without codes are untouched.
CREATE TABLE indicator_codes (
    indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id) ON DELETE CASCADE,
    code         TEXT NOT NULL
);
CREATE INDEX indicator_codes_code ON indicator_codes(code);
CREATE INDEX regions_parent ON regions(parent_code);
