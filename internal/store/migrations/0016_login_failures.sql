-- Failed sign-ins, shared by every server on the database, so that the login rate limit
-- holds across them and across restarts. Keys are SHA-256 hashes (of a login, an address
-- or both): the table keeps no names and no addresses.
CREATE TABLE login_failures (
    scope TEXT NOT NULL,
    key   TEXT NOT NULL,
    at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(scope, key, at);
CREATE INDEX login_failures_at ON login_failures(at);
