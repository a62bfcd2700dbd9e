-- The reference data every fixture database holds, in the tables of schema version 1.
-- MigrationTests expects exactly these rows to read back after migrating to the latest version.
INSERT INTO runs (id, started_at, ended_at, status, reason, suite, label, git_commit, tool_version, configuration,
                  purpose, parent_run_id, host, pid, process_start) VALUES
    (1, '2025-01-01T02:00:00.000Z', '2025-01-01T02:05:00.000Z', 'completed', NULL, 'default', 'fixture-completed',
        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '0.1.0', '{"iterations":3}', 'main', NULL, 'fixture-host', 101, 'boot:1'),
    (2, '2025-01-02T02:00:00.000Z', '2025-01-02T02:01:00.000Z', 'failed', 'The Docker engine did not answer.', 'default',
        'fixture-failed', NULL, '0.1.0', '{}', 'main', NULL, 'fixture-host', 102, 'boot:2'),
    (3, '2025-01-03T02:00:00.000Z', '2025-01-03T02:02:00.000Z', 'aborted', 'Interrupted by SIGTERM.', 'default',
        NULL, NULL, '0.1.0', '{}', 'main', NULL, 'fixture-host', 103, 'boot:3'),
    (4, '2025-01-03T03:00:00.000Z', '2025-01-03T03:05:00.000Z', 'completed', NULL, 'default', 'fixture-confirmation',
        NULL, '0.1.0', '{}', 'confirmation', 1, 'fixture-host', 104, 'boot:4');

INSERT INTO environments VALUES
    (1, 'fixture-host', 'Fixture CPU', 2, 8589934592, '6.1.0-13-amd64', 'Debian GNU/Linux 12 (bookworm)', '20.10.24',
        '1.41', '1.6.20', '1.1.5', 'overlay2', '2', 'runc', 'sha256:fixture', 'fixture-profile-hash');

INSERT INTO metrics (id, name, spec, unit, direction) VALUES
    (1, 'creation.create_start_s', 'creation', 's', 'smaller'),
    (2, 'parallel.efficiency', 'parallel', 'ratio', 'larger');

INSERT INTO spec_results (id, run_id, spec, wall_s, recorded_at) VALUES
    (1, 1, 'creation', 4.5, '2025-01-01T02:02:00.000Z'),
    (2, 1, 'parallel', 9.0, '2025-01-01T02:04:00.000Z'),
    (3, 2, 'creation', 1.5, '2025-01-02T02:00:30.000Z'),
    (4, 4, 'creation', 4.4, '2025-01-03T03:02:00.000Z');

INSERT INTO samples (spec_result_id, metric_id, iteration, value, create_s, start_s, run_s, logs_s, remove_s) VALUES
    (1, 1, 0, 0.30, 0.02, 0.28, 0.07, 0.007, 0.018),
    (1, 1, 1, 0.40, 0.03, 0.37, 0.08, 0.006, 0.019),
    (1, 1, 2, 0.35, 0.02, 0.33, 0.07, 0.007, NULL),
    (2, 2, 0, 0.34, NULL, NULL, NULL, NULL, NULL),
    (3, 1, 0, 0.50, 0.04, 0.46, NULL, NULL, NULL),
    (4, 1, 0, 0.31, 0.02, 0.29, 0.07, 0.007, 0.018);

INSERT INTO summaries (metric_id, run_id, n, mean, median, min, max, stddev, p95) VALUES
    (1, 1, 3, 0.35, 0.35, 0.30, 0.40, 0.05, 0.395),
    (2, 1, 1, 0.34, 0.34, 0.34, 0.34, 0.0, 0.34),
    (1, 2, 1, 0.50, 0.50, 0.50, 0.50, 0.0, 0.50),
    (1, 4, 1, 0.31, 0.31, 0.31, 0.31, 0.0, 0.31);

INSERT INTO checks (spec_result_id, name, passed, informational, detail) VALUES
    (1, 'creation mean < 3 s', 1, 0, 'mean 0.350 s'),
    (2, 'speedup >= 2.0', 0, 1, '2 cores for 5 containers');

INSERT INTO failures (spec_result_id, metric, iteration, reason, output) VALUES
    (3, 'creation.create_start_s', 1, 'The container could not be started.', 'Error response from daemon: fixture');

INSERT INTO notes (spec_result_id, text) VALUES (2, 'The host has 2 cores for 5 containers.');

INSERT INTO containers (spec_result_id, container_id, iteration, removed, removal_error) VALUES
    (1, 'c0', 0, 1, NULL), (1, 'c1', 1, 1, NULL), (1, 'c2', 2, 0, 'removal of container c2 is already in progress');

INSERT INTO baselines (name, run_id, created_at, note) VALUES
    ('fixture-baseline', 1, '2025-01-01T03:00:00.000Z', 'the reference run');

INSERT INTO alerts (run_id, baseline_run_id, baseline_name, rule, metric, baseline_value, current_value, change,
                    moved_phase, message, created_at) VALUES
    (2, 1, 'fixture-baseline', 'creation time more than 20 % slower', 'creation.create_start_s', 0.35, 0.50, 0.4286,
        'start', 'creation.create_start_s 0.350 s -> 0.500 s (+42.9 %)', '2025-01-02T02:01:00.000Z');
