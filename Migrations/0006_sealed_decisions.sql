-- Schema version 6: a stored decision seals its content.
--
-- * decisions.digest: 'sha256:' and the hex SHA-256 of the decision's canonical content (its run,
--   time, tool version, verdict, counts, standing, baseline and document; `DecisionSeal`), written
--   with it and checked on every read: a verdict, baseline or document changed outside
--   sandbox-bench is refused as damage (exit 3) naming the run. NULL for a decision stored
--   before version 6, or by a binary that does not seal; those are still cross-checked (a
--   'passed' verdict with alerts is impossible).
--
-- One file for both dialects: the statement is the same in SQLite and PostgreSQL.

ALTER TABLE decisions ADD COLUMN digest TEXT;
