import BenchModel
import BenchSuite
import BenchWorkflow
import EngineInterface
import Foundation
import Regression
import ResultsStore
import SQLiteStore
import Sandbox
import StoreTestSupport
import TestSupport
import Testing

/// What `diff` and `runs show` show of a gated run: the stored verdict, or a re-evaluation beside it.
@Suite struct StoredVerdictTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let database: SQLiteResultsStore
        let baseline: RunRecord
        let candidate: RunRecord

        /// A baseline `default` and a candidate 15 % slower to create, gated with a 10 % limit.
        static func make() async throws -> Fixture {
            let directory = try TemporaryDirectory()
            let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
            let baseline = try await RegressionGateTests.store(database, creation: [0.200, 0.201, 0.199, 0.200])
            try await database.setBaseline(name: "default", run: baseline.id)
            let candidate = try await RegressionGateTests.store(database, creation: [0.230, 0.231, 0.229, 0.230])
            _ = try await RegressionGateTests.gate(database).evaluate(
                .init(
                    candidate: candidate,
                    settings: .init(configuration: RegressionConfiguration(maxCreationSlowdown: 0.10))))
            return Fixture(directory: directory, database: database, baseline: baseline, candidate: candidate)
        }

        func view(_ request: StoredVerdict.Request = .init()) async throws -> StoredVerdict {
            try await database.read { [candidate] in try StoredVerdict.load($0, candidate: candidate, request: request)
            }
        }
    }

    /// The configuration a view gets: `flags` over the stored one.
    static func with(_ change: @escaping @Sendable (inout RegressionConfiguration) -> Void) -> StoredVerdict.Request {
        StoredVerdict.Request(configuration: { stored in
            var configuration = stored ?? RegressionConfiguration()
            change(&configuration)
            return configuration
        })
    }

    @Test func withoutOtherOptionsAViewShowsTheStoredVerdictWithItsLimits() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.directory.remove() }
        let view = try await fixture.view()
        #expect(view.reevaluation == nil)
        #expect(view.comparison.result.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(view.stored?.result.outcomes == view.verdict?.decision?.outcomes)
        #expect(view.comparison.baseline?.runIDs == [fixture.baseline.id])
        #expect(view.verdict?.decision?.madeWith == "made with maxCreationSlowdown 10 %")
        #expect(!view.baselineMissing)
    }

    @Test func otherRulesOrAnotherBaselineAreAReEvaluationBesideTheStoredVerdict() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.directory.remove() }
        let looser = try await fixture.view(Self.with { $0.maxCreationSlowdown = 0.20 })
        #expect(looser.reevaluation?.changes == ["maxCreationSlowdown 20 %"])
        #expect(looser.comparison.result.alerts.isEmpty)
        // Beside it, the stored verdict keeps its alert and its limit.
        #expect(looser.stored?.result.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(looser.configuration.maxCreationSlowdown == 0.20)
        #expect(looser.verdict?.record.passed == false)

        // The same limit as stored is no re-evaluation.
        let same = try await fixture.view(Self.with { $0.maxCreationSlowdown = 0.10 })
        #expect(same.reevaluation == nil)

        let other = try await RegressionGateTests.store(fixture.database, creation: [0.23, 0.23, 0.23])
        let against = try await fixture.view(StoredVerdict.Request(baseline: String(other.id)))
        #expect(
            against.reevaluation?.changes == [
                "against run \(other.id) instead of baseline \"default\" (run \(fixture.baseline.id))"
            ])
    }

    @Test func theVerdictStaysWithItsBaselineWhenTheNamedBaselineMoves() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.directory.remove() }
        let later = try await RegressionGateTests.store(fixture.database, creation: [0.23, 0.23, 0.23])
        try await fixture.database.setBaseline(name: "default", run: later.id)
        let view = try await fixture.view()
        #expect(view.comparison.baseline?.runIDs == [fixture.baseline.id])
        #expect(view.reevaluation == nil)
    }

    @Test func aVerdictWhoseBaselineIsGoneShowsItsOutcomesWithoutFigures() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.directory.remove() }
        try await fixture.database.deleteRun(fixture.baseline.id, force: true)
        let view = try await fixture.view()
        #expect(view.baselineMissing)
        #expect(view.comparison.result.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(view.comparison.result.baselineLabel == "baseline \"default\" (run \(fixture.baseline.id))")
    }

    @Test func aRunNeverGatedIsComparedAsBefore() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        _ = try await RegressionGateTests.store(database, creation: [0.20, 0.20])
        let candidate = try await RegressionGateTests.store(database, creation: [0.20, 0.21])
        let view = try await database.read { try StoredVerdict.load($0, candidate: candidate, request: .init()) }
        #expect(view.reevaluation == nil)
        #expect(view.decisions.isEmpty)
        #expect(view.comparison.baseline?.kind == "fallback")
    }
}

@Suite struct ABPlanTests {
    @Test func theSequentialSpecsRunLastFromTheirMinimumToTheirMaximum() {
        let plan = SuitePlan(suite: .quick, only: [.creation, .e2e, .parallel])
        let (abPlan, minimum) = ABComparison.plan(
            plan, configuration: RegressionConfiguration(), sampling: .init(minimum: 9, maximum: 40))
        #expect(abPlan.specs.map(\.name) == [.parallel, .e2e, .creation])
        #expect(minimum == [.creation: 10])
        #expect(abPlan.specs.last?.settings == SpecSettings(iterations: 40, warmups: 1))
        #expect(abPlan.specs.first?.settings == plan.specs.first { $0.name == .parallel }?.settings)
    }

    /// `ab --max-samples 2` measures at most 2 per side: the full suite's creation count (10) raises
    /// neither the minimum nor the maximum. A maximum is a maximum.
    @Test(arguments: [2, 3, 4, 9, 10, 11, 60])
    func noSuiteCountOrMinimumGoesBeyondTheMaximum(maximum: Int) {
        for suite in [SuiteName.quick, .full, .original] {
            let sampling = ABComparison.Sampling(minimum: 20, maximum: maximum)
            let (abPlan, minimum) = ABComparison.plan(
                SuitePlan(suite: suite, only: [.creation]), configuration: RegressionConfiguration(),
                sampling: sampling)
            #expect(abPlan.specs.last?.settings.iterations == maximum, "\(suite)")
            #expect(minimum[.creation].map { $0 <= maximum } == true, "\(suite): \(minimum)")
            #expect(sampling.minimum <= sampling.maximum)
        }
    }
}

@Suite struct ABEnginesTests {
    @Test func twoSocketsOfTwoDaemonsAreTwoEnginesAndOneDaemonIsOne() {
        let a = SandboxProfile(engine: DockerHost(socketPath: "/run/a.sock"))
        let b = SandboxProfile(engine: DockerHost(socketPath: "/run/b.sock"))
        #expect(ABComparison.Engines(a: a, b: a) == nil)
        #expect(
            ABComparison.Engines(a: a, b: b, daemons: ("/var/lib/docker", "/var/lib/docker")) == nil,
            "one daemon on two sockets")
        let two = ABComparison.Engines(a: a, b: b, daemons: ("/var/lib/docker", "/srv/docker-2"))
        #expect(two?.a == "unix:///run/a.sock" && two?.b == "unix:///run/b.sock")
        #expect(two?.sentence.hasPrefix("A and B measured on different engines: A on unix:///run/a.sock") == true)
        #expect(ABComparison.Engines(a: a, b: b) != nil, "unknown daemons on two sockets are taken as two")
    }
}
