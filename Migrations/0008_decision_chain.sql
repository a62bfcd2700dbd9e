-- Schema version 8: each run's decisions form a chain, so that a decision deleted or moved outside
-- sandbox-bench is damage, as one edited is (DecisionChain).
--
-- * decisions.previous_id, decisions.previous_digest: the decision this one follows in its run
--   (its id and digest; NULL for a run's first). A decision stored from version 8 on seals them
--   with its content (decisions.digest).
-- * runs.decision_count, runs.decision_head: how many decisions the run has and 'sha256:' of its
--   id and every decision's id and digest, oldest first; a run without decisions has a head too.
--   Written in the transaction that stores a decision and checked on every read of the run's
--   decisions: one deleted (the latest, one in the middle, all of them) or moved to another run is
--   refused (exit 3) naming the run.
--
-- After these statements, in the same transaction, sandbox-bench chains the decisions the database
-- holds, each run's in the order of their ids, and gives every run its head (SHA-256 is computed
-- by the binary: SQLite has no function for it).
--
-- Not additive: a binary of version 7 would store decisions without moving the run's head, and the
-- run would then read as damaged. Binaries before version 8 refuse a database at version 8.
-- One file for both dialects: the statements are the same in SQLite and PostgreSQL.

ALTER TABLE decisions ADD COLUMN previous_id BIGINT;
ALTER TABLE decisions ADD COLUMN previous_digest TEXT;
ALTER TABLE runs ADD COLUMN decision_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN decision_head TEXT;
