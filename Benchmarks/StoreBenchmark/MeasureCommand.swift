import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Logging
import ResultsStore
import SQLiteStore
import SyntheticHistory

/// `store-benchmark measure`: fills a database with ten years of nightly runs and times what
/// the tool does with it every day.
struct MeasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Fill a new database with nightly runs and time storing, history and latest-run queries.",
        discussion:
            "Targets: one run stored in ≤ 50 ms, one metric's history read in ≤ 50 ms, a gate of the latest run in"
            + " ≤ 100 ms, the database ≤ 200 MB."
    )

    static let storeTarget = 0.050
    static let historyTarget = 0.050
    static let gateTarget = 0.100
    static let sizeTarget: Int64 = 200 * 1024 * 1024

    @Option(
        help: ArgumentHelp("How many nightly runs to store, one a day, the first that many days ago.", valueName: "n"))
    var runs = 3650

    @Option(
        help: ArgumentHelp(
            "Leave the filled database at this path, which must not exist yet (default: a temporary file, deleted).",
            valueName: "path"))
    var keep: String?

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs takes a whole number ≥ 1, not \(runs).") }
        if let keep, FileManager.default.fileExists(atPath: keep) {
            throw ValidationError("\(keep) already exists; remove it or choose another path for --keep.")
        }
    }

    func run() async throws {
        let path =
            keep
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "store-benchmark-\(UUID().uuidString).sqlite"
            ).path
        defer {
            if keep == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        print("Filling \(path) with \(runs) nightly runs ...")
        let storeTimes = try await Self.fill(path: path, runs: runs)

        let store = try await SQLiteResultsStore.open(path: path, mode: .existingOnly)
        let lastRun = try await store.read { try $0.runs(RunQuery(limit: 1))[0] }
        let readHistory = { @Sendable in
            try await store.read {
                try $0.history(of: Metric.creation.createStart.id, runs: try $0.runs(RunQuery(purposes: [.main])))
            }
        }
        let history = try await Self.timed(repetitions: 21) { _ = try await readHistory() }
        let historyPoints = try await readHistory().count
        let latest = try await Self.timed(repetitions: 101) { _ = try await store.read { try $0.latestCompletedRun() } }
        let fallback = try await Self.timed(repetitions: 101) {
            _ = try await store.read { try $0.runs(.completedMainRuns(before: lastRun, withoutAlerts: true, limit: 1)) }
        }
        let gates = try await Self.timeGate(store)
        let samples = try await store.read { try $0.samples(run: lastRun.id, metric: nil).count }
        let size = Self.databaseSize(path)

        let recent = Array(storeTimes.suffix(100))
        print("")
        print("runs stored                          \(runs) (\(samples) raw samples in the last one)")
        Self.report("store one run (median, all)", Statistics.median(storeTimes), target: Self.storeTarget)
        Self.report("store one run (median, last 100)", Statistics.median(recent), target: Self.storeTarget)
        Self.report("store one run (slowest of last 100)", recent.max() ?? 0, target: nil)
        Self.report(
            "one metric's history (\(historyPoints) points, median)", Statistics.median(history),
            target: Self.historyTarget)
        Self.report("one metric's history (slowest)", history.max() ?? 0, target: nil)
        Self.report("latest completed run (median)", Statistics.median(latest), target: nil)
        Self.report("latest completed run without alerts (median)", Statistics.median(fallback), target: nil)
        Self.report("gate the latest run, as `gate` does (median)", Statistics.median(gates), target: Self.gateTarget)
        Self.report("gate the latest run (slowest)", gates.max() ?? 0, target: nil)
        let sizeVerdict = size <= Self.sizeTarget ? "ok" : "OVER TARGET"
        print(
            Self.pad("database size") + String(format: "%.1f MB", Double(size) / 1_048_576)
                + "   (target ≤ 200 MB: \(sizeVerdict))")
        if keep != nil { print("The filled database stays at \(path).") }
    }

    /// Stores `runs` nightly runs, the first ten years ago; returns each run's store time in seconds.
    static func fill(path: String, runs: Int) async throws -> [Double] {
        let store = try await SQLiteResultsStore.open(path: path)
        let writer = SyntheticRunWriter(store: store)
        let first = Date().addingTimeInterval(-Double(runs) * 86_400)
        var times: [Double] = []
        times.reserveCapacity(runs)
        var lastCompleted: RunRecord?
        for day in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            let stored = try await writer.storeNight(
                day: day, startedAt: first.addingTimeInterval(Double(day) * 86_400 + 7_200))
            times.append(seconds(clock.now - start))
            guard stored.status == .completed else { continue }
            if day % 365 == 0 {
                try await store.setBaseline(
                    name: "release-\(day / 365)", run: stored.id, note: "synthetic yearly release")
            }
            // Every completed night is gated, as the nightly job does; one in twenty alerts.
            if let baseline = lastCompleted {
                try await writer.storeDecision(run: stored.id, baseline: baseline, at: Date(), alert: day % 20 == 7)
            }
            lastCompleted = try await store.run(stored.id)
            if (day + 1) % 365 == 0 { print("  \(day + 1) runs") }
        }
        return times
    }

    /// `sandbox-bench gate` without arguments: the candidate resolved, compared with its baseline,
    /// the decision stored (each repetition stores one more decision, as a re-gate does).
    static func timeGate(_ store: any ResultsStore) async throws -> [Double] {
        let gate = RegressionGate(
            store: store, progress: SilentProgress(),
            logger: Logger(label: "benchmark", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await timed(repetitions: 21) {
            let candidate = try await store.read { try BaselineResolver($0).candidate(nil) }
            _ = try await gate.evaluate(RegressionGate.Request(candidate: candidate))
        }
    }

    static func timed(repetitions: Int, _ body: () async throws -> Void) async throws -> [Double] {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = clock.now
            try await body()
            times.append(seconds(clock.now - start))
        }
        return times
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func databaseSize(_ path: String) -> Int64 {
        ["", "-wal"].reduce(Int64(0)) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }

    static func report(_ name: String, _ value: Double, target: Double?) {
        let figure = String(format: "%.3f ms", value * 1000)
        let verdict =
            target.map {
                value <= $0
                    ? "   (target ≤ \(Int($0 * 1000)) ms: ok)" : "   (target ≤ \(Int($0 * 1000)) ms: OVER TARGET)"
            } ?? ""
        print(pad(name) + figure + verdict)
    }

    static func pad(_ name: String) -> String {
        name.padding(toLength: 50, withPad: " ", startingAt: 0)
    }
}
