import BenchModel
import BenchSuite
import BenchWorkflow
import EngineInterface
import EngineTestSupport
import Foundation
import Logging
import Regression
import ResultsStore
import SQLiteStore
import Sandbox
import SuiteTestSupport
import TestSupport
import Testing

/// A nightly run on a busy host, on an in-memory engine whose creation takes as long as the test
/// says and a host whose foreign load the test scripts: a relative alert on a spec measured while
/// the host was busy is withheld (never a pass, never a clean regression, no decision stored),
/// and a gate that measures the host's load measures that spec again — an alert on a quiet host
/// confirms it, a pass clears it, a host still busy leaves it withheld. Busy runs are no baseline.
@Suite struct BusyHostGateTests {
    struct Fixture {
        let engine: InMemoryEngine
        let store: any ResultsStore
        let directory: TemporaryDirectory

        init() async throws {
            engine = InMemoryEngine(images: [SandboxProfile.defaultImage], program: SuitePython().program)
            directory = try TemporaryDirectory()
            store = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        }

        /// What runs on the engine with `create` taking `create` and the host at `cores` of foreign
        /// load, some task of it waiting for I/O `ioWait` of the time.
        func dependencies(create: Duration, cores: Double, ioWait: Double = 0.02) -> BenchmarkRun.Dependencies {
            engine.setLatency { $0.operation == .create ? create : .milliseconds(1) }
            let host = ScriptedInterpreter()
            return .init(
                engines: engine, hostInterpreter: { _, _ in host.interpreter }, continuity: SimulatedContinuity(),
                hostLoad: { _ in
                    AnyHostLoadProbe(
                        ScriptedHostLoad(loads: [], then: ScriptedHostLoad.cpu(cores, ioWaitShare: ioWait)),
                        window: .milliseconds(1), retakeWait: .milliseconds(2))
                })
        }

        /// A stored nightly run of the creation and cleanup specs.
        func run(create: Duration, cores: Double, ioWait: Double = 0.02) async throws -> RunRecord {
            var profile = SandboxProfile()
            profile.engine = engine.host
            let outcome = try await BenchmarkRun(
                request: .init(
                    plan: SuitePlan(suite: .quick, only: [.creation, .cleanup], iterations: 6), profile: profile,
                    hostLoad: HostLoadPolicy(quietWait: .zero)),
                store: store, progress: RecordedProgress(), logger: Logger(label: "test"),
                dependencies: dependencies(create: create, cores: cores, ioWait: ioWait)
            ).execute()
            #expect(outcome.status == .completed, "\(outcome.reason ?? "")")
            return try await store.run(outcome.runID)
        }

        /// The gate of `candidate` against `baseline`; re-measuring (when `remeasure` is given) with
        /// creation taking that long on a host at `cores`.
        func gate(
            _ candidate: RunRecord, baseline: RunRecord, remeasure: (create: Duration, cores: Double)? = nil,
            remeasuredIOWait: Double = 0.02
        ) async throws -> RegressionGate.Outcome {
            var settings = RegressionGate.Settings(baseline: String(baseline.id))
            settings.hostLoad = remeasure.map { _ in HostLoadPolicy(quietWait: .zero) }
            let dependencies =
                remeasure.map { self.dependencies(create: $0.create, cores: $0.cores, ioWait: remeasuredIOWait) }
                ?? .live
            return try await RegressionGate(
                store: store, progress: RecordedProgress(), logger: Logger(label: "test"), dependencies: dependencies
            ).evaluate(settings.request(candidate: candidate))
        }
    }

    static func creation(_ outcome: RegressionGate.Outcome) -> RuleOutcome? {
        outcome.comparison.result.outcomes.first { $0.rule == "creation-slowdown" }
    }

    @Test func aSlowdownMeasuredOnABusyHostIsWithheldNotPassedAndNoDecisionIsStored() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let baseline = try await fixture.run(create: .milliseconds(100), cores: 0.05)
        let candidate = try await fixture.run(create: .milliseconds(170), cores: 1.6)
        #expect(try await fixture.store.read { try BusyRuns.isBusy(candidate.id, in: $0) })
        #expect(try await !fixture.store.read { try BusyRuns.isBusy(baseline.id, in: $0) })
        let outcome = try await fixture.gate(candidate, baseline: baseline)
        let creation = try #require(Self.creation(outcome))
        #expect(creation.status == .withheld)
        #expect(creation.message.contains("withheld: the host was busy with other work while creation was measured"))
        #expect(outcome.alerts.isEmpty)
        #expect(!outcome.passed)
        #expect(outcome.isWithheldOnly)
        #expect(try await fixture.store.read { try $0.decisions(run: candidate.id) }.isEmpty)
        let conclusion = Conclusion(gate: outcome, candidate: candidate)
        #expect(conclusion.exitCode == 3)
    }

    /// A tenant that waits on the disk takes little CPU: a slowdown measured while some task
    /// waited for I/O most of the time is withheld as one measured beside a CPU-bound tenant, the
    /// message says why; measured again with the disk still waited on, it stays withheld; measured
    /// again with the disk quiet, it is confirmed.
    @Test func aSlowdownMeasuredWhileTheHostWaitedOnTheDiskIsWithheldUntilMeasuredOnAQuietDisk() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let baseline = try await fixture.run(create: .milliseconds(100), cores: 0.05)
        let candidate = try await fixture.run(create: .milliseconds(170), cores: 0.05, ioWait: 0.6)
        #expect(try await fixture.store.read { try BusyRuns.isBusy(candidate.id, in: $0) })
        let outcome = try await fixture.gate(candidate, baseline: baseline)
        let creation = try #require(Self.creation(outcome))
        #expect(creation.status == .withheld)
        #expect(
            creation.message.contains(
                "(6 of 6 kept iterations busy; median 0.0500 cores of foreign load, some task waiting for I/O 60.0 % "
                    + "of the time, even after re-measuring)"), "\(creation.message)")
        #expect(outcome.isWithheldOnly)
        let stillWaiting = try await fixture.gate(
            candidate, baseline: baseline, remeasure: (.milliseconds(170), 0.05), remeasuredIOWait: 0.6)
        #expect(Self.creation(stillWaiting)?.status == .withheld, "\(Self.creation(stillWaiting)?.message ?? "")")
        let quietDisk = try await fixture.gate(candidate, baseline: baseline, remeasure: (.milliseconds(170), 0.05))
        #expect(Self.creation(quietDisk)?.status == .alert, "\(Self.creation(quietDisk)?.message ?? "")")
        #expect(Self.creation(quietDisk)?.message.contains("confirmed: measured again on a quiet host") == true)
    }

    @Test func aWithheldSlowdownThatRecursOnAQuietHostIsConfirmed() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let baseline = try await fixture.run(create: .milliseconds(100), cores: 0.05)
        let candidate = try await fixture.run(create: .milliseconds(170), cores: 1.6)
        let outcome = try await fixture.gate(
            candidate, baseline: baseline, remeasure: (create: .milliseconds(170), cores: 0.05))
        let creation = try #require(Self.creation(outcome))
        #expect(creation.status == .alert)
        #expect(creation.message.contains("confirmed: measured again on a quiet host by run"))
        #expect(outcome.confirmationRunIDs.count == 1)
        #expect(Conclusion(gate: outcome, candidate: candidate).exitCode == 1)
        let verdict = try await fixture.store.read { try $0.decisions(run: candidate.id).verdict }
        #expect(verdict?.verdict == .alert)
        let rerun = try await fixture.store.run(try #require(outcome.confirmationRunIDs.first))
        #expect(rerun.purpose == .confirmation)
        #expect(rerun.parentRunID == candidate.id)
    }

    @Test func aWithheldSlowdownThatDoesNotRecurOnAQuietHostIsClearedSayingSo() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let baseline = try await fixture.run(create: .milliseconds(100), cores: 0.05)
        let candidate = try await fixture.run(create: .milliseconds(170), cores: 1.6)
        let outcome = try await fixture.gate(
            candidate, baseline: baseline, remeasure: (create: .milliseconds(100), cores: 0.05))
        let creation = try #require(Self.creation(outcome))
        #expect(creation.status == .passed)
        #expect(creation.message.contains("cleared: the alert on the busy host"))
        #expect(outcome.passed)
        #expect(Conclusion(gate: outcome, candidate: candidate).exitCode == 0)
    }

    @Test func aWithheldSlowdownOnAHostThatStaysBusyStaysWithheld() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let baseline = try await fixture.run(create: .milliseconds(100), cores: 0.05)
        let candidate = try await fixture.run(create: .milliseconds(170), cores: 1.6)
        let outcome = try await fixture.gate(
            candidate, baseline: baseline, remeasure: (create: .milliseconds(170), cores: 1.6))
        let creation = try #require(Self.creation(outcome))
        #expect(creation.status == .withheld)
        #expect(creation.message.contains("still withheld: run"))
        #expect(Conclusion(gate: outcome, candidate: candidate).exitCode == 3)
    }

    @Test func aBusyRunIsNeverTheDefaultBaselineNorInAWindow() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let quiet = try await fixture.run(create: .milliseconds(100), cores: 0.05)
        let busy = try await fixture.run(create: .milliseconds(170), cores: 1.6)
        let candidate = try await fixture.run(create: .milliseconds(170), cores: 0.05)
        let resolution = try await fixture.store.read { reader in
            try BaselineResolver(reader).resolve(for: candidate, requested: nil)
        }
        #expect(resolution?.runs.map(\.id) == [quiet.id], "not the busy run \(busy.id)")
        let window = try await fixture.store.read { reader in
            try BaselineResolver(reader).resolve(for: candidate, requested: nil, window: 2)
        }
        #expect(window?.runs.map(\.id) == [quiet.id])
    }
}
