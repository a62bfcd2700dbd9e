import BenchModel
import BenchSuite
import BenchWorkflow
import EngineInterface
import Foundation
import Logging
import Regression
import ResultsStore
import SQLiteStore
import Sandbox
import StoreTestSupport
import TestSupport
import Testing

/// The gate over stored runs (no engine needed: nothing is re-run without --confirm).
@Suite struct RegressionGateTests {
    /// Stores a completed run of the creation and cleanup specs (its suite narrowed to them) whose
    /// creation samples are `creation` (seconds, each with a start phase of 80 % of it).
    static func store(_ database: any ResultsStore, creation: [Double], cleanupFailures: Double = 0) async throws
        -> RunRecord
    {
        let id = try await database.beginRun(
            NewRun(suite: "quick", configurationJSON: PlannedConfiguration.json(suite: "quick", specs: specs)))
        let samples = creation.enumerated().map { index, value in
            Sample(
                metric: .creationTime, iteration: index, value: value,
                phases: PhaseTimings([.create: value * 0.2, .start: value * 0.8]))
        }
        try await database.recordSpec(SpecResult(spec: "creation", samples: samples), for: id)
        try await database.recordSpec(
            SpecResult(
                spec: "cleanup", samples: [Sample(metric: .cleanupFailures, iteration: 0, value: cleanupFailures)]),
            for: id)
        try await database.recordSpec(
            SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 0)]), for: id)
        try await database.finishRun(id, status: .completed)
        return try await database.run(id)
    }

    static let specs = ["creation", "cleanup"]

    static func gate(_ database: any ResultsStore) -> RegressionGate {
        RegressionGate(store: database, progress: SilentProgress(), logger: Logger(label: "test"))
    }

    @Test func theFirstRunPassesAndBecomesTheReference() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let first = try await Self.store(database, creation: [0.2, 0.21, 0.19])
        let outcome = try await Self.gate(database).evaluate(.init(candidate: first))
        #expect(outcome.passed)
        #expect(outcome.isFirstReference)
        #expect(outcome.comparison.result.outcomes.first { $0.rule == "creation-slowdown" }?.status == .skipped)
        #expect(try await database.alerts(run: first.id).isEmpty)
    }

    @Test func aSlowerCreationRaisesAStoredAlertNamingThePhaseThatMoved() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let baseline = try await Self.store(database, creation: [0.20, 0.20, 0.21, 0.19, 0.20])
        try await database.setBaseline(name: "default", run: baseline.id)
        let candidate = try await Self.store(database, creation: [0.30, 0.31, 0.29, 0.30, 0.30])
        let outcome = try await Self.gate(database).evaluate(.init(candidate: candidate))
        #expect(!outcome.passed)
        #expect(outcome.alerts.map(\.rule) == ["creation-slowdown"])
        let stored = try await database.alerts(run: candidate.id)
        #expect(stored.count == 1)
        #expect(stored.first?.baselineRunID == baseline.id)
        #expect(stored.first?.baselineName == "default")
        #expect(stored.first?.movedPhase == .start)
        #expect(stored.first?.message.contains("50.0 % slower") == true)
    }

    @Test func anUnchangedRunPassesAndAReGateReplacesEarlierAlerts() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let baseline = try await Self.store(database, creation: [0.20, 0.21, 0.19])
        let candidate = try await Self.store(database, creation: [0.21, 0.21, 0.22])
        let strict = RegressionConfiguration(maxCreationSlowdown: 0.001)
        _ = try await Self.gate(database).evaluate(
            .init(candidate: candidate, baseline: String(baseline.id), configuration: strict))
        #expect(try await database.alerts(run: candidate.id).count == 1)
        let outcome = try await Self.gate(database).evaluate(.init(candidate: candidate, baseline: String(baseline.id)))
        #expect(outcome.passed)
        #expect(try await database.alerts(run: candidate.id).isEmpty)
    }

    @Test func aCleanupFailureAlertsWithoutAnyBaselineFigureAndIsNeverReRunAway() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        // The very first run: no baseline, and still the cleanup rule applies.
        let candidate = try await Self.store(database, creation: [0.2, 0.2], cleanupFailures: 1)
        // --confirm would need the engine for noise-prone alerts; a cleanup failure is final as it is.
        let outcome = try await Self.gate(database).evaluate(.init(candidate: candidate, confirmations: 3))
        #expect(outcome.isFirstReference)
        #expect(outcome.alerts.map(\.rule) == ["cleanup-failures"])
        #expect(outcome.confirmationRunIDs.isEmpty)
        #expect(try await database.alerts(run: candidate.id).map(\.metric) == [.cleanupFailures])
    }

    @Test func aRunningCandidateCannotBeGated() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let id = try await database.beginRun(NewRun(suite: "quick"))
        let candidate = try await database.run(id)
        await #expect(throws: ComparisonInputError.candidateNotCompleted(id: id, status: .running, reason: nil)) {
            try await Self.gate(database).evaluate(.init(candidate: candidate))
        }
    }

    /// A run whose containers could not be removed fails (no valid samples) and still alerts.
    @Test func aFailedCandidateIsGatedByTheRulesThatNeedNoBaseline() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let baseline = try await Self.store(database, creation: [0.20, 0.20, 0.21])
        try await database.setBaseline(name: "default", run: baseline.id)
        let id = try await database.beginRun(NewRun(suite: "quick"))
        try await database.recordSpec(
            SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 20)]), for: id)
        try await database.finishRun(id, status: .failed, reason: "no valid samples from: creation")
        let outcome = try await Self.gate(database).evaluate(
            .init(candidate: try await database.run(id), confirmations: 2))
        #expect(outcome.alerts.map(\.metric) == [.leftoverContainers])
        #expect(outcome.comparison.isIncomplete)
        #expect(!outcome.isFirstReference)
        #expect(outcome.comparison.baseline == nil)
        #expect(outcome.confirmationRunIDs.isEmpty)
        #expect(try await database.alerts(run: id).map(\.metric) == [.leftoverContainers])
        let decision = try GateDecision(document: try #require(try await database.decisions(run: id).last).document)
        #expect(decision.baseline.kind == "none")
        #expect(decision.baseline.label == "not compared: the run failed")

        // Without a cleanup failure, a failed run raises nothing: the command line then exits 4.
        let clean = try await database.beginRun(NewRun(suite: "quick"))
        try await database.finishRun(clean, status: .failed, reason: "no valid samples from: creation")
        let incomplete = try await Self.gate(database).evaluate(.init(candidate: try await database.run(clean)))
        #expect(!incomplete.passed)
        #expect(incomplete.alerts.isEmpty)
        #expect(incomplete.decision.verdict == .incomplete)
        #expect(incomplete.comparison.isIncomplete)
        #expect(try await database.decisions(run: clean).last?.verdict == .incomplete)
    }

    /// Confirmation that cannot run (its engine does not answer) leaves the alert standing, and says so.
    @Test func whenConfirmationCannotRunTheAlertsStandUnconfirmed() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let baseline = try await Self.store(database, creation: [0.20, 0.20, 0.21])
        let unreachable = RunConfiguration(
            plan: SuitePlan(suite: .quick, only: [.creation]),
            profile: SandboxProfile(engine: DockerHost(socketPath: directory.file("no-engine.sock"))),
            hostInterpreter: nil, hostInterpreterVersion: nil, cpuCount: 2)
        let id = try await database.beginRun(NewRun(suite: "quick", configurationJSON: unreachable.json))
        let samples = [0.30, 0.31, 0.29].enumerated().map {
            Sample(metric: .creationTime, iteration: $0.offset, value: $0.element)
        }
        try await database.recordSpec(SpecResult(spec: "creation", samples: samples), for: id)
        try await database.finishRun(id, status: .completed)
        let outcome = try await Self.gate(database).evaluate(
            .init(candidate: try await database.run(id), baseline: String(baseline.id), confirmations: 2))
        #expect(outcome.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(outcome.dismissed.isEmpty)
        #expect(outcome.confirmationNote?.hasPrefix("confirmation could not run (") == true)
        let decision = try GateDecision(document: try #require(try await database.decisions(run: id).last).document)
        #expect(decision.confirmation?.note == outcome.confirmationNote)
        #expect(decision.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(try await database.alerts(run: id).count == 1)
    }
}

/// Every gate evaluation is stored with what made it; a re-gate adds a decision, never replaces one.
@Suite struct StoredDecisionTests {
    @Test func aGateStoresItsRulesBaselineOutcomesAndConfigurationFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let baseline = try await RegressionGateTests.store(database, creation: [0.20, 0.20, 0.21])
        try await database.setBaseline(name: "default", run: baseline.id)
        let candidate = try await RegressionGateTests.store(database, creation: [0.22, 0.22, 0.23])
        let strict = RegressionConfiguration(maxCreationSlowdown: 0.05)
        let file = GateDecision.ConfigurationFile(
            path: "/etc/sandbox-bench.json", content: #"{"maxCreationSlowdown": "5%"}"#)
        let gate = RegressionGateTests.gate(database)
        let first = try await gate.evaluate(.init(candidate: candidate, configuration: strict, configurationFile: file))
        let second = try await gate.evaluate(.init(candidate: candidate))
        #expect(!first.passed)
        #expect(second.passed)

        let stored = try await database.decisions(run: candidate.id)
        #expect(stored.map(\.passed) == [false, true])
        let decision = try GateDecision(document: stored[0].document)
        #expect(try decision.document() == first.decision.document())
        #expect(decision.configuration.maxCreationSlowdown == 0.05)
        #expect(decision.rules.first?.limit == .maxWorsening(0.05))
        #expect(decision.configurationFile?.sha256 == "sha256:" + SHA256.hex(of: Array(file.content.utf8)))
        #expect(decision.baseline.kind == "named")
        #expect(decision.baseline.name == "default")
        #expect(decision.baseline.runs == [.init(id: baseline.id, uuid: baseline.uuid)])
        #expect(decision.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(decision.toolVersion == ToolVersion.current)
        #expect(stored[0].baseline == decision.baseline)
        // The latest decision is the run's verdict: its alerts are the run's alerts.
        #expect(try await database.alerts(run: candidate.id).isEmpty)
    }
}
