import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Logging
import Regression
import Reporting
import ResultsStore
import SQLiteStore
import StoreTestSupport
import TestSupport

/// A results database with six real stored runs, written through the store's own API:
///
/// 1. completed, the baseline `default`
/// 2. completed
/// 3. failed after the creation spec (engine down)
/// 4. completed, labelled `<script>…`, two cleanup failures and a container left behind; gated: one alert
/// 5. aborted after the creation spec
/// 6. completed, creation 50 % slower, markup in a note and a container's output; gated: one alert
struct StoredRuns {
    static let scriptLabel = "<script>alert(\"x\")</script> & co"
    static let outputWithMarkup = "line 1\n</pre><script>alert(1)</script>\n\"quoted\" & done"
    /// The specs each run planned (its suite narrowed to them): the rules of the others are skipped.
    static let specs = ["creation", "parallel", "cleanup", "e2e", "overhead_simple"]
    /// The parallel-efficiency floor of these tests: the fixture's efficiency (≈ 0.62) passes it.
    static let configuration = RegressionConfiguration(minParallelEfficiency: 0.5)

    let directory: TemporaryDirectory
    let database: any ResultsStore
    /// Run ids in the order above.
    let ids: [Int64]

    var baseline: Int64 { ids[0] }
    var failed: Int64 { ids[2] }
    var labelled: Int64 { ids[3] }
    var aborted: Int64 { ids[4] }
    var regressed: Int64 { ids[5] }

    static func make() async throws -> StoredRuns {
        let directory = try TemporaryDirectory(prefix: "reporting-test")
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let start = Date(timeIntervalSince1970: 1_767_232_800)  // 2026-01-01 02:00 UTC
        var ids: [Int64] = []
        for night in 0..<6 {
            let startedAt = start.addingTimeInterval(Double(night) * 86_400)
            let label = night == 3 ? scriptLabel : "nightly"
            let id = try await database.beginRun(
                NewRun(
                    suite: "full, specs: \(specs.joined(separator: ", "))", label: label, gitCommit: "abc123",
                    configurationJSON: PlannedConfiguration.json(specs: specs), startedAt: startedAt))
            ids.append(id)
            try await database.recordEnvironment(environment(runc: night >= 5 ? "1.1.12" : "1.1.5"), for: id)
            let slowdown = night == 5 ? 1.5 : 1.0
            try await database.recordSpec(
                creation(base: 0.30 + Double(night) * 0.002, factor: slowdown), for: id, recordedAt: startedAt)
            switch night {
            case 2:
                try await database.finishRun(
                    id, status: .failed, reason: "The engine <dockerd> stopped answering.", endedAt: startedAt + 5)
                continue
            case 4:
                try await database.finishRun(
                    id, status: .aborted, reason: "Interrupted by SIGTERM.", endedAt: startedAt + 5)
                continue
            default:
                break
            }
            try await database.recordSpec(parallel(), for: id, recordedAt: startedAt + 10)
            try await database.recordSpec(cleanup(failures: night == 3 ? 2 : 0), for: id, recordedAt: startedAt + 20)
            try await database.recordSpec(
                endToEnd(night: night, withOutput: night == 5), for: id, recordedAt: startedAt + 30)
            try await database.recordSpec(overhead(), for: id, recordedAt: startedAt + 40)
            try await database.recordSpec(
                SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 0)]),
                for: id,
                recordedAt: startedAt + 50)
            try await database.finishRun(id, status: .completed, reason: nil, endedAt: startedAt + 60)
            if night == 0 { try await database.setBaseline(name: BaselineResolver.defaultName, run: id) }
            if night == 3 || night == 5 { try await gate(id, database: database) }
        }
        return StoredRuns(directory: directory, database: database, ids: ids)
    }

    /// What `gate` does: compare with the default baseline and store the decision with its alerts.
    @discardableResult
    static func gate(
        _ id: Int64, database: any ResultsStore, configuration: RegressionConfiguration = configuration,
        baseline: String? = nil
    ) async throws -> RegressionGate.Outcome {
        let candidate = try await database.read { try $0.run(id) }
        return try await RegressionGate(store: database, progress: SilentProgress(), logger: Logger(label: "test"))
            .evaluate(
                RegressionGate.Request(
                    candidate: candidate, settings: .init(baseline: baseline, configuration: configuration)))
    }

    static func environment(runc: String) -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            host: "bench <01>", cpuModel: "Test CPU", cpuCount: 2, memoryBytes: 8 << 30, kernel: "6.1.0",
            os: "Debian 12",
            dockerVersion: "20.10.24", apiVersion: "1.41", containerdVersion: "1.6.20", runcVersion: runc,
            storageDriver: "overlay2", cgroupVersion: "2", defaultRuntime: "runc", imageID: "sha256:abc",
            seccompProfileHash: "f00")
    }

    /// Phases that add up exactly: create 0.02 s, start = value − 0.02 s, then run, logs and remove.
    static func phases(creationValue value: Double) -> PhaseTimings {
        PhaseTimings([.create: 0.02, .start: value - 0.02, .run: 0.07, .logs: 0.005, .remove: 0.015])
    }

    static func creation(base: Double, factor: Double) -> SpecResult {
        var spec = SpecResult(spec: "creation", wallSeconds: 5)
        for iteration in 0..<8 {
            let value = (base + Double(iteration) * 0.01) * factor
            spec.samples.append(
                Sample(metric: .creationTime, iteration: iteration, value: value, phases: phases(creationValue: value)))
        }
        spec.checks.append(CheckResult(name: "creation mean < 3 s", passed: true, detail: "mean below 3 s"))
        return spec
    }

    static func parallel() -> SpecResult {
        var spec = SpecResult(spec: "parallel", wallSeconds: 5)
        for (iteration, efficiency) in [0.60, 0.62, 0.64].enumerated() {
            spec.samples.append(Sample(metric: .parallelEfficiency, iteration: iteration, value: efficiency))
        }
        spec.checks.append(CheckResult(name: "speedup ≥ 2.0", passed: true, detail: "speedup 3.1"))
        return spec
    }

    static func cleanup(failures: Int) -> SpecResult {
        var spec = SpecResult(spec: "cleanup", wallSeconds: 2)
        for iteration in 0..<5 {
            spec.samples.append(
                Sample(metric: "cleanup.remove_s", iteration: iteration, value: 0.018 + Double(iteration) * 0.001))
            spec.containers.append(
                ContainerRecord(
                    id: "c\(iteration)abcdef0123456789", iteration: iteration,
                    removed: !(failures > 0 && iteration == 0),
                    removalError: failures > 0 && iteration == 0 ? "device <busy>" : nil))
        }
        // One failure count per iteration that failed: the total is `failures`.
        for iteration in 0..<max(1, failures) {
            spec.samples.append(Sample(metric: .cleanupFailures, iteration: iteration, value: failures > 0 ? 1 : 0))
        }
        spec.checks.append(CheckResult(name: "no cleanup failure", passed: failures == 0, detail: "\(failures) failed"))
        return spec
    }

    static func endToEnd(night: Int, withOutput: Bool) -> SpecResult {
        var spec = SpecResult(spec: "e2e", wallSeconds: 5)
        for iteration in 0..<5 {
            spec.samples.append(
                Sample(metric: "e2e.cycle_s", iteration: iteration, value: 0.44 + Double(iteration) * 0.01))
        }
        spec.samples.append(Sample(metric: .e2eFailures, iteration: 0, value: 0))
        if withOutput {
            spec.failures.append(
                SampleFailure(
                    metric: "e2e.cycle_s", iteration: 5, reason: "It printed <nothing>.", output: outputWithMarkup))
            spec.notes.append("A note with <b>markup</b> & an ampersand.")
        }
        return spec
    }

    static func overhead() -> SpecResult {
        var spec = SpecResult(spec: "overhead_simple", wallSeconds: 5)
        for iteration in 0..<4 {
            spec.samples.append(
                Sample(
                    metric: "overhead_simple.overhead_pct", iteration: iteration, value: 1900 + Double(iteration) * 10))
        }
        spec.checks.append(
            CheckResult(name: "overhead < 5 %", passed: false, informational: true, detail: "cold: informational"))
        return spec
    }

    func report(_ id: Int64, history: Int = ReportBuilder.defaultHistoryLength, baseline: String? = nil) async throws
        -> RunReport
    {
        try await ReportLoader(store: database, configuration: Self.configuration, historyLength: history)
            .report(run: String(id), baseline: baseline)
    }

    /// The Prometheus textfile of a stored run (`run` replaces the stored record), with its stored
    /// alerts unless `alertCount` is given.
    func prometheus(_ id: Int64, alertCount: Int? = nil, run: RunRecord? = nil) async throws -> String {
        let stored = try await database.run(id)
        let summaries = try await database.summaries(run: id)
        let alerts = try await database.alerts(run: id).count
        return PrometheusTextfile.render(run: run ?? stored, summaries: summaries, alertCount: alertCount ?? alerts)
    }

    /// Writes the Prometheus textfile of a stored run, as the workflow does.
    func writePrometheus(_ id: Int64, to path: String) async throws {
        try PrometheusTextfile.write(
            run: try await database.run(id), summaries: try await database.summaries(run: id),
            alertCount: try await database.alerts(run: id).count, to: path)
    }
}
