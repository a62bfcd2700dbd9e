import BenchModel
import Foundation

/// The records read from rows: one reading for every backend.
extension RunRecord {
    /// Columns: id, uuid, testbed, started_ms, ended_ms, status, reason, suite, label, git_commit,
    /// tool_version, configuration, purpose, parent_run_id, host, pid.
    package init(row: some StoredRow) throws {
        let id = try row.int64("id")
        self.init(
            id: id, uuid: try row.uuid("uuid"), testbed: try row.text("testbed"),
            startedAt: try row.date(milliseconds: "started_ms"),
            endedAt: try row.optionalDate(milliseconds: "ended_ms"),
            status: try row.value(RunStatus.self, "status"), reason: try row.optionalText("reason"),
            suite: try row.text("suite"),
            label: try row.optionalText("label"), gitCommit: try row.optionalText("git_commit"),
            toolVersion: try row.text("tool_version"),
            configurationJSON: try row.json("configuration", of: "run \(id)"),
            purpose: try row.value(RunPurpose.self, "purpose"),
            parentRunID: try row.optionalInt64("parent_run_id"), host: try row.text("host"),
            pid: Int32(truncatingIfNeeded: try row.int64("pid")))
    }
}

extension MetricSummary {
    /// Columns: metric (its name), n, mean, median, min, max, stddev, p95.
    package init(row: some StoredRow) throws {
        self.init(
            metric: MetricID(try row.text("metric")), n: try row.int("n"), mean: try row.double("mean"),
            median: try row.double("median"),
            min: try row.double("min"), max: try row.double("max"), stddev: try row.double("stddev"),
            p95: try row.double("p95"))
    }
}

extension DecisionRecord {
    /// Columns: id, run_id, decided_ms, tool_version, verdict, alert_count, missing_count, standing,
    /// baseline_kind, baseline_name, baseline_label, baseline_runs (JSON), baseline_sha256, document,
    /// digest (nil before schema version 6), previous_id and previous_digest (its link in the run's
    /// chain, `DecisionChain`), stored_alerts (the alerts stored under it).
    package init(row: some StoredRow) throws {
        let id = try row.int64("id")
        let runs = try row.json("baseline_runs", of: "decision \(id)")
        guard let references = try? StrictJSONDecoder().decode([BaselineReference.Run].self, from: runs) else {
            throw row.invalid("decisions.baseline_runs", expected: "a JSON list of runs")
        }
        guard let verdict = GateVerdict(rawValue: try row.text("verdict")) else {
            throw row.invalid("decisions.verdict", expected: "passed, alert, missing or incomplete")
        }
        self.init(
            id: id, runID: try row.int64("run_id"),
            decidedAt: try row.date(milliseconds: "decided_ms"),
            toolVersion: try row.text("tool_version"), verdict: verdict,
            alertCount: try row.int("alert_count"), missingCount: try row.int("missing_count"),
            standing: try row.bool("standing"),
            baseline: BaselineReference(
                kind: try row.text("baseline_kind"), name: try row.optionalText("baseline_name"),
                label: try row.optionalText("baseline_label"), runs: references,
                sha256: try row.optionalText("baseline_sha256")),
            document: try row.json("document", of: "decision \(id)"))
        try checkSeal(row)
    }

    /// A decision changed outside sandbox-bench is damage, naming its run: its content must match
    /// its digest (`DecisionSeal`: with its link to the decision before it, or — stored before schema
    /// version 8 — alone; a decision stored before schema version 6 has none), and a
    /// `passed` verdict can have no alert and no missing metric, counted or stored under it.
    private func checkSeal(_ row: some StoredRow) throws {
        let owner = "decision \(id ?? 0) of run \(runID)"
        let storedAlerts = try row.int("stored_alerts")
        if verdict == .passed && (alertCount > 0 || missingCount > 0 || storedAlerts > 0) {
            throw row.invalid(
                owner,
                expected: "a possible verdict: it says passed beside \(max(alertCount, storedAlerts)) alert(s) and "
                    + "\(missingCount) missing metric(s), so it was changed outside sandbox-bench")
        }
        guard let digest = try row.optionalText("digest") else { return }
        let previous = try row.optionalInt64("previous_id").map {
            DecisionChain.Predecessor(id: $0, digest: try row.optionalText("previous_digest"))
        }
        guard digest == DecisionSeal.digest(of: self, after: previous) || digest == DecisionSeal.contentDigest(of: self)
        else {
            throw row.invalid(
                owner,
                expected: "the content its digest seals (its verdict, baseline or document was changed "
                    + "outside sandbox-bench)")
        }
    }
}

extension StoredBaselineFile {
    /// Columns: sha256, content. The content must still have its hash.
    package init(row: some StoredRow) throws {
        self.init(content: try row.text("content"))
        guard sha256 == (try row.text("sha256")) else {
            throw row.invalid("baseline_files.content", expected: "the content its sha256 names")
        }
    }
}

extension AlertRecord {
    /// Columns: baseline_run_id, baseline_name, rule, metric, baseline_value, current_value,
    /// change, moved_phase, message, created_ms.
    package init(row: some StoredRow) throws {
        self.init(
            baselineRunID: try row.optionalInt64("baseline_run_id"),
            baselineName: try row.optionalText("baseline_name"),
            rule: try row.text("rule"), metric: MetricID(try row.text("metric")),
            baselineValue: try row.optionalDouble("baseline_value"),
            currentValue: try row.optionalDouble("current_value"), change: try row.optionalDouble("change"),
            movedPhase: try row.optionalText("moved_phase").flatMap(LifecyclePhase.init(rawValue:)),
            message: try row.text("message"),
            createdAt: try row.date(milliseconds: "created_ms"))
    }
}

extension BaselineRecord {
    /// Columns: testbed, name, run_id, created_ms, note.
    package init(row: some StoredRow) throws {
        self.init(
            testbed: try row.text("testbed"), name: try row.text("name"), runID: try row.int64("run_id"),
            createdAt: try row.date(milliseconds: "created_ms"), note: try row.optionalText("note"))
    }
}

extension EnvironmentFingerprint {
    /// Columns: those of the `environments` table.
    package init(row: some StoredRow) throws {
        self.init(
            host: try row.text("host"), cpuModel: try row.text("cpu_model"), cpuCount: try row.int("cpu_count"),
            memoryBytes: try row.int64("memory_bytes"), kernel: try row.text("kernel"), os: try row.text("os"),
            dockerVersion: try row.text("docker_version"), apiVersion: try row.text("api_version"),
            containerdVersion: try row.text("containerd_version"), runcVersion: try row.text("runc_version"),
            storageDriver: try row.text("storage_driver"), cgroupVersion: try row.text("cgroup_version"),
            defaultRuntime: try row.text("default_runtime"), imageID: try row.text("image_id"),
            seccompProfileHash: try row.text("seccomp_profile_hash"))
    }
}

extension RecordedSample {
    /// The column of a sample that holds a lifecycle phase of its container: `create_s`, `start_s`, ….
    package static func column(of phase: LifecyclePhase) -> String { "\(phase.rawValue)_s" }

    /// Columns: spec, metric, iteration, value and the phase columns.
    package init(row: some StoredRow) throws {
        var phases = PhaseTimings()
        for phase in LifecyclePhase.allCases { phases[phase] = try row.optionalDouble(Self.column(of: phase)) }
        self.init(
            spec: try row.text("spec"),
            sample: Sample(
                metric: MetricID(try row.text("metric")), iteration: try row.int("iteration"),
                value: try row.double("value"),
                phases: phases.isEmpty ? nil : phases))
    }
}

extension RecordedCheck {
    /// Columns: spec, name, passed, informational, detail.
    package init(row: some StoredRow) throws {
        self.init(
            spec: try row.text("spec"),
            check: CheckResult(
                name: try row.text("name"), passed: try row.bool("passed"),
                informational: try row.bool("informational"),
                detail: try row.text("detail")))
    }
}

extension RecordedFailure {
    /// Columns: spec, metric, iteration, reason, output.
    package init(row: some StoredRow) throws {
        self.init(
            spec: try row.text("spec"),
            failure: SampleFailure(
                metric: try row.optionalText("metric").map(MetricID.init(rawValue:)),
                iteration: try row.int("iteration"),
                reason: try row.text("reason"), output: try row.text("output")))
    }
}

extension RecordedContainer {
    /// Columns: spec, container_id, iteration, removed, removal_error.
    package init(row: some StoredRow) throws {
        self.init(
            spec: try row.text("spec"),
            container: ContainerRecord(
                id: try row.text("container_id"), iteration: try row.int("iteration"), removed: try row.bool("removed"),
                removalError: try row.optionalText("removal_error")))
    }
}

extension RecordedNote {
    /// Columns: spec, text.
    package init(row: some StoredRow) throws {
        self.init(spec: try row.text("spec"), text: try row.text("text"))
    }
}

extension SpecRecord {
    /// Columns: spec, wall_s.
    package init(row: some StoredRow) throws {
        self.init(spec: try row.text("spec"), wallSeconds: try row.double("wall_s"))
    }
}
