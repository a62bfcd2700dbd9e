import ArgumentParser
import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

struct ChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "List the change points of the key metrics: runs where a metric's level shifted and stayed.",
        discussion: """
            Searches each key metric's figure over every completed main run for sustained shifts \
            with E-divisive means and a t-test between the levels (the method of Apache Otava; \
            docs/regression.md), so that a slow creep that no single night-versus-baseline \
            comparison flags shows up as the run where the level changed. Its parameters come \
            from the configuration file's `changePoints` object (--config). One line per change \
            point, oldest first: metric, run, start time (UTC), median before and after, change, \
            p, and whether the new level is worse. Nothing is stored. Each testbed's history is \
            searched on its own (with --testbed, one testbed's only); where change points of \
            several testbeds are listed, a TESTBED column names each one's.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(
        help: ArgumentHelp(
            "Only this metric (default: \(MetricSeries.metrics.map(\.rawValue).joined(separator: ", "))).",
            valueName: "metric"))
    var metric: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Only change points at runs started on or after this day (YYYY-MM-DD, UTC) or time (ISO 8601).",
            valueName: "date"))
    var since: String?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var testbed: TestbedFilterOption

    func validate() throws {
        if let metric, !MetricCatalogue.contains(MetricID(metric)) {
            let suggestion = MetricCatalogue.nearest(to: metric).map { "; did you mean \($0)?" } ?? "."
            throw ValidationError(
                "--metric \"\(metric)\" is not a metric sandbox-bench records\(suggestion) Without --metric, changes looks at \(MetricSeries.metrics.map(\.rawValue).joined(separator: ", "))."
            )
        }
        if let since, ISO8601Date.parse(since) == nil {
            throw ValidationError(
                "--since takes a day such as 2025-11-26 or a time such as 2025-11-26T02:00:00Z, not \"\(since)\".")
        }
    }

    func run() async throws {
        try await database.withStore(.readOnly) { store in
            let configuration = try comparison.makeConfiguration()
            let metrics = metric.map { [MetricID($0)] } ?? MetricSeries.metrics
            // A fleet's testbeds do not share levels: each testbed's history is searched on its own.
            let histories = try await store.read { [testbed = testbed.testbed] reader in
                try (testbed.map { [$0] } ?? reader.testbeds()).map { testbed in
                    let runs = try reader.runs(
                        RunQuery(testbed: testbed, statuses: [.completed], purposes: [.main], order: .oldestFirst))
                    return (
                        testbed,
                        try MetricSeries.read(reader, runs: runs, metrics: metrics, statistic: configuration.statistic)
                    )
                }
            }
            let series = histories.flatMap(\.1)
            let start = since.flatMap { ISO8601Date.parse($0) }
            let shifts = histories.flatMap { testbed, series in
                series.flatMap { $0.levelShifts(settings: configuration.changePoints) }.map { shift in
                    var shift = shift
                    shift.testbed = testbed
                    return shift
                }
            }
            .filter { shift in start.map { shift.startedAt >= $0 } ?? true }
            .sorted { ($0.startedAt, $0.runID, $0.metric) < ($1.startedAt, $1.runID, $1.metric) }
            switch format {
            case .json:
                CommandOutput.data(try CommandOutput.json(shifts))
            case .table:
                guard !shifts.isEmpty else {
                    let runs = series.map(\.entries.count).max() ?? 0
                    CommandOutput.show("No change point in \(ValueFormat.count(runs, "completed run")).")
                    return
                }
                let testbeds = Set(shifts.compactMap(\.testbed)).count > 1
                let header =
                    (testbeds ? ["TESTBED"] : []) + [
                        "METRIC", "RUN", "STARTED (UTC)", "BEFORE", "AFTER", "CHANGE", "P", "LEVEL",
                    ]
                let rows = shifts.map { shift in
                    ((testbeds ? [shift.testbed ?? "-"] : []) + [
                        shift.metric.rawValue, String(shift.runID), CommandOutput.utc(shift.startedAt),
                        shift.unit.format(shift.beforeMedian), shift.unit.format(shift.afterMedian),
                        shift.changeText, ValueFormat.pValue(shift.pValue),
                        shift.isWorse ? "worse" : "better",
                    ]).map(TerminalSafe.inline)
                }
                CommandOutput.show(CommandOutput.table([header] + rows))
            }
        }
    }
}
