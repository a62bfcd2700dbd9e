-- A migration of a future minor schema version (9), for the compatibility tests only: additive,
-- as the rule in Migrations/README.md allows (a table, a column that may be NULL, an index, a
-- view). A binary of schema version 8 must keep reading and writing a database it was applied to.
--
-- compatibility: additive

ALTER TABLE runs ADD COLUMN host_group TEXT;
CREATE TABLE run_tags (run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, tag TEXT NOT NULL);
CREATE INDEX run_tags_by_tag ON run_tags (tag);
CREATE VIEW v_run_tags AS SELECT r.id AS run_id, r.host_group, t.tag FROM runs r JOIN run_tags t ON t.run_id = r.id;
