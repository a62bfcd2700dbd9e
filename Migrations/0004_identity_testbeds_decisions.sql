-- Schema version 4: a stable identity for every run, the testbed it ran on, baselines per
-- testbed, and the gate's decisions.
--
-- * runs.uuid: the run's identity across databases and files (a baseline exported to CI, a
--   history copied into another store). Runs stored before get a random version-4 UUID here.
-- * runs.testbed: the machine (or pool of machines) a run measures; the host name unless a run
--   names another. Baselines and comparisons stay within a testbed unless asked otherwise.
-- * baselines: keyed by testbed and name, so that `default` on one host is not another's.
-- * decisions: every gate evaluation with everything that made it. The run's verdict is its
--   latest decision; alerts are the alerts that stood in that decision.

-- The views read the tables rebuilt below; they are dropped first and created again at the end.
DROP VIEW v_runs;
DROP VIEW v_alerts;

ALTER TABLE runs ADD COLUMN uuid TEXT;
UPDATE runs SET uuid = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX runs_by_uuid ON runs (uuid);
-- SQLite cannot add a NOT NULL column without a default; the trigger keeps every new run identified.
CREATE TRIGGER runs_need_a_uuid BEFORE INSERT ON runs WHEN NEW.uuid IS NULL
BEGIN
    SELECT RAISE(ABORT, 'a run needs a uuid');
END;

ALTER TABLE runs ADD COLUMN testbed TEXT NOT NULL DEFAULT '';
UPDATE runs SET testbed = host;
CREATE INDEX runs_by_testbed ON runs (testbed, purpose, status, started_at, id);

CREATE TABLE baselines_by_testbed (
    testbed    TEXT NOT NULL,
    name       TEXT NOT NULL,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL,
    note       TEXT,
    PRIMARY KEY (testbed, name)
);
INSERT INTO baselines_by_testbed (testbed, name, run_id, created_at, note)
    SELECT r.testbed, b.name, b.run_id, b.created_at, b.note FROM baselines b JOIN runs r ON r.id = b.run_id;
DROP TABLE baselines;
ALTER TABLE baselines_by_testbed RENAME TO baselines;
CREATE INDEX baselines_by_run ON baselines (run_id);

CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    decided_at     TEXT    NOT NULL,
    tool_version   TEXT    NOT NULL,
    -- 'passed' or 'alert': whether the gate exited 1 on it.
    verdict        TEXT    NOT NULL CHECK (verdict IN ('passed', 'alert')),
    alert_count    INTEGER NOT NULL CHECK (alert_count >= 0),
    -- How the baseline was chosen ('named', 'run', 'latest', 'window', 'fallback', 'file', 'none', ...),
    -- its name, its label, and its runs as a JSON array of {"id", "uuid"}.
    baseline_kind  TEXT    NOT NULL,
    baseline_name  TEXT,
    baseline_label TEXT,
    baseline_runs  TEXT    NOT NULL DEFAULT '[]',
    -- The whole decision as JSON: the rules and thresholds in force, the statistic, the
    -- configuration file (content and SHA-256), each rule's outcome with its numbers, the
    -- confirmation re-runs. Its shape is documented in docs/regression.md.
    document       TEXT    NOT NULL
);
CREATE INDEX decisions_by_run ON decisions (run_id, id);

ALTER TABLE alerts ADD COLUMN decision_id INTEGER REFERENCES decisions (id) ON DELETE CASCADE;

-- One line per run with the figures people look at first, its identity, testbed and verdict.
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
    (SELECT d.verdict FROM decisions d WHERE d.run_id = r.id ORDER BY d.id DESC LIMIT 1) AS verdict,
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

-- Every gate decision, newest last per run: the run's verdict is its latest one.
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
    d.id = (SELECT max(d2.id) FROM decisions d2 WHERE d2.run_id = d.run_id) AS is_latest
FROM decisions d
JOIN runs r ON r.id = d.run_id;
