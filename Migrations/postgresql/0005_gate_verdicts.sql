-- Schema version 5: a gate decision never passes silently, and cannot be quietly replaced
-- (see ../0005_gate_verdicts.sql): verdicts 'missing' and 'incomplete', the number of missing
-- metrics, one-off decisions (standing = false) that do not become the run's verdict, and the
-- content of every baseline file a decision compared with.

DROP VIEW v_runs;
DROP VIEW v_alerts;
DROP VIEW v_decisions;

CREATE TABLE baseline_files (
    sha256    text PRIMARY KEY,
    content   text NOT NULL,
    stored_at timestamptz NOT NULL
);

ALTER TABLE decisions DROP CONSTRAINT decisions_verdict_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_verdict_check
    CHECK (verdict IN ('passed', 'alert', 'missing', 'incomplete'));
ALTER TABLE decisions ADD COLUMN missing_count bigint NOT NULL DEFAULT 0 CHECK (missing_count >= 0);
ALTER TABLE decisions ADD COLUMN standing boolean NOT NULL DEFAULT true;
ALTER TABLE decisions ADD COLUMN baseline_sha256 text;
UPDATE decisions SET standing = false WHERE EXISTS (
    SELECT 1 FROM jsonb_array_elements(decisions.baseline_runs::jsonb) AS reference
    JOIN runs baseline ON baseline.uuid = lower(reference ->> 'uuid')
    JOIN runs candidate ON candidate.id = decisions.run_id
    WHERE baseline.testbed <> candidate.testbed);
DROP INDEX decisions_by_run;
CREATE INDEX decisions_by_run ON decisions (run_id, standing, id);

CREATE VIEW v_runs AS
SELECT
    r.id,
    r.uuid,
    r.testbed,
    r.started_at,
    r.ended_at,
    round(extract(epoch FROM r.ended_at - r.started_at), 1) AS duration_s,
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
    (SELECT d.verdict FROM decisions d WHERE d.run_id = r.id AND d.standing ORDER BY d.id DESC LIMIT 1) AS verdict,
    (SELECT string_agg(b.name, ', ') FROM baselines b WHERE b.run_id = r.id) AS baselines
FROM runs r;

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
    d.standing
      AND d.id = (SELECT max(d3.id) FROM decisions d3 WHERE d3.run_id = d.run_id AND d3.standing) AS is_verdict
FROM decisions d
JOIN runs r ON r.id = d.run_id;
