import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Regression
import Reporting
import ResultsStore
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing

/// Which exit code wins when several things went wrong (README, "Exit codes"): an alert (1),
/// then a run that did not complete (4), then a run missing a metric (4), then a baseline
/// missing one (2). No engine: the gates judge stored runs.
@Suite struct ConclusionTests {
    static let failed = SuiteFailure(runID: 2, specs: ["creation"])
    static let incomplete = IncompleteRunError(
        run: RunRecord(
            id: 2, uuid: UUID(), testbed: "host", startedAt: Date(), endedAt: Date(), status: .failed,
            reason: "no valid samples from: creation", suite: "quick", label: nil, gitCommit: nil, toolVersion: "0.1.0",
            configurationJSON: "{}", purpose: .main, parentRunID: nil, host: "host", pid: 1))
    static let missingFromRun = MissingMetricError(
        run: 2, side: .candidate, metrics: [.creationTime], baseline: "baseline \"default\" (run 1)")
    static let missingFromBaseline = MissingMetricError(
        run: 2, side: .baseline, metrics: [.creationTime], baseline: "baseline \"default\" (run 1)")

    /// Each case leaves out what wins in the one before: the next in line wins then.
    @Test func theMoreSpecificNewsWins() {
        let everything = Conclusion.deciding(
            alerts: 2, failedRuns: [Self.failed], incomplete: Self.incomplete,
            missing: [Self.missingFromBaseline, Self.missingFromRun])
        #expect(everything.exitCode == 1)

        let noAlert = Conclusion.deciding(
            alerts: 0, failedRuns: [Self.failed], incomplete: Self.incomplete,
            missing: [Self.missingFromBaseline, Self.missingFromRun])
        #expect(noAlert.exitCode == 4)
        #expect(noAlert.error as? SuiteFailure == Self.failed)

        let gatedOnly = Conclusion.deciding(
            alerts: 0, incomplete: Self.incomplete, missing: [Self.missingFromBaseline, Self.missingFromRun])
        #expect(gatedOnly.exitCode == 4)
        #expect(gatedOnly.error is IncompleteRunError)

        // The run lacking a metric comes before the baseline lacking one, whatever the order given.
        let bothMissing = Conclusion.deciding(alerts: 0, missing: [Self.missingFromBaseline, Self.missingFromRun])
        #expect(bothMissing.exitCode == 4)
        #expect(bothMissing.error as? MissingMetricError == Self.missingFromRun)

        let baselineMissing = Conclusion.deciding(alerts: 0, missing: [Self.missingFromBaseline])
        #expect(baselineMissing.exitCode == 2)
        #expect(baselineMissing.error as? MissingMetricError == Self.missingFromBaseline)

        let passed = Conclusion.deciding(alerts: 0)
        #expect(passed.exitCode == 0)
        #expect(!passed.fails)
        #expect(passed.error == nil)
    }

    /// A file that could not be written is a warning when the command fails anyway, and the end
    /// of a command that would pass.
    @Test func aFileThatCannotBeWrittenNeverHidesAFailingExitCode() throws {
        let unwritable = ReportWriteError.cannotWrite(path: "/r/latest.html", reason: "read-only file system")
        for failing in [Conclusion.regression(alerts: 1), .failure(Self.failed), .failure(Self.missingFromBaseline)] {
            #expect(failing.fails)
            #expect(try failing.keeping([unwritable]).count == 1)
        }
        #expect(throws: ReportWriteError.self) { try Conclusion.passed.keeping([unwritable]) }
        #expect(try Conclusion.passed.keeping([]).isEmpty)
    }

    /// The same precedence from real gate outcomes: `run --gate` of a run that failed, `gate` of it
    /// later, a run and a baseline that lack a metric.
    @Test func gatedRunsConcludeByThePrecedence() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let baseline = try await RegressionGateTests.store(database, creation: [0.20, 0.20, 0.21])
        try await database.setBaseline(name: "default", run: baseline.id)
        let gate = RegressionGateTests.gate(database)

        // A failed run that left containers behind: the alert wins over its failure.
        let leaky = try await Self.failedRun(database, leftover: 3)
        let leakyGate = try await gate.evaluate(.init(candidate: leaky))
        let measured = BenchmarkRun.Outcome(runID: leaky.id, status: .failed, invalidSpecs: ["creation"])
        #expect(Conclusion(gate: leakyGate, candidate: leaky, measured: [measured]).exitCode == 1)

        // Without an alert, the run's own failure names its specs (`run --gate`); `gate` of the
        // stored run says that a run that did not complete cannot pass.
        let clean = try await Self.failedRun(database, leftover: 0)
        let cleanGate = try await gate.evaluate(.init(candidate: clean))
        let cleanRun = BenchmarkRun.Outcome(runID: clean.id, status: .failed, invalidSpecs: ["creation"])
        let ran = Conclusion(gate: cleanGate, candidate: clean, measured: [cleanRun])
        #expect(ran.exitCode == 4)
        #expect(ran.error as? SuiteFailure == SuiteFailure(runID: clean.id, specs: ["creation"]))
        let gated = Conclusion(gate: cleanGate, candidate: clean)
        #expect(gated.exitCode == 4)
        #expect((gated.error as? IncompleteRunError)?.run.id == clean.id)
        // A run without a gate that failed: its failure.
        #expect(Conclusion(gate: nil, candidate: clean, measured: [cleanRun]).error is SuiteFailure)

        // A completed run that lost the creation samples its plan promised: 4.
        let lost = try await Self.completedRun(database, creation: [])
        let lostConclusion = Conclusion(gate: try await gate.evaluate(.init(candidate: lost)), candidate: lost)
        #expect(lostConclusion.exitCode == 4)
        #expect((lostConclusion.error as? MissingMetricError)?.side == .candidate)

        // A baseline that planned creation and has none cannot serve: 2.
        let hollow = try await Self.completedRun(database, creation: [])
        let candidate = try await Self.completedRun(database, creation: [0.2, 0.21, 0.22])
        let hollowGate = try await gate.evaluate(.init(candidate: candidate, baseline: String(hollow.id)))
        let hollowConclusion = Conclusion(gate: hollowGate, candidate: candidate)
        #expect(hollowConclusion.exitCode == 2)
        #expect((hollowConclusion.error as? MissingMetricError)?.side == .baseline)

        // Against the good baseline the same candidate passes.
        let good = try await gate.evaluate(.init(candidate: candidate, baseline: "default"))
        #expect(Conclusion(gate: good, candidate: candidate).exitCode == 0)
    }

    /// A run of the creation and cleanup specs that failed (no valid creation sample), with
    /// `leftover` containers left behind.
    static func failedRun(_ database: any ResultsStore, leftover: Double) async throws -> RunRecord {
        let id = try await database.beginRun(
            NewRun(
                suite: "quick",
                configurationJSON: PlannedConfiguration.json(suite: "quick", specs: RegressionGateTests.specs)))
        try await database.recordSpec(
            SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: leftover)]),
            for: id)
        try await database.finishRun(id, status: .failed, reason: "no valid samples from: creation")
        return try await database.run(id)
    }

    /// A completed run of the creation and cleanup specs with these creation samples (none: the
    /// plan promised creation and the run has none).
    static func completedRun(_ database: any ResultsStore, creation: [Double]) async throws -> RunRecord {
        let id = try await database.beginRun(
            NewRun(
                suite: "quick",
                configurationJSON: PlannedConfiguration.json(suite: "quick", specs: RegressionGateTests.specs)))
        if !creation.isEmpty {
            let samples = creation.enumerated().map { Sample(metric: .creationTime, iteration: $0, value: $1) }
            try await database.recordSpec(SpecResult(spec: "creation", samples: samples), for: id)
        }
        try await database.recordSpec(
            SpecResult(spec: "cleanup", samples: [Sample(metric: .cleanupFailures, iteration: 0, value: 0)]), for: id)
        try await database.recordSpec(
            SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 0)]), for: id)
        try await database.finishRun(id, status: .completed)
        return try await database.run(id)
    }
}
