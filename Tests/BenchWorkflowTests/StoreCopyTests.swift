import BenchModel
import BenchWorkflow
import Foundation
import Reporting
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// Runs copied between stores, either backend to either: whole, once, with their baselines; a
/// round trip lists exactly what the source listed.
@Suite(.temporaryDatabases) struct StoreCopyTests {
    /// Two testbeds, a failed run, a confirmation run, a gate decision with an alert, a baseline,
    /// and a run still running.
    static func history(_ store: any ResultsStore) async throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000.123)
        var ids: [Int64] = []
        for index in 0..<5 {
            let id = try await store.beginRun(
                NewRun(
                    suite: "quick", label: "night \(index)", configurationJSON: #"{"n": \#(index)}"#,
                    startedAt: start.addingTimeInterval(Double(index) * 86_400),
                    testbed: index < 3 ? "host-a" : "host-b"))
            try await store.recordEnvironment(
                EnvironmentFingerprint(
                    host: "h", cpuModel: "c", cpuCount: 2, memoryBytes: 1, kernel: "k", os: "o", dockerVersion: "d",
                    apiVersion: "a",
                    containerdVersion: "c", runcVersion: "r", storageDriver: "s", cgroupVersion: "2",
                    defaultRuntime: "runc",
                    imageID: "i", seccompProfileHash: "x"), for: id)
            try await store.recordSpec(
                SpecResult(
                    spec: "creation",
                    samples: [0.31, 0.35, 0.2 + Double(index) / 7].enumerated().map {
                        Sample(
                            metric: .creationTime, iteration: $0.offset, value: $0.element,
                            phases: PhaseTimings([.create: 0.02, .start: $0.element - 0.02]))
                    },
                    checks: [CheckResult(name: "mean < 3 s", passed: true, detail: "ok")], notes: ["note \(index)"],
                    wallSeconds: 1.5),
                for: id, recordedAt: start.addingTimeInterval(Double(index) * 86_400 + 30))
            try await store.finishRun(
                id, status: index == 1 ? .failed : .completed, reason: index == 1 ? "engine gone" : nil,
                endedAt: start.addingTimeInterval(Double(index) * 86_400 + 60.5))
            ids.append(id)
        }
        try await store.setBaseline(name: "default", run: ids[0], note: "first")
        try await store.recordAlerts(
            [
                AlertRecord(
                    baselineRunID: ids[0], baselineName: "default", rule: "creation-slowdown", metric: .creationTime,
                    baselineValue: 0.33, currentValue: 0.45, change: 0.36, message: "slower")
            ], for: ids[2])
        let confirmation = try await store.beginRun(
            NewRun(
                suite: "quick", startedAt: start.addingTimeInterval(2 * 86_400 + 100), purpose: .confirmation,
                parentRunID: ids[2], testbed: "host-a"))
        try await store.finishRun(confirmation, status: .completed)
        _ = try await store.beginRun(
            NewRun(suite: "quick", startedAt: start.addingTimeInterval(9 * 86_400), testbed: "host-b"))
    }

    static func listing(_ store: any ResultsStore) async throws -> String {
        let overviews = try await store.read {
            try $0.overviews(RunQuery(statuses: [.completed, .failed, .aborted], limit: 100))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(overviews), as: UTF8.self)
    }

    @Test(
        arguments: [(StoreBackend.sqlite, StoreBackend.postgresql), (.postgresql, .sqlite), (.sqlite, .sqlite)].filter {
            pair in
            StoreBackend.all.contains(pair.0) && StoreBackend.all.contains(pair.1)
        })
    func aRoundTripListsExactlyWhatTheSourceListed(from first: StoreBackend, through second: StoreBackend) async throws
    {
        let (source, middle, back) = (
            try await TemporaryStore.make(first), try await TemporaryStore.make(second),
            try await TemporaryStore.make(first)
        )
        defer {
            source.remove()
            middle.remove()
            back.remove()
        }
        let (origin, via, returned) = (try await source.open(), try await middle.open(), try await back.open())
        try await Self.history(origin)

        let there = try await StoreCopy(from: origin, to: via).copy()
        #expect(there.copied == 6)
        #expect(there.skippedRunning == 1)
        #expect(there.baselinesCopied == 1)
        let again = try await StoreCopy(from: origin, to: via).copy()
        #expect(again.copied == 0)
        #expect(again.alreadyPresent == 6)
        _ = try await StoreCopy(from: via, to: returned).copy()

        let listing = try await Self.listing(origin)
        #expect(try await Self.listing(via) == listing)
        #expect(try await Self.listing(returned) == listing)
        let lastCompleted = try await origin.read { try $0.latestCompletedRun(before: nil)! }
        let copied = try await returned.read { try $0.detail(run: lastCompleted.id) }
        #expect(copied == (try await origin.read { try $0.detail(run: lastCompleted.id) }))
        // Back into the source: everything is there already.
        #expect(try await StoreCopy(from: returned, to: origin).copy().copied == 0)
    }

    @Test(arguments: StoreBackend.all) func sinceAndTestbedSelectTheRuns(backend: StoreBackend) async throws {
        let (source, target) = (try TemporaryStore(), try await TemporaryStore.make(backend))
        defer {
            source.remove()
            target.remove()
        }
        let (from, to) = (try await source.open(), try await target.open())
        try await Self.history(from)
        let outcome = try await StoreCopy(from: from, to: to).copy(
            since: Date(timeIntervalSince1970: 1_790_000_000 + 86_400), testbed: "host-a")
        #expect(outcome.copied == 3)
        #expect(outcome.baselinesCopied == 0)
        #expect(try await to.read { try $0.testbeds() } == ["host-a"])
    }

    /// A decision names its baseline by the ids of the store it is read from: copied into a store
    /// that numbers the runs differently, it speaks of the runs as that store numbers them, and a
    /// baseline of another testbed says whose it is.
    @Test(arguments: StoreBackend.all) func aCopiedDecisionNamesItsBaselineAsTheTargetNumbersIt(backend: StoreBackend)
        async throws
    {
        let (source, target) = (try TemporaryStore(), try await TemporaryStore.make(backend))
        defer {
            source.remove()
            target.remove()
        }
        let (from, to) = (try await source.open(), try await target.open())
        try await Self.history(from)
        // Runs 4 and 5 are host-b's; run 5 is gated against run 4 (named), then against host-a's run 1.
        let (four, five, one) = try await from.read { (try $0.run(4), try $0.run(5), try $0.run(1)) }
        for (kind, name, baseline) in [("named", "default", four), ("run", nil, one)] {
            let reference = BaselineReference(
                kind: kind, name: name, label: "stale",
                runs: [BaselineReference.Run(id: baseline.id, uuid: baseline.uuid)])
            _ = try await from.recordDecision(
                DecisionRecord(
                    runID: five.id, decidedAt: Date(), toolVersion: "t", passed: true, alertCount: 0,
                    baseline: reference, document: "{}"),
                alerts: [])
        }
        _ = try await StoreCopy(from: from, to: to).copy(testbed: "host-b")
        let copied = try await to.read { try $0.run(uuid: five.uuid)! }
        let decisions = try await to.read { try $0.decisions(run: copied.id) }
        let baselineHere = try await to.read { try $0.run(uuid: four.uuid)! }
        #expect(copied.id == 2 && baselineHere.id == 1)
        #expect(
            decisions.map(\.baseline.label) == ["baseline \"default\" (run 1)", "a run this database does not hold"])
        #expect(decisions.map { $0.baseline.runs.map(\.id) } == [[1], [nil]])

        // With host-a's runs there too, the cross-testbed baseline is named with its testbed.
        let whole = try await TemporaryStore.make(backend)
        defer { whole.remove() }
        let all = try await whole.open()
        _ = try await StoreCopy(from: from, to: all).copy(testbed: "host-a")
        _ = try await StoreCopy(from: from, to: all).copy(testbed: "host-b")
        let reordered = try await all.read {
            (try $0.decisions(run: try $0.run(uuid: five.uuid)!.id), try $0.run(uuid: one.uuid)!.id)
        }
        #expect(reordered.0.last?.baseline.label == "run \(reordered.1) of testbed host-a")
    }

    /// A run copied before it was gated again: the later decision reaches the target (sealed, with
    /// the file it compared with), becomes the verdict there, and is said; a copy again adds
    /// nothing; a run gated in the target too is left as it is and named.
    @Test(arguments: StoreBackend.all) func laterDecisionsOfARunTheTargetHoldsAreCopied(backend: StoreBackend)
        async throws
    {
        let (source, target) = (try TemporaryStore(), try await TemporaryStore.make(backend))
        defer {
            source.remove()
            target.remove()
        }
        let (from, to) = (try await source.open(), try await target.open())
        let baseline = try await StandingVerdictTests.store(from, creation: 0.30)
        let slow = try await StandingVerdictTests.store(from, creation: 0.60, minute: 1)
        let candidate = try await StandingVerdictTests.store(from, creation: 0.45, minute: 2)
        let file = try await StandingVerdictTests.export(slow, from: from, to: source.directory.file("slow.json"))
        let passed = try await StandingVerdictTests.gate(from, candidate, file: file)
        #expect(passed.passed)
        let first = try await StoreCopy(from: from, to: to).copy()
        #expect(first.copied == 3)
        #expect(first.laterDecisions.isEmpty)
        let copied = try #require(try await to.read { try $0.run(uuid: candidate.uuid) })
        // The file's content came along: the target can compare with it again.
        #expect(try await to.read { try $0.baselineFile(sha256: file.content.sha256) } != nil)

        let failed = try await StandingVerdictTests.gate(from, candidate, baseline: String(baseline.id))
        #expect(failed.alerts.count == 1)
        let second = try await StoreCopy(from: from, to: to).copy()
        #expect(second.copied == 0)
        #expect(second.alreadyPresent == 3)
        #expect(second.laterDecisions.map(\.targetRunID) == [copied.id])
        #expect(second.laterDecisions.map(\.count) == [1])
        #expect(second.laterDecisions.first?.latestVerdict == .alert)
        let there = try await to.read { try $0.decisions(run: copied.id) }
        #expect(there.map(\.verdict) == [.passed, .alert])
        #expect(there.verdict?.verdict == .alert)
        #expect(try await to.alerts(run: copied.id).count == 1)
        let fleet = try await to.read { try FleetReport.read($0, store: "test") }
        #expect(fleet.testbeds.first { $0.testbed == "host-a" }?.verdict.kind == .alert)
        #expect(try await StoreCopy(from: from, to: to).copy().laterDecisions.isEmpty)

        // Gated in the target too: its decisions are no longer the source's first ones.
        _ = try await StandingVerdictTests.gate(to, copied)
        _ = try await StandingVerdictTests.gate(from, candidate, baseline: String(slow.id))
        let third = try await StoreCopy(from: from, to: to).copy()
        #expect(third.laterDecisions.isEmpty)
        #expect(third.diverged.map(\.targetRunID) == [copied.id])
        #expect(third.diverged.first?.count == 1)
        #expect(try await to.read { try $0.decisions(run: copied.id) }.count == 3)
        #expect("\(StoreCopy.Diverged(runs: third.diverged))".contains("run \(copied.id) there"))
    }

    /// Between SQLite and PostgreSQL, both ways: a run's decisions arrive in their order, chained
    /// and sealed anew in the target (every read there checks the chain against the run's head), and
    /// a later decision caught up (`DecisionCatchUp`) extends that chain.
    @Test(
        arguments: [(StoreBackend.sqlite, StoreBackend.postgresql), (.postgresql, .sqlite)].filter { pair in
            StoreBackend.all.contains(pair.0) && StoreBackend.all.contains(pair.1)
        })
    func decisionsArriveChainedAndTheCatchUpExtendsTheChain(from first: StoreBackend, to second: StoreBackend)
        async throws
    {
        let (source, target) = (try await TemporaryStore.make(first), try await TemporaryStore.make(second))
        defer {
            source.remove()
            target.remove()
        }
        let (from, to) = (try await source.open(), try await target.open())
        let fast = try await StandingVerdictTests.store(from, creation: 0.30)
        let slow = try await StandingVerdictTests.store(from, creation: 0.60, minute: 1)
        let candidate = try await StandingVerdictTests.store(from, creation: 0.62, minute: 2)
        #expect(try await StandingVerdictTests.gate(from, candidate, baseline: String(slow.id)).passed)
        #expect(try await !StandingVerdictTests.gate(from, candidate, baseline: String(fast.id)).passed)
        #expect(try await StoreCopy(from: from, to: to).copy().copied == 3)
        let copied = try #require(try await to.read { try $0.run(uuid: candidate.uuid) })
        let arrived = try await to.read { try $0.decisions(run: copied.id) }
        #expect(arrived.map(\.verdict) == [.passed, .alert])
        #expect(try await to.read { try $0.latestDecisions(runs: [copied.id]) }[copied.id]?.verdict == .alert)

        _ = try await StandingVerdictTests.gate(from, candidate, baseline: String(slow.id))
        #expect(try await StoreCopy(from: from, to: to).copy().laterDecisions.map(\.count) == [1])
        let caughtUp = try await to.read { try $0.decisions(run: copied.id) }
        #expect(caughtUp.map(\.verdict) == [.passed, .alert, .passed])
        #expect(Array(caughtUp.prefix(2)) == arrived)
        await from.close()
        await to.close()
    }

    /// Decisions are known by their time and document: the target's must be the source's first.
    @Test func decisionCatchUpComparesByTimeAndDocument() {
        let decisions = (0..<3).map { (index: Int) -> DecisionRecord in
            let decidedAt = Date(timeIntervalSince1970: 1_790_000_000 + Double(index))
            let alerts = index == 2 ? 1 : 0
            return DecisionRecord(
                id: Int64(index + 1), runID: 7, decidedAt: decidedAt, toolVersion: "t", passed: alerts == 0,
                alertCount: alerts, baseline: BaselineReference.none, document: "{\"n\":\(index)}")
        }
        var renumbered = decisions
        for index in renumbered.indices {
            renumbered[index].id = Int64(index + 40)
            renumbered[index].runID = 2
        }
        #expect(DecisionCatchUp(source: decisions, target: renumbered) == .upToDate)
        #expect(
            DecisionCatchUp(source: decisions, target: Array(renumbered.prefix(1)))
                == .later(Array(decisions.dropFirst())))
        #expect(DecisionCatchUp(source: decisions, target: []) == .later(decisions))
        var other = renumbered[1]
        other.document = "{\"n\":9}"
        #expect(DecisionCatchUp(source: decisions, target: [renumbered[0], other]) == .diverged(targetOnly: [other]))
        #expect(
            DecisionCatchUp(source: decisions, target: [renumbered[1], renumbered[0]])
                == .diverged(targetOnly: [renumbered[1], renumbered[0]]))
        #expect(DecisionCatchUp(source: [], target: [renumbered[0]]) == .diverged(targetOnly: [renumbered[0]]))
    }
}
