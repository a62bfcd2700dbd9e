import BenchModel
import BenchSuite
import BenchWorkflow
import DockerEngine
import EngineInterface
import Foundation
import Logging
import ResultsStore
import SQLiteStore
import Sandbox
import StoreTestSupport
import SuiteTestSupport
import TestSupport
import Testing

/// Stored runs against the real engine and a real SQLite file.
@Suite(.needsDockerEngine, .serialized)
struct BenchmarkRunIntegrationTests {
    static let host = DockerHost(socketPath: DockerRequirement.socketPath)

    static func run(
        _ plan: SuitePlan, profile: SandboxProfile = SandboxProfile(), in directory: TemporaryDirectory
    ) async throws -> (BenchmarkRun.Outcome, any ResultsStore) {
        var profile = profile
        profile.engine = host
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        // The host's load as a nightly run measures it, from a host the test keeps quiet (the real
        // meter is the end-to-end tests'): every spec stores its host-load figures too.
        let quiet = AnyHostLoadProbe(ScriptedHostLoad([]), window: .milliseconds(1), retakeWait: .zero)
        let run = BenchmarkRun(
            request: .init(
                plan: plan, profile: profile, label: "integration", hostLoad: HostLoadPolicy(quietWait: .zero)),
            store: database, progress: SilentProgress(), logger: Logger(label: "test"),
            dependencies: .init(hostLoad: { _ in quiet }))
        return (try await run.execute(), database)
    }

    static func leftovers(ofRun runID: Int64) async throws -> Int {
        try await DockerEngine.withEngine(host: host) { engine in
            try await SandboxReaper(engine: engine).containers(ofRun: String(runID), createdBy: .current).count
        }
    }

    @Test func everySpecOfTheQuickSuiteStoresSamplesForEachOfItsMetrics() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (outcome, database) = try await Self.run(SuitePlan(suite: .quick), in: directory)
        #expect(outcome.status == .completed, "\(outcome.reason ?? "")")
        #expect(outcome.invalidSpecs.isEmpty)
        #expect(try await database.run(outcome.runID).status == .completed)

        // The quick suite records exactly the metrics of the catalogue that configuration rules may name.
        let stored = Set(try await database.summaries(run: outcome.runID).map(\.metric))
        #expect(
            stored.subtracting(MetricCatalogue.names).isEmpty,
            "not in MetricCatalogue: \(stored.subtracting(MetricCatalogue.names).sorted())")
        var missing = Set(MetricCatalogue.names).subtracting(stored)
        let notes = try await database.notes(run: outcome.runID)
        if notes.contains(where: { $0.spec == "overhead_pandas" && $0.text.contains("not measurable") }) {
            missing.subtract(MetricCatalogue.all.filter { $0.hostModule == "pandas" }.map(\.id))
        }
        #expect(missing.isEmpty, "in MetricCatalogue but not recorded: \(missing.sorted())")
        #expect(
            try await database.summaries(run: outcome.runID).first { $0.metric == "seccomp.profile_violations" }?.max
                == 0)
        #expect(try await database.summaries(run: outcome.runID).first { $0.metric == .leftoverContainers }?.max == 0)
        #expect(try await database.summaries(run: outcome.runID).first { $0.metric == "security.violations" }?.max == 0)
        #expect(try await database.environment(run: outcome.runID)?.dockerVersion.isEmpty == false)
        // Every container the run created is recorded, and every one was removed.
        let containers = try await database.containers(run: outcome.runID)
        #expect(containers.count > 50)
        #expect(containers.allSatisfy { $0.container.removed })
        #expect(try await Self.leftovers(ofRun: outcome.runID) == 0)
    }

    @Test func anInterpreterThatDoesNotExistFailsEverySampleAndTheRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plan = SuitePlan(suite: .quick, only: [.creation, .e2e, .cleanup])
        let (outcome, database) = try await Self.run(
            plan, profile: SandboxProfile(command: ["python-does-not-exist"]), in: directory)
        #expect(outcome.status == .failed)
        #expect(outcome.invalidSpecs == ["creation", "cleanup", "e2e"])
        let run = try await database.run(outcome.runID)
        #expect(run.status == .failed)
        #expect(run.reason?.contains("no valid samples") == true)
        let failures = try await database.failures(run: outcome.runID)
        #expect(failures.count == 10)  // creation 5 + 1 warm-up, cleanup 2, e2e 2
        #expect(failures.allSatisfy { $0.failure.reason.contains("python-does-not-exist") })
        #expect(try await database.summaries(run: outcome.runID).first { $0.metric == .e2eFailures }?.max == 2)
        #expect(try await Self.leftovers(ofRun: outcome.runID) == 0)
    }

    @Test func codeThatPrintsTheWrongThingIsACountedFailureNotASample() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // An interpreter that runs but does not run the code: `true` exits 0 and prints nothing.
        let (outcome, database) = try await Self.run(
            SuitePlan(suite: .quick, only: [.e2e]), profile: SandboxProfile(command: ["true"]), in: directory)
        #expect(outcome.status == .failed)
        let failures = try await database.failures(run: outcome.runID)
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.failure.reason == "printed \"\" instead of \"hello\\n\"" })
    }

    @Test func cancellationStoresAnAbortedRunWithWhatWasMeasuredAndLeavesNoContainer() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        let plan = SuitePlan(suite: .quick, only: [.creation, .parallel], iterations: 50)
        let run = BenchmarkRun(
            request: .init(plan: plan, profile: SandboxProfile(engine: Self.host)), store: database,
            progress: SilentProgress(), logger: Logger(label: "test"), interruption: { "test cancellation" })
        let task = Task { try await run.execute() }
        // Cancel once the parallel spec has containers running, however long the 50 creations
        // take on a loaded host: a bounded wait could cancel inside the creation spec instead,
        // which then stores the samples it has (fewer than 50) and is not the case checked here.
        try await DockerEngine.withEngine(host: Self.host) { engine in
            while !Task.isCancelled {
                let stored = try await database.runs(RunQuery(limit: 1)).first
                try #require(
                    stored.map { $0.status == .running } ?? true, "the run ended before its parallel spec started")
                if let stored {
                    let containers = try await engine.listContainers(
                        labels: [
                            SandboxLabel.ownerFilter, "\(SandboxLabel.run)=\(stored.id)",
                            "\(SandboxLabel.spec)=parallel",
                        ]
                            + SandboxLabel.filters(of: .current))
                    if !containers.isEmpty { break }
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let stored = try #require(try await database.runs(RunQuery(limit: 1)).first)
        #expect(stored.status == .aborted)
        #expect(stored.reason?.contains("test cancellation") == true)
        let specs = try await database.specs(run: stored.id).map {
            ($0.spec, $0.samples.count, $0.failures.map(\.reason))
        }
        #expect(
            try await database.samples(run: stored.id, metric: .creationTime).count == 50,
            "\(specs) \(stored.reason ?? "")")
        #expect(try await Self.leftovers(ofRun: stored.id) == 0)
    }
}
