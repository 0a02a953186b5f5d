-- The date an indicator's reports are owed from (YYYY-MM-DD): an indicator added during
-- the plan year owes the period it was added in and later ones, never earlier ones.
-- NULL is the plan year's start (every indicator of an imported plan).
ALTER TABLE indicators ADD COLUMN owed_from TEXT;
