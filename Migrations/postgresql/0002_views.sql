-- Schema version 2 in PostgreSQL: the views of Migrations/0002_views.sql, with the same names
-- and columns, for psql. The tool itself does not depend on them.

CREATE VIEW v_runs AS
SELECT
    r.id,
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
    (SELECT string_agg(b.name, ', ') FROM baselines b WHERE b.run_id = r.id) AS baselines
FROM runs r;

CREATE VIEW v_samples AS
SELECT
    sr.run_id,
    r.started_at,
    r.status,
    sr.spec,
    m.name AS metric,
    s.iteration,
    s.value,
    m.unit,
    s.create_s,
    s.start_s,
    s.run_s,
    s.logs_s,
    s.remove_s
FROM samples s
JOIN spec_results sr ON sr.id = s.spec_result_id
JOIN runs r ON r.id = sr.run_id
JOIN metrics m ON m.id = s.metric_id;

CREATE VIEW v_metric_history AS
SELECT
    m.name AS metric,
    r.id AS run_id,
    r.started_at,
    r.status,
    r.purpose,
    r.label,
    s.n,
    s.median,
    s.mean,
    s.min,
    s.max,
    s.stddev,
    s.p95,
    m.unit,
    m.direction
FROM summaries s
JOIN metrics m ON m.id = s.metric_id
JOIN runs r ON r.id = s.run_id;

CREATE VIEW v_latest_summaries AS
SELECT
    r.id AS run_id,
    r.started_at,
    r.label,
    m.name AS metric,
    s.n,
    s.median,
    s.mean,
    s.min,
    s.max,
    s.stddev,
    s.p95,
    m.unit,
    m.direction
FROM summaries s
JOIN metrics m ON m.id = s.metric_id
JOIN runs r ON r.id = s.run_id
WHERE r.id = (
    SELECT id FROM runs
     WHERE purpose = 'main' AND status = 'completed'
     ORDER BY started_at DESC, id DESC
     LIMIT 1
);

CREATE VIEW v_checks AS
SELECT sr.run_id, sr.spec, c.name, c.passed, c.informational, c.detail
FROM checks c
JOIN spec_results sr ON sr.id = c.spec_result_id;

CREATE VIEW v_failures AS
SELECT sr.run_id, sr.spec, f.metric, f.iteration, f.reason, f.output
FROM failures f
JOIN spec_results sr ON sr.id = f.spec_result_id;

CREATE VIEW v_alerts AS
SELECT
    a.run_id,
    r.started_at,
    r.label,
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
