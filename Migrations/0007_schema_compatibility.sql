-- Schema version 7: each applied migration records how far back its schema stays compatible.
--
-- * schema_migrations.compatible_from: the oldest schema version whose sandbox-bench binaries
--   keep reading and writing a database at this version. A migration whose file says
--   "compatibility: additive" (new tables, columns that may be NULL, indexes, views; nothing an
--   older binary reads or writes changes meaning) keeps the value of the one before it; any other
--   starts a new major schema version: its own number. A binary opens a database at a newer
--   version when that database's compatible_from is at most the binary's own latest version.
--   NULL for migrations applied before version 7 (binaries before it refuse any newer schema).
--
-- This migration starts the rule, so it is a major version of its own (binaries of version 6
-- refuse it). One file for both dialects.

ALTER TABLE schema_migrations ADD COLUMN compatible_from INTEGER;
