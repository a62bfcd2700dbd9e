import BenchModel
import BenchSuite
import BenchWorkflow
import EngineInterface
import EngineTestSupport
import Foundation
import Logging
import ResultsStore
import SQLiteStore
import Sandbox
import SuiteTestSupport
import Synchronization
import TestSupport
import Testing

/// Every way a run ends, against an in-memory engine and a real SQLite file: completed, a spec
/// without samples, a removal the engine refuses (the sweep's count of leftovers), an engine
/// that hangs past its deadline or goes away, and an interruption. No daemon is needed; what
/// happens when is driven by cues on the engine's calls, not by timing.
@Suite struct BenchmarkRunErrorPathTests {
    struct Fixture {
        let engine: InMemoryEngine
        let store: any ResultsStore
        let directory: TemporaryDirectory
        let progress = RecordedProgress()

        init(callDeadline: Duration = .seconds(5)) async throws {
            let python = SuitePython()
            engine = InMemoryEngine(
                deadlines: EngineDeadlines(ping: .seconds(1), call: callDeadline),
                images: [SandboxProfile.defaultImage], program: python.program)
            directory = try TemporaryDirectory()
            store = try await SQLiteResultsStore.open(path: directory.file("results.sqlite"))
        }

        func run(
            _ specs: [SpecName], iterations: Int = 2, callDeadline: Duration = .seconds(5), cpus: Double = 0.5
        ) -> BenchmarkRun {
            var profile = SandboxProfile()
            profile.engine = engine.host
            profile.cpus = cpus
            let host = ScriptedInterpreter()
            return BenchmarkRun(
                request: .init(
                    plan: SuitePlan(suite: .quick, only: specs, iterations: iterations), profile: profile,
                    deadlines: EngineDeadlines(ping: .seconds(1), call: callDeadline)),
                store: store, progress: progress, logger: Logger(label: "test"),
                interruption: { "SIGINT" },
                dependencies: .init(
                    engines: engine, hostInterpreter: { _, _ in host.interpreter }, continuity: SimulatedContinuity()))
        }

        /// The run's stored status and reason, and the figure of its leftover containers.
        func stored(_ runID: Int64) async throws -> (record: RunRecord, leftovers: Double?) {
            let record = try await store.run(runID)
            let leftovers = try await store.read { reader in
                try reader.summaries(run: runID).first { $0.metric == .leftoverContainers }?.max
            }
            return (record, leftovers)
        }

        /// The only run in the store.
        func onlyRun() async throws -> RunRecord {
            let runs = try await store.read { try $0.runs(RunQuery()) }
            try #require(runs.count == 1)
            return runs[0]
        }

        func containersLeft() async throws -> Int {
            try await engine.listContainers(labels: []).count
        }
    }

    /// The in-memory engine has 2 CPUs: a sandbox of 2 fits (a limit that limits nothing, said
    /// as a weakening elsewhere); one of 2.5 or 1024 the engine would refuse on every iteration,
    /// so the run refuses it first, exit 2, storing nothing and creating no container.
    @Test(arguments: [2.5, 1024]) func aCPULimitAboveTheEnginesCPUsIsRefusedBeforeTheRunIsStored(cpus: Double)
        async throws
    {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let error = await #expect(throws: ProfileCapacityError.self) {
            _ = try await fixture.run([.creation], cpus: cpus).execute()
        }
        #expect(error?.kind == .badInput)
        #expect(
            error?.description.contains("more than the 2 CPUs of the engine") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("from 0.01 to 2 CPUs") == true)
        #expect(try await fixture.store.read { try $0.runs(RunQuery()) }.isEmpty)
        #expect(try await fixture.engine.listContainers(labels: []).isEmpty)
        let fits = try await fixture.run([.creation], cpus: 2).execute()
        #expect(fits.status == .completed, "\(fits.reason ?? "")")
    }

    @Test func aRunOnAHealthyEngineIsCompletedWithNothingLeft() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let outcome = try await fixture.run([.creation, .e2e]).execute()
        #expect(outcome.status == .completed, "\(outcome.reason ?? "")")
        #expect(outcome.leftoverContainers == 0)
        let (record, leftovers) = try await fixture.stored(outcome.runID)
        #expect(record.status == .completed)
        #expect(leftovers == 0)
        #expect(try await fixture.containersLeft() == 0)
        #expect(fixture.engine.connections.made == fixture.engine.connections.shutDown)
    }

    @Test func aSpecWithoutValidSamplesFailsTheRunNamingIt() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        fixture.engine.on(
            .create, times: 100, where: { $0.container?.label(SandboxLabel.spec) == "creation" },
            .refuse(status: 500, message: "no space left on device"))
        let outcome = try await fixture.run([.creation, .e2e]).execute()
        #expect(outcome.status == .failed)
        #expect(outcome.invalidSpecs == ["creation"])
        let (record, _) = try await fixture.stored(outcome.runID)
        #expect(record.status == .failed)
        #expect(record.reason == "no valid samples from: creation")
    }

    @Test func aContainerWhoseRemovalWasRefusedIsCountedAndRemovedByTheSweep() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        // Every attempt at the first container's removal is refused; the sweep's is not.
        fixture.engine.on(
            .remove, times: 3, where: { $0.container?.ordinal == 1 },
            .refuse(status: 500, message: "device or resource busy"))
        let outcome = try await fixture.run([.creation]).execute()
        #expect(outcome.leftoverContainers == 1)
        let (_, leftovers) = try await fixture.stored(outcome.runID)
        #expect(leftovers == 1)
        let failures = try await fixture.store.read { try $0.failures(run: outcome.runID) }
        #expect(failures.contains { $0.failure.reason.contains("removed by the final sweep") })
        #expect(try await fixture.containersLeft() == 0)
    }

    @Test func containersTheSweepCannotRemoveAreLeftAndCounted() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        fixture.engine.refuseRemovals(500)
        let outcome = try await fixture.run([.creation], iterations: 2).execute()
        #expect(outcome.status == .failed)
        // One warm-up and two iterations, none removed.
        #expect(outcome.leftoverContainers == 3)
        #expect(try await fixture.containersLeft() == 3)
        let failures = try await fixture.store.read { try $0.failures(run: outcome.runID) }
        #expect(failures.filter { $0.failure.reason.contains("could not remove it either") }.count == 3)
        fixture.engine.refuseRemovals(nil)
        for container in try await fixture.engine.listContainers(labels: []) {
            try await fixture.engine.removeContainer(container.id)
        }
    }

    @Test func aSweepThatCannotListCountsEveryContainerNotKnownRemoved() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        fixture.engine.refuseRemovals(500)
        // The reaper's look before the run answers; the sweep's does not.
        fixture.engine.on(.list, times: 100, where: { $0.ordinal > 1 }, .refuse(status: 500, message: "list failed"))
        let outcome = try await fixture.run([.creation], iterations: 1).execute()
        #expect(outcome.leftoverContainers == 2)
        let failures = try await fixture.store.read { try $0.failures(run: outcome.runID) }
        #expect(failures.contains { $0.failure.reason.contains("could not list the run's containers") })
        fixture.engine.refuseRemovals(nil)
        fixture.engine.clearCues()
        for container in try await fixture.engine.listContainers(labels: []) {
            try await fixture.engine.removeContainer(container.id)
        }
    }

    @Test func anEngineThatHangsPastItsDeadlineFailsTheRunAfterItsSweep() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        fixture.engine.on(.create, where: { $0.ordinal == 3 }, .hang)
        await #expect(throws: DockerEngineError.self) {
            try await fixture.run([.creation, .e2e], callDeadline: .seconds(1)).execute()
        }
        let run = try await fixture.onlyRun()
        #expect(run.status == .failed)
        #expect(run.reason?.contains("POST /containers/create") == true)
        // The spec it hung in is kept with what it measured; the create that got no answer is left to the next run.
        #expect(run.reason?.contains("The run was ended after 1 of 2 specs") == true, "\(run.reason ?? "")")
        #expect(run.reason?.contains("1 containers are left on the engine") == true, "\(run.reason ?? "")")
        fixture.engine.release()
    }

    @Test func anEngineThatGoesAwayAndComesBackEndsTheRunAndItsContainersAreRemoved() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        // Away for the start and the next two calls (the tool's first checks), then back, as after
        // a restart: the return depends on the calls made, not on when a test task gets to run.
        fixture.engine.on(.start, where: { $0.ordinal == 2 }, .goAwayFor(calls: 2))
        let error = await #expect(throws: EngineLost.self) {
            try await fixture.run([.creation, .e2e], callDeadline: .seconds(300)).execute()
        }
        #expect(error?.returnedAfter != nil)
        let run = try await fixture.onlyRun()
        #expect(run.status == .failed)
        #expect(fixture.progress.warnings.contains { $0.contains("went away") })
        #expect(try await fixture.containersLeft() == 0)
    }

    @Test func anEngineThatStaysAwayEndsTheRunSayingItDidNotComeBack() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        fixture.engine.on(.start, .goAway)
        let error = await #expect(throws: EngineLost.self) {
            try await fixture.run([.creation], callDeadline: .seconds(1)).execute()
        }
        #expect(error?.returnedAfter == nil)
        #expect(try await fixture.onlyRun().status == .failed)
        fixture.engine.comeBack()
    }

    @Test func anInterruptionStoresAnAbortedRunWithWhatWasMeasuredAndLeavesNoContainer() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        // The e2e spec's first create waits until the test has cancelled the run.
        fixture.engine.on(.create, where: { $0.container?.label(SandboxLabel.spec) == "e2e" }, .hang)
        let run = fixture.run([.creation, .e2e])
        let task = Task { try await run.execute() }
        #expect(await fixture.engine.until { fixture.engine.hanging == 1 })
        task.cancel()
        fixture.engine.release()
        await #expect(throws: CancellationError.self) { try await task.value }
        let stored = try await fixture.onlyRun()
        #expect(stored.status == .aborted)
        #expect(stored.reason?.hasPrefix("interrupted by SIGINT after 1 of 2 specs") == true)
        #expect(try await fixture.containersLeft() == 0)
    }

    /// Creates that fail half-way leave their code volume: named by the engine's error ("create
    /// <volume>: database not open") or, when the connection closed first, named by nothing and
    /// without labels. The sweep removes both kinds, and no more unlabelled volumes than creates
    /// were cut short: a volume of someone else's, made before the run, stays.
    @Test func volumesOfCreatesCutShortAreRemovedAndNoOneElsesAre() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let before = fixture.engine.leaveUnlabeledVolume(createdAt: Date().addingTimeInterval(-60))
        fixture.engine.on(.create, where: { $0.ordinal == 2 }, .halfCreate)
        fixture.engine.on(.create, where: { $0.ordinal == 3 }, .cutShortCreate)
        // Both iterations failed: a failed run, swept as any other.
        #expect(try await fixture.run([.creation]).execute().status == .failed)
        #expect(fixture.engine.volumes.keys.sorted() == [before], "\(fixture.engine.volumes)")
        let notes = try await fixture.store.read { try $0.notes(run: 1) }.map(\.text)
        #expect(notes.contains { $0.contains("removed 2 code volumes") }, "\(notes)")
        #expect(try await fixture.containersLeft() == 0)
    }

    /// More unlabelled volumes made during the run than its creates cut short could have made:
    /// not provably the run's, so none is removed, and the run's notes name them.
    @Test func moreUnlabelledVolumesThanCutShortCreatesAreLeftAndNamed() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let others = Mutex<[String]>([])
        fixture.engine.on(
            .create, where: { $0.ordinal == 2 },
            .perform { others.withLock { $0 += [fixture.engine.leaveUnlabeledVolume()] } })
        fixture.engine.on(.create, where: { $0.ordinal == 3 }, .cutShortCreate)
        _ = try await fixture.run([.creation]).execute()
        #expect(fixture.engine.volumes.count == 2, "\(fixture.engine.volumes)")
        #expect(fixture.engine.volumes.values.allSatisfy { $0.isEmpty })
        let notes = try await fixture.store.read { try $0.notes(run: 1) }.map(\.text)
        let named = try #require(notes.first { $0.contains("not provably the run's") }, "\(notes)")
        #expect(others.withLock { $0 }.allSatisfy { named.contains($0.prefix(12)) }, "\(named)")
    }

    @Test func anEngineWithoutTheImageStoresNoRun() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        var profile = SandboxProfile(image: "example.org/missing:1")
        profile.engine = fixture.engine.host
        let run = BenchmarkRun(
            request: .init(plan: SuitePlan(suite: .quick, only: [.creation]), profile: profile),
            store: fixture.store, progress: fixture.progress, logger: Logger(label: "test"),
            dependencies: .init(engines: fixture.engine, continuity: SimulatedContinuity()))
        await #expect(throws: DockerEngineError.self) { try await run.execute() }
        #expect(try await fixture.store.read { try $0.runs(RunQuery()) }.isEmpty)
    }
}
