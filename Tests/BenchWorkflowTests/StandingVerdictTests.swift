import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Logging
import Regression
import Reporting
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// A failed decision cannot be replaced by a pass without a new baseline being named, on either
/// backend: a re-gate compares with the verdict's own baseline (a baseline file by its kept
/// content), never with "no baseline"; a file is its content; a comparison with another
/// testbed's run is a one-off; a run is never judged against itself.
@Suite(.temporaryDatabases) struct StandingVerdictTests {
    static let specs = ["creation", "cleanup"]

    /// Stores a completed run of the creation and cleanup specs; creation takes about `creation` seconds.
    static func store(
        _ store: any ResultsStore, creation: Double, testbed: String = "host-a", uuid: UUID = UUID(),
        minute: Int = 0
    ) async throws -> RunRecord {
        let id = try await store.beginRun(
            NewRun(
                suite: "full, specs: creation, cleanup", configurationJSON: PlannedConfiguration.json(specs: specs),
                startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(minute) * 60), uuid: uuid,
                testbed: testbed))
        let samples = (0..<8).map { iteration in
            Sample(metric: .creationTime, iteration: iteration, value: creation * (1 + 0.004 * Double(iteration % 4)))
        }
        try await store.recordSpec(SpecResult(spec: "creation", samples: samples), for: id)
        try await store.recordSpec(
            SpecResult(spec: "cleanup", samples: [Sample(metric: .cleanupFailures, iteration: 0, value: 0)]), for: id)
        try await store.recordSpec(
            SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: 0)]), for: id)
        try await store.finishRun(id, status: .completed)
        return try await store.run(id)
    }

    static func gate(
        _ store: any ResultsStore, _ candidate: RunRecord, baseline: String? = nil, file: BaselineFileChoice? = nil,
        standing: Bool = false
    ) async throws -> RegressionGate.Outcome {
        try await RegressionGate(store: store, progress: SilentProgress(), logger: Logger(label: "test")).evaluate(
            RegressionGate.Request(
                candidate: try await store.run(candidate.id),
                settings: .init(baseline: baseline, baselineFile: file, standing: standing))
        )
    }

    /// `baseline export` of `run` written to `path`, read back as `--baseline-file` reads it.
    static func export(_ run: RunRecord, from store: any ResultsStore, to path: String) async throws
        -> BaselineFileChoice
    {
        let file = try await store.read { try $0.baselineFile(run: run.id, name: nil) }
        try file.json().write(toFile: path, atomically: true, encoding: .utf8)
        return try BaselineFileChoice.read(path: path)
    }

    /// An empty CI database: the gate against another testbed's file, made to stand (`--standing`),
    /// fails; the file goes; a plain gate fails again.
    @Test(arguments: StoreBackend.all) func aReGateComparesWithTheKeptFileContentWhenTheFileIsGone(
        backend: StoreBackend
    ) async throws {
        let nightly = try await TemporaryStore.make(backend)
        let ci = try await TemporaryStore.make(backend)
        defer { nightly.remove() }
        defer { ci.remove() }
        let source = try await nightly.open()
        let fast = try await Self.store(source, creation: 0.30, testbed: "nightly")
        let path = ci.directory.file("nightly.json")
        let file = try await Self.export(fast, from: source, to: path)

        let store = try await ci.open()
        let candidate = try await Self.store(store, creation: 0.45)
        let first = try await Self.gate(store, candidate, file: file, standing: true)
        #expect(first.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(first.decision.baseline.sha256 == file.content.sha256)
        #expect(first.decision.isStanding)
        try FileManager.default.removeItem(atPath: path)

        let again = try await Self.gate(store, candidate)
        #expect(again.alerts.map(\.rule) == ["creation-slowdown"])
        #expect(again.comparison.baseline?.kind == "file")
        #expect(again.comparison.result.baselineLabel == first.comparison.result.baselineLabel)
        #expect(!again.isFirstReference)
        #expect(again.decision.replaces?.verdict == .alert)
        #expect(again.decision.replaces?.baseline == first.decision.baseline.label)
        #expect(again.decision.replaces?.decisionID == (try await store.decisions(run: candidate.id)).first?.id)
        // Every view of the verdict shows the file's figures, from the kept content.
        let view = try await store.read {
            try StoredVerdict.load($0, candidate: candidate, request: StoredVerdict.Request())
        }
        #expect(!view.baselineMissing)
        #expect(view.stored?.result.comparison(of: .creationTime)?.baseline.map { $0 < 0.31 } == true)
    }

    /// The database holds a run with the file's UUID but other samples: the file's content is compared.
    @Test(arguments: StoreBackend.all) func aFileIsItsContentNeverAStoredRunWithItsUUID(backend: StoreBackend)
        async throws
    {
        let scratch = try await TemporaryStore.make(backend)
        let temporary = try await TemporaryStore.make(backend)
        defer { scratch.remove() }
        defer { temporary.remove() }
        let source = try await scratch.open()
        let fast = try await Self.store(source, creation: 0.30)
        let file = try await Self.export(fast, from: source, to: temporary.directory.file("fast.json"))

        let store = try await temporary.open()
        // The same UUID, measured as slow as the candidate: compared with it, the gate would pass.
        _ = try await Self.store(store, creation: 0.45, uuid: fast.uuid)
        let candidate = try await Self.store(store, creation: 0.45, minute: 1)
        let first = try await Self.gate(store, candidate, file: file)
        #expect(first.alerts.map(\.metric) == [.creationTime])
        #expect(first.comparison.result.comparison(of: .creationTime)?.baseline.map { $0 < 0.31 } == true)
        let again = try await Self.gate(store, candidate)
        #expect(again.alerts.map(\.metric) == [.creationTime])
        #expect(again.comparison.result.comparison(of: .creationTime)?.baseline.map { $0 < 0.31 } == true)
        let view = try await store.read {
            try StoredVerdict.load($0, candidate: candidate, request: StoredVerdict.Request())
        }
        #expect(view.stored?.result.comparison(of: .creationTime)?.baseline.map { $0 < 0.31 } == true)
    }

    /// `gate RUN --baseline OTHER` of another testbed is stored as a one-off: the run's verdict, its
    /// alerts, later plain gates and the fleet view keep to its own testbed's baseline.
    @Test(arguments: StoreBackend.all) func aCrossTestbedComparisonIsAOneOff(backend: StoreBackend) async throws {
        let temporary = try await TemporaryStore.make(backend)
        defer { temporary.remove() }
        let store = try await temporary.open()
        let baseline = try await Self.store(store, creation: 0.30)
        let other = try await Self.store(store, creation: 0.451, testbed: "host-b", minute: 1)
        let candidate = try await Self.store(store, creation: 0.45, minute: 2)
        try await store.setBaseline(name: "default", run: baseline.id)

        let standing = try await Self.gate(store, candidate)
        #expect(standing.alerts.count == 1)
        let oneOff = try await Self.gate(store, candidate, baseline: String(other.id))
        #expect(oneOff.alerts.isEmpty)
        #expect(oneOff.decision.oneOff?.contains("host-b") == true)
        #expect(oneOff.decision.replaces == nil)
        #expect(oneOff.standingVerdict?.verdict == .alert)
        let decisions = try await store.decisions(run: candidate.id)
        #expect(decisions.map(\.standing) == [true, false])
        #expect(decisions.verdict?.id == decisions.first?.id)
        #expect(try await store.alerts(run: candidate.id).count == 1)

        let again = try await Self.gate(store, candidate)
        #expect(again.comparison.baseline?.runIDs == [baseline.id])
        #expect(again.alerts.count == 1)
        #expect(again.decision.replaces?.decisionID == decisions.first?.id)

        // The fleet shows the regressing host as alerting, whatever one-off came last.
        _ = try await Self.gate(store, candidate, baseline: String(other.id))
        let fleet = try await store.read { try FleetReport.read($0, store: "test") }
        #expect(fleet.testbeds.first { $0.testbed == "host-a" }?.verdict.kind == .alert)
        // A report of the run shows its standing verdict, and says a one-off came since.
        let report = try await ReportLoader(store: store).report(run: String(candidate.id))
        #expect(report.verdict.status == .alert)
        #expect(report.verdict.decision?.laterOneOffs == 1)
    }

    /// A baseline file of another testbed is a one-off, as `--baseline OTHER` is: the run's failed
    /// verdict stands, a plain re-gate keeps to its own testbed's baseline, the fleet view counts
    /// the alert; with no baseline of its own testbed, a plain gate refuses rather than pass
    /// against nothing. `--standing` makes it the verdict.
    @Test(arguments: StoreBackend.all) func aFileOfAnotherTestbedIsAOneOffUnlessMadeToStand(backend: StoreBackend)
        async throws
    {
        let scratch = try await TemporaryStore.make(backend)
        let temporary = try await TemporaryStore.make(backend)
        defer { scratch.remove() }
        defer { temporary.remove() }
        let source = try await scratch.open()
        let slowOther = try await Self.store(source, creation: 0.60, testbed: "other")
        let file = try await Self.export(slowOther, from: source, to: temporary.directory.file("other.json"))

        let store = try await temporary.open()
        let candidate = try await Self.store(store, creation: 0.45, minute: 1)
        // Nothing of its own testbed yet: a one-off fails to judge, and a plain gate does not pass.
        let oneOff = try await Self.gate(store, candidate, file: file)
        #expect(oneOff.passed)
        #expect(oneOff.decision.oneOff?.contains("baseline file of the testbed other") == true)
        #expect(try await store.decisions(run: candidate.id).verdict == nil)
        await #expect(throws: ComparisonInputError.self) { try await Self.gate(store, candidate) }
        #expect(try await store.decisions(run: candidate.id).count == 1)

        // Its own baseline: the standing verdict fails, and the file does not replace it.
        let baseline = try await Self.store(store, creation: 0.30)
        try await store.setBaseline(name: "default", run: baseline.id)
        let standing = try await Self.gate(store, candidate)
        #expect(standing.alerts.count == 1)
        let again = try await Self.gate(store, candidate, file: file)
        #expect(again.passed)
        #expect(again.decision.replaces == nil)
        #expect(again.standingVerdict?.verdict == .alert)
        let plain = try await Self.gate(store, candidate)
        #expect(plain.comparison.baseline?.runIDs == [baseline.id])
        #expect(plain.alerts.count == 1)
        _ = try await Self.gate(store, candidate, file: file)
        let fleet = try await store.read { try FleetReport.read($0, store: "test") }
        #expect(fleet.testbeds.first { $0.testbed == "host-a" }?.verdict.kind == .alert)

        // Asked to stand, it is the verdict, and a plain re-gate follows the file.
        let made = try await Self.gate(store, candidate, file: file, standing: true)
        #expect(made.decision.isStanding)
        #expect(made.decision.replaces?.verdict == .alert)
        let follows = try await Self.gate(store, candidate)
        #expect(follows.comparison.baseline?.kind == "file")
        #expect(follows.decision.isStanding)
        #expect(follows.passed)
    }

    /// The verdict's baseline is gone: a plain gate refuses, naming it, and stores nothing.
    @Test(arguments: StoreBackend.all) func aReGateNeverFallsBackToNoBaseline(backend: StoreBackend) async throws {
        let temporary = try await TemporaryStore.make(backend)
        let other = try await TemporaryStore.make(backend)
        defer { temporary.remove() }
        defer { other.remove() }
        let store = try await temporary.open()
        let baseline = try await Self.store(store, creation: 0.30)
        let candidate = try await Self.store(store, creation: 0.45, minute: 1)
        _ = try await Self.gate(store, candidate, baseline: String(baseline.id))
        try await store.deleteRun(baseline.id, force: true)
        await #expect(throws: ComparisonInputError.self) { try await Self.gate(store, candidate) }
        do {
            _ = try await Self.gate(store, candidate)
        } catch let error as ComparisonInputError {
            #expect(error.kind == .badInput)
            #expect("\(error)".contains("run \(baseline.id) is no longer in this database"))
        }
        #expect(try await store.decisions(run: candidate.id).count == 1)
        // Naming a baseline is the way on; with nothing earlier, that is the first reference.
        let named = try await Self.gate(store, candidate, baseline: "latest")
        #expect(named.comparison.baseline == nil)

        // A decision against a file, copied into another store: the copy keeps the file's content,
        // so a re-gate there compares with the file and fails as it did.
        let scratch = try await Self.store(store, creation: 0.30, minute: 2)
        let file = try await Self.export(scratch, from: store, to: temporary.directory.file("f.json"))
        let ci = try await Self.store(store, creation: 0.45, minute: 3)
        _ = try await Self.gate(store, ci, file: file)
        let target = try await other.open()
        _ = try await StoreCopy(from: store, to: target).copy()
        let copied = try #require(try await target.read { try $0.run(uuid: ci.uuid) })
        let there = try await Self.gate(target, copied)
        #expect(there.comparison.baseline?.kind == "file")
        #expect(there.alerts.count == 1)
    }

    /// A gate of a run against itself — by id, by an export of itself, or by a copy of its samples
    /// under another UUID — is refused (exit 2) and stores nothing.
    @Test(arguments: StoreBackend.all) func aRunIsNeverJudgedAgainstItself(backend: StoreBackend) async throws {
        let temporary = try await TemporaryStore.make(backend)
        defer { temporary.remove() }
        let store = try await temporary.open()
        let run = try await Self.store(store, creation: 0.45)
        await #expect(throws: ComparisonInputError.self) { try await Self.gate(store, run, baseline: String(run.id)) }
        try await store.setBaseline(name: "default", run: run.id)
        await #expect(throws: ComparisonInputError.self) { try await Self.gate(store, run) }
        let path = temporary.directory.file("self.json")
        let file = try await Self.export(run, from: store, to: path)
        await #expect(throws: ComparisonInputError.self) { try await Self.gate(store, run, file: file) }
        var renamed = file.file
        renamed.run.run.uuid = UUID()
        try renamed.json().write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try await Self.gate(store, run, file: try BaselineFileChoice.read(path: path))
            Issue.record("a copy of the run's own samples was accepted as its baseline")
        } catch let error as ComparisonInputError {
            #expect("\(error)".contains("exactly its samples"))
        }
        #expect(try await store.decisions(run: run.id).isEmpty)
    }
}
