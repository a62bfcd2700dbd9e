-- Schema version 1: every run, every sample, baselines and alerts.
--
-- Times are UTC text in ISO 8601 with milliseconds ('2025-11-26T15:34:00.123Z'): readable in
-- the sqlite3 shell, ordered by plain text comparison, understood by SQLite's date functions.
-- Every row that belongs to a run is deleted with it (ON DELETE CASCADE); a run that a
-- baseline points to cannot be deleted (ON DELETE RESTRICT).

-- 'SBNC': marks the file as a sandbox-bench results database (`PRAGMA application_id`).
PRAGMA application_id = 1396854339;

CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    started_at      TEXT    NOT NULL,
    ended_at        TEXT,
    status          TEXT    NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'completed', 'failed', 'aborted')),
    -- Why the run failed or was aborted; NULL for a completed run.
    reason          TEXT,
    suite           TEXT    NOT NULL,
    label           TEXT,
    git_commit      TEXT,
    tool_version    TEXT    NOT NULL,
    -- The full configuration the run used, as JSON.
    configuration   TEXT    NOT NULL DEFAULT '{}',
    -- 'main' for a scheduled or manual run, 'confirmation' for a re-run that checks an alert.
    purpose         TEXT    NOT NULL DEFAULT 'main' CHECK (purpose IN ('main', 'confirmation')),
    parent_run_id   INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    -- The process that writes the run. A `running` run whose process is gone was interrupted;
    -- the start identity (boot id and start time) tells a reused pid from the original process.
    host            TEXT    NOT NULL,
    pid             INTEGER NOT NULL,
    process_start   TEXT    NOT NULL
);

-- "Latest completed run" and "runs in time order".
CREATE INDEX runs_by_purpose_status_time ON runs (purpose, status, started_at, id);
CREATE INDEX runs_by_time ON runs (started_at, id);
CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

CREATE TABLE environments (
    run_id               INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    host                 TEXT    NOT NULL,
    cpu_model            TEXT    NOT NULL,
    cpu_count            INTEGER NOT NULL,
    memory_bytes         INTEGER NOT NULL,
    kernel               TEXT    NOT NULL,
    os                   TEXT    NOT NULL,
    docker_version       TEXT    NOT NULL,
    api_version          TEXT    NOT NULL,
    containerd_version   TEXT    NOT NULL,
    runc_version         TEXT    NOT NULL,
    storage_driver       TEXT    NOT NULL,
    cgroup_version       TEXT    NOT NULL,
    default_runtime      TEXT    NOT NULL,
    image_id             TEXT    NOT NULL,
    seccomp_profile_hash TEXT    NOT NULL
);

-- Every metric name seen so far, with the unit and direction its name implies. Samples and
-- summaries refer to it by number, which keeps ten years of raw samples small.
CREATE TABLE metrics (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    spec      TEXT NOT NULL,
    unit      TEXT NOT NULL CHECK (unit IN ('s', '%', 'ratio', 'count')),
    direction TEXT NOT NULL CHECK (direction IN ('smaller', 'larger'))
);

-- One row per spec of a run, written in the same transaction as everything below it.
CREATE TABLE spec_results (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    spec        TEXT    NOT NULL,
    -- Wall-clock seconds the spec took, warm-ups included.
    wall_s      REAL    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (run_id, spec)
);

-- Every raw sample. The phase columns hold the lifecycle of the container behind the sample
-- (NULL when the phase did not happen or no single container produced the sample).
CREATE TABLE samples (
    id             INTEGER PRIMARY KEY,
    spec_result_id INTEGER NOT NULL REFERENCES spec_results (id) ON DELETE CASCADE,
    metric_id      INTEGER NOT NULL REFERENCES metrics (id),
    iteration      INTEGER NOT NULL,
    value          REAL    NOT NULL,
    create_s       REAL,
    start_s        REAL,
    run_s          REAL,
    logs_s         REAL,
    remove_s       REAL
);

CREATE INDEX samples_by_spec_result_metric ON samples (spec_result_id, metric_id);

-- One summary per metric per run, computed from the samples when the spec is recorded.
-- Keyed by metric first: the history of one metric is one range of this table.
CREATE TABLE summaries (
    metric_id INTEGER NOT NULL REFERENCES metrics (id),
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    n         INTEGER NOT NULL CHECK (n > 0),
    mean      REAL    NOT NULL,
    median    REAL    NOT NULL,
    min       REAL    NOT NULL,
    max       REAL    NOT NULL,
    stddev    REAL    NOT NULL,
    p95       REAL    NOT NULL,
    PRIMARY KEY (metric_id, run_id)
) WITHOUT ROWID;

CREATE INDEX summaries_by_run ON summaries (run_id);

-- Comparisons with the original pytest suite's absolute targets ("mean < 3 s").
CREATE TABLE checks (
    id             INTEGER PRIMARY KEY,
    spec_result_id INTEGER NOT NULL REFERENCES spec_results (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
    informational  INTEGER NOT NULL CHECK (informational IN (0, 1)),
    detail         TEXT    NOT NULL
);

CREATE INDEX checks_by_spec_result ON checks (spec_result_id);

-- Iterations that produced no valid sample, with what the container printed.
CREATE TABLE failures (
    id             INTEGER PRIMARY KEY,
    spec_result_id INTEGER NOT NULL REFERENCES spec_results (id) ON DELETE CASCADE,
    metric         TEXT,
    iteration      INTEGER NOT NULL,
    reason         TEXT    NOT NULL,
    output         TEXT    NOT NULL
);

CREATE INDEX failures_by_spec_result ON failures (spec_result_id);

CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,
    spec_result_id INTEGER NOT NULL REFERENCES spec_results (id) ON DELETE CASCADE,
    text           TEXT    NOT NULL
);

CREATE INDEX notes_by_spec_result ON notes (spec_result_id);

-- Every container a spec created, and whether its removal succeeded.
CREATE TABLE containers (
    id             INTEGER PRIMARY KEY,
    spec_result_id INTEGER NOT NULL REFERENCES spec_results (id) ON DELETE CASCADE,
    container_id   TEXT    NOT NULL,
    iteration      INTEGER NOT NULL,
    removed        INTEGER NOT NULL CHECK (removed IN (0, 1)),
    removal_error  TEXT
);

CREATE INDEX containers_by_spec_result ON containers (spec_result_id);

-- A named reference run. Only completed runs qualify (checked by the tool); the run cannot
-- be deleted while a baseline points to it.
CREATE TABLE baselines (
    name       TEXT PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL,
    note       TEXT
);

CREATE INDEX baselines_by_run ON baselines (run_id);

-- What the regression gate found in a run. Gating a run again replaces its alerts.
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    baseline_run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    -- The baseline's name when one was named, NULL when the fallback rule picked the run.
    baseline_name   TEXT,
    rule            TEXT NOT NULL,
    metric          TEXT NOT NULL,
    baseline_value  REAL,
    current_value   REAL,
    -- The change the rule judged, as a fraction (0.201 = +20.1 %); NULL when not defined.
    change          REAL,
    -- The lifecycle phase whose median moved most, when the metric has phases.
    moved_phase     TEXT,
    message         TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE INDEX alerts_by_run ON alerts (run_id);
CREATE INDEX alerts_by_baseline_run ON alerts (baseline_run_id) WHERE baseline_run_id IS NOT NULL;
