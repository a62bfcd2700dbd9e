import ArgumentParser
import BenchModel
import BenchSuite
import BenchWorkflow
import Foundation
import Logging
import Reporting
import ResultsStore
import SyntheticHistory

/// `store-benchmark fleet`: a fleet's year — ten testbeds × 365 nightly runs with every metric
/// the suite records — in an SQLite file or a PostgreSQL database, and the times of what the
/// tool does with it every night: store a run, read one metric's history of one testbed, gate,
/// report one run, report the fleet. Each figure is the median of several repetitions.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract:
            "Fill a store with a fleet's nightly runs and time store, history, gate, report and the fleet report.",
        discussion: "Targets: store ≤ 50 ms, history ≤ 50 ms, gate ≤ 100 ms, report ≤ 2 s, fleet report ≤ 2 s."
    )

    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "An empty or missing SQLite file, or an empty postgresql:// database.", valueName: "path|url"))
    var database: String

    @Option(help: "Testbeds in the fleet.")
    var testbeds = 10

    @Option(help: "Nightly runs per testbed.")
    var nights = 365

    @Option(help: "Repetitions of each timed query (the median is reported).")
    var repetitions = 7

    @Flag(help: "Print the figures as JSON (seconds) on the last line.")
    var json = false

    func validate() throws {
        guard testbeds >= 1, nights >= 2, repetitions >= 1 else {
            throw ValidationError("--testbeds, --nights and --repetitions must be positive.")
        }
    }

    func run() async throws {
        let location = StoreLocation.named(database)
        let store = try await location.open(.createIfMissing)
        guard try await store.read({ try $0.runs(RunQuery(limit: 1)) }).isEmpty else {
            throw ValidationError("\(location) already holds runs; the benchmark needs an empty store.")
        }
        print("Filling \(location) with \(testbeds) testbeds × \(nights) nights ...")
        let storeTimes = try await fill(store)
        var figures = Figures(store: Statistics.median(Array(storeTimes.suffix(100 * testbeds))))

        let testbed = Self.testbedName(0)
        figures.history = try await timed {
            _ = try await store.read { reader in
                try reader.history(
                    of: Metric.creation.createStart.id,
                    runs: try reader.runs(RunQuery(testbed: testbed, purposes: [.main])).reversed())
            }
        }
        let candidate = try await store.read { try $0.latestMainRun(testbed: testbed)! }
        let gate = RegressionGate(
            store: store, progress: SilentProgress(),
            logger: Logger(label: "benchmark", factory: { _ in SwiftLogNoOpLogHandler() }))
        figures.gate = try await timed { _ = try await gate.evaluate(RegressionGate.Request(candidate: candidate)) }
        let loader = ReportLoader(store: store)
        figures.report = try await timed {
            let report = try await loader.report(run: "latest", testbed: testbed)
            for format in ReportFormat.allCases { _ = try format.render(report) }
        }
        figures.fleetReport = try await timed {
            let report = try await loader.fleetReport()
            for format in ReportFormat.allCases { _ = try FleetReportWriter.render(report, as: format) }
        }
        await store.close()

        print("")
        Self.report("store one run (median, last 100 nights)", figures.store, target: 0.050)
        Self.report("one metric's history, one testbed (\(nights) points)", figures.history, target: 0.050)
        Self.report("gate the latest run of a testbed", figures.gate, target: 0.100)
        Self.report("report one run (HTML, Markdown, JSON)", figures.report, target: 2)
        Self.report("report --fleet (\(testbeds) testbeds)", figures.fleetReport, target: 2)
        if json { print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self)) }
    }

    struct Figures: Codable {
        var store: Double
        var history = 0.0, gate = 0.0, report = 0.0, fleetReport = 0.0
    }

    static func testbedName(_ index: Int) -> String { String(format: "bench-%02d", index + 1) }

    /// Night by night, each testbed in turn, as the fleet's nightly jobs would; returns each run's store time.
    func fill(_ store: any ResultsStore) async throws -> [Double] {
        let writer = SyntheticRunWriter(store: store)
        let first = Date().addingTimeInterval(-Double(nights) * 86_400)
        var times: [Double] = []
        var lastCompleted: [Int: RunRecord] = [:]
        for night in 0..<nights {
            for testbed in 0..<testbeds {
                let clock = ContinuousClock()
                let start = clock.now
                let stored = try await writer.storeNight(
                    day: night * testbeds + testbed,
                    startedAt: first.addingTimeInterval(Double(night) * 86_400 + Double(testbed) * 60),
                    testbed: Self.testbedName(testbed))
                times.append(MeasureCommand.seconds(clock.now - start))
                guard stored.status == .completed else { continue }
                if night == 0 { try await store.setBaseline(name: "default", run: stored.id) }
                // Every completed night is gated, as the nightly job does; one in twenty alerts.
                if let baseline = lastCompleted[testbed] {
                    try await writer.storeDecision(
                        run: stored.id, baseline: baseline, at: Date(), alert: night % 20 == 7)
                }
                lastCompleted[testbed] = try await store.run(stored.id)
            }
            if (night + 1) % 73 == 0 { print("  \(night + 1) nights") }
        }
        return times
    }

    func timed(_ body: () async throws -> Void) async throws -> Double {
        Statistics.median(try await MeasureCommand.timed(repetitions: repetitions, body))
    }

    static func report(_ name: String, _ value: Double, target: Double) {
        MeasureCommand.report(name, value, target: target)
    }
}
