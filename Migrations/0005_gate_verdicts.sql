-- Schema version 5: a gate decision never passes silently, and cannot be quietly replaced.
--
-- * decisions.verdict: also 'missing' (no alert, but a rule's metric was missing on one side: the
--   gate exited 4 or 2) and 'incomplete' (no alert, but the run did not complete: exit 4).
-- * decisions.missing_count: the rules whose metric a side lacked.
-- * decisions.standing: 0 for a one-off (a comparison with another testbed's run), which is kept
--   but does not become the run's verdict; the verdict is the run's latest standing decision.
--   Decisions stored before that compared with another testbed's runs become one-offs.
-- * decisions.baseline_sha256 and baseline_files: the content of every baseline file a decision
--   compared with, kept once per SHA-256, so that a later gate of the run compares with exactly it.
--
-- SQLite cannot change a CHECK constraint in place: decisions is rebuilt. The alerts that refer
-- to it are kept aside meanwhile (dropping the table would delete them: ON DELETE CASCADE).

DROP VIEW v_runs;
DROP VIEW v_alerts;
DROP VIEW v_decisions;

CREATE TABLE baseline_files (
    -- 'sha256:' and the hex SHA-256 of the content's UTF-8 bytes.
    sha256    TEXT PRIMARY KEY,
    content   TEXT NOT NULL,
    stored_at TEXT NOT NULL
);

CREATE TABLE decisions_v5 (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    decided_at     TEXT    NOT NULL,
    tool_version   TEXT    NOT NULL,
    -- 'passed' (the gate exited 0), 'alert' (1), 'missing' (4 or 2), 'incomplete' (4).
    verdict        TEXT    NOT NULL CHECK (verdict IN ('passed', 'alert', 'missing', 'incomplete')),
    alert_count    INTEGER NOT NULL CHECK (alert_count >= 0),
    baseline_kind  TEXT    NOT NULL,
    baseline_name  TEXT,
    baseline_label TEXT,
    baseline_runs  TEXT    NOT NULL DEFAULT '[]',
    document       TEXT    NOT NULL,
    missing_count  INTEGER NOT NULL DEFAULT 0 CHECK (missing_count >= 0),
    standing       INTEGER NOT NULL DEFAULT 1 CHECK (standing IN (0, 1)),
    -- For a baseline file: the SHA-256 under which baseline_files keeps its content.
    baseline_sha256 TEXT
);
INSERT INTO decisions_v5 (id, run_id, decided_at, tool_version, verdict, alert_count, baseline_kind, baseline_name,
                          baseline_label, baseline_runs, document)
    SELECT id, run_id, decided_at, tool_version, verdict, alert_count, baseline_kind, baseline_name, baseline_label,
           baseline_runs, document
    FROM decisions;
UPDATE decisions_v5 SET standing = 0 WHERE EXISTS (
    SELECT 1 FROM json_each(decisions_v5.baseline_runs) AS reference
    JOIN runs baseline ON baseline.uuid = lower(json_extract(reference.value, '$.uuid'))
    JOIN runs candidate ON candidate.id = decisions_v5.run_id
    WHERE baseline.testbed <> candidate.testbed);

CREATE TABLE alerts_kept AS SELECT * FROM alerts WHERE decision_id IS NOT NULL;
DELETE FROM alerts WHERE decision_id IS NOT NULL;
DROP TABLE decisions;
ALTER TABLE decisions_v5 RENAME TO decisions;
CREATE INDEX decisions_by_run ON decisions (run_id, standing, id);
INSERT INTO alerts SELECT * FROM alerts_kept;
DROP TABLE alerts_kept;

-- One line per run with the figures people look at first, its identity, testbed and verdict
-- (its latest standing decision's).
CREATE VIEW v_runs AS
SELECT
    r.id,
    r.uuid,
    r.testbed,
    r.started_at,
    r.ended_at,
    round((julianday(r.ended_at) - julianday(r.started_at)) * 86400.0, 1) AS duration_s,
    r.status,
    r.reason,
    r.purpose,
    r.parent_run_id,
    r.suite,
    r.label,
    r.git_commit,
    r.tool_version,
    r.host,
    (SELECT s.median FROM summaries s JOIN metrics m ON m.id = s.metric_id
      WHERE s.run_id = r.id AND m.name = 'creation.create_start_s') AS creation_median_s,
    (SELECT s.median FROM summaries s JOIN metrics m ON m.id = s.metric_id
      WHERE s.run_id = r.id AND m.name = 'parallel.efficiency') AS parallel_efficiency,
    (SELECT s.max FROM summaries s JOIN metrics m ON m.id = s.metric_id
      WHERE s.run_id = r.id AND m.name = 'cleanup.failures') AS cleanup_failures,
    (SELECT count(*) FROM alerts a WHERE a.run_id = r.id) AS alerts,
    (SELECT d.verdict FROM decisions d WHERE d.run_id = r.id AND d.standing = 1 ORDER BY d.id DESC LIMIT 1) AS verdict,
    (SELECT group_concat(b.name, ', ') FROM baselines b WHERE b.run_id = r.id) AS baselines
FROM runs r;

-- Alerts with the run they were raised for and the decision that raised them.
CREATE VIEW v_alerts AS
SELECT
    a.run_id,
    r.uuid AS run_uuid,
    r.testbed,
    r.started_at,
    r.label,
    a.decision_id,
    a.baseline_name,
    a.baseline_run_id,
    a.rule,
    a.metric,
    a.baseline_value,
    a.current_value,
    a.change,
    a.moved_phase,
    a.message,
    a.created_at
FROM alerts a
JOIN runs r ON r.id = a.run_id;

-- Every gate decision, oldest first per run: is_latest marks the newest, is_verdict the run's
-- verdict (its latest standing decision; a newer one-off does not replace it).
CREATE VIEW v_decisions AS
SELECT
    d.id,
    d.run_id,
    r.uuid AS run_uuid,
    r.testbed,
    d.decided_at,
    d.verdict,
    d.alert_count,
    d.baseline_kind,
    d.baseline_name,
    d.baseline_label,
    d.baseline_runs,
    d.tool_version,
    d.id = (SELECT max(d2.id) FROM decisions d2 WHERE d2.run_id = d.run_id) AS is_latest,
    d.missing_count,
    d.standing,
    d.baseline_sha256,
    d.standing = 1
      AND d.id = (SELECT max(d3.id) FROM decisions d3 WHERE d3.run_id = d.run_id AND d3.standing = 1) AS is_verdict
FROM decisions d
JOIN runs r ON r.id = d.run_id;
