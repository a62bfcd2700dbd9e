import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import Regression
import ResultsStore
import SQLiteStore
import SyntheticHistory

/// `report-benchmark site`: times the history site on a copy of a filled database — the whole
/// site into an empty folder, again with nothing changed, and after one new nightly run.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Time writing the history site of a filled database: whole, unchanged, after one new run.",
        discussion:
            "Targets on 3,650 runs: whole site ≤ 10 s, incremental after one new run ≤ 1 s. The database is copied first."
    )

    @Option(name: .customLong("db"), help: ArgumentHelp("An existing, filled results database.", valueName: "path"))
    var databasePath: String

    @Option(
        help: ArgumentHelp("Keep the site in this folder (default: a temporary folder, deleted).", valueName: "dir"))
    var out: String?

    func validate() throws {
        if !FileManager.default.fileExists(atPath: databasePath) {
            throw ValidationError(
                "\(databasePath) does not exist; site needs a filled database (Scripts/bench-store.sh --keep PATH).")
        }
    }

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "site-benchmark-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let copy = scratch + "/results.sqlite"
        try FileManager.default.copyItem(atPath: databasePath, toPath: copy)
        let directory = out ?? scratch + "/site"
        let store = try await SQLiteResultsStore.open(path: copy, mode: .existingOnly)
        let publisher = SitePublisher(store: store, configuration: RegressionConfiguration(minParallelEfficiency: 0.25))

        let (whole, first) = try await Self.timed { try await publisher.publish(into: directory) }
        let (unchanged, second) = try await Self.timed { try await publisher.publish(into: directory) }
        let last = try await store.read { try $0.latestMainRun() }
        let day = try await store.read { try $0.runs(RunQuery(purposes: [.main])).count }
        let writer = SyntheticRunWriter(store: store)
        let night = try await writer.storeNight(day: day, startedAt: (last?.startedAt ?? Date()) + 86_400)
        // Gated, as the nightly job gates it.
        if night.status == .completed,
            let baseline = try await store.read({ try $0.latestCompletedRun(before: try $0.run(night.id)) })
        {
            try await writer.storeDecision(run: night.id, baseline: baseline, at: Date(), alert: false)
        }
        let (incremental, third) = try await Self.timed { try await publisher.publish(into: directory) }
        await store.close()

        print("site of                            \(first.runPages) runs → \(directory)")
        Self.line("whole site (\(first.written.count) files)", whole, target: 10)
        Self.line("again, nothing changed (\(second.written.count) files)", unchanged, target: nil)
        Self.line("after one new run (\(third.written.count) files)", incremental, target: 1)
        if out != nil { print("The site stays in \(directory).") }
    }

    static func timed<T>(_ body: () async throws -> T) async throws -> (Double, T) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try await body()
        let elapsed = clock.now - start
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, value)
    }

    static func line(_ name: String, _ seconds: Double, target: Double?) {
        let verdict =
            target.map { seconds <= $0 ? "   (target ≤ \(Int($0)) s: ok)" : "   (target ≤ \(Int($0)) s: OVER TARGET)" }
            ?? ""
        print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%.3f s", seconds) + verdict)
    }
}
