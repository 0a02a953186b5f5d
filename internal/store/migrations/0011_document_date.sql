-- An ingested document's date is its own date (asked on the ingest form and API, by
-- default a date found in its text, else the day it was ingested); date_source says
-- which: 'form', 'text' or 'today'. '' for documents that came with a plan file and
-- for documents ingested before this migration, whose date is the day of ingest.
ALTER TABLE documents ADD COLUMN date_source TEXT NOT NULL DEFAULT '';
