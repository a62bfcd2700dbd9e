import BenchModel
import Foundation
import Regression
import Reporting
import ResultsStore

/// Times the report of the latest run: building it from the database (comparison with its
/// baseline and the history of the key metrics), rendering each format, and writing the files.
enum MeasureMode {
    static let target = 2.0

    static func run(path: String, repetitions: Int, history: Int, out: String?) throws {
        let database = try ResultsDatabase(path: path, mode: .existingOnly)
        let runCount = try database.runs().count
        let candidate = try BaselineResolver(database: database).candidate(nil)
        let directory = out ?? FileManager.default.temporaryDirectory.appendingPathComponent("report-benchmark-\(UUID().uuidString)").path
        defer { if out == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let builder = ReportBuilder(database: database, historyLength: history)
        let writer = ReportWriter(directory: directory)

        var builds: [Double] = []
        var renders: [ReportFormat: [Double]] = [:]
        var totals: [Double] = []
        var sizes: [ReportFormat: Int] = [:]
        for _ in 0..<repetitions {
            let clock = ContinuousClock()
            let start = clock.now
            let report = try builder.build(run: candidate)
            let built = clock.now
            builds.append(seconds(built - start))
            for format in ReportFormat.allCases {
                let before = clock.now
                sizes[format] = try format.render(report).utf8.count
                renders[format, default: []].append(seconds(clock.now - before))
            }
            let beforeWrite = clock.now
            try writer.write(report, updateLatest: true)
            let written = clock.now
            // Rendering is measured above on its own; the total is build + write (which renders again).
            totals.append(seconds(built - start) + seconds(written - beforeWrite))
        }

        print("database                 \(path) (\(runCount) runs)")
        print("report of                run \(candidate.id), \(history) runs of history, \(repetitions) repetitions")
        line("build from the database", builds)
        for format in ReportFormat.allCases {
            line("render \(format.rawValue) (\(sizes[format] ?? 0) bytes)", renders[format] ?? [])
        }
        line("build + write all formats", totals)
        let median = Statistics.median(totals)
        print("target ≤ \(target) s: " + (median <= target ? "ok" : "OVER TARGET") + String(format: " (median %.3f s)", median))
        if let out { print("The reports stay in \(out).") }
    }

    static func line(_ name: String, _ values: [Double]) {
        let text = name.padding(toLength: 40, withPad: " ", startingAt: 0)
        print(text + String(format: "median %8.1f ms   first %8.1f ms   slowest %8.1f ms", Statistics.median(values) * 1000, (values.first ?? 0) * 1000, (values.max() ?? 0) * 1000))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
