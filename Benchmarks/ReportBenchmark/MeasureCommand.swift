import ArgumentParser
import BenchModel
import BenchWorkflow
import Foundation
import Regression
import Reporting
import ResultsStore
import SQLiteStore

/// `report-benchmark measure`: times the report of the latest run — building it from the
/// database (comparison with its baseline and the history of the key metrics), rendering each
/// format, and writing the files.
struct MeasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Time building and writing the report of the latest run of a filled database.",
        discussion: "Target: build + write all formats in ≤ 2 s (median)."
    )

    static let target = 2.0

    @Option(name: .customLong("db"), help: ArgumentHelp("An existing, filled results database.", valueName: "path"))
    var databasePath: String

    @Option(help: ArgumentHelp("How many times to build and write the report.", valueName: "n"))
    var repetitions = 5

    @Option(help: ArgumentHelp("How many runs of trend history the report shows.", valueName: "n"))
    var history = 90

    @Option(
        help: ArgumentHelp(
            "Keep the written reports in this folder (default: a temporary folder, deleted).", valueName: "dir"))
    var out: String?

    func validate() throws {
        if !FileManager.default.fileExists(atPath: databasePath) {
            throw ValidationError(
                "\(databasePath) does not exist; measure needs a filled database (Scripts/bench-store.sh --keep PATH).")
        }
        if repetitions < 1 { throw ValidationError("--repetitions takes a whole number ≥ 1, not \(repetitions).") }
        if history < 1 { throw ValidationError("--history takes a whole number ≥ 1, not \(history).") }
    }

    func run() async throws {
        let store = try await SQLiteResultsStore.open(path: databasePath, mode: .existingOnly)
        let runCount = try await store.read { try $0.runs(RunQuery()).count }
        let directory =
            out
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("report-benchmark-\(UUID().uuidString)")
            .path
        defer { if out == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let loader = ReportLoader(store: store, historyLength: history)
        let writer = ReportWriter(directory: directory)

        var reportedRun: Int64 = 0
        var builds: [Double] = []
        var renders: [ReportFormat: [Double]] = [:]
        var totals: [Double] = []
        var sizes: [ReportFormat: Int] = [:]
        for _ in 0..<repetitions {
            let clock = ContinuousClock()
            let start = clock.now
            let report = try await loader.report(run: nil)
            reportedRun = report.run.id
            let built = clock.now
            builds.append(Self.seconds(built - start))
            for format in ReportFormat.allCases {
                let before = clock.now
                sizes[format] = try format.render(report).utf8.count
                renders[format, default: []].append(Self.seconds(clock.now - before))
            }
            let beforeWrite = clock.now
            try writer.write(report, updateLatest: true)
            let written = clock.now
            // Rendering is measured above on its own; the total is build + write (which renders again).
            totals.append(Self.seconds(built - start) + Self.seconds(written - beforeWrite))
        }

        print("database                 \(databasePath) (\(runCount) runs)")
        print("report of                run \(reportedRun), \(history) runs of history, \(repetitions) repetitions")
        Self.line("build from the database", builds)
        for format in ReportFormat.allCases {
            Self.line("render \(format.rawValue) (\(sizes[format] ?? 0) bytes)", renders[format] ?? [])
        }
        Self.line("build + write all formats", totals)
        let median = Statistics.median(totals)
        print(
            "target ≤ \(Self.target) s: " + (median <= Self.target ? "ok" : "OVER TARGET")
                + String(format: " (median %.3f s)", median))
        if let out { print("The reports stay in \(out).") }
    }

    static func line(_ name: String, _ values: [Double]) {
        let text = name.padding(toLength: 40, withPad: " ", startingAt: 0)
        print(
            text
                + String(
                    format: "median %8.1f ms   first %8.1f ms   slowest %8.1f ms", Statistics.median(values) * 1000,
                    (values.first ?? 0) * 1000, (values.max() ?? 0) * 1000))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
