import BenchModel
import Foundation
import Regression
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

@testable import Reporting

@Suite struct PrometheusTextfileTests {
    static let name = #"[a-zA-Z_:][a-zA-Z0-9_:]*"#
    static let labelValue = #""(?:[^"\\\n]|\\\\|\\"|\\n)*""#
    static let sampleLine = try! NSRegularExpression(
        pattern: "^(\(name))(\\{[a-zA-Z_][a-zA-Z0-9_]*=\(labelValue)(,[a-zA-Z_][a-zA-Z0-9_]*=\(labelValue))*\\})? "
            + #"(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|[+-]Inf)$"#)
    static let helpLine = try! NSRegularExpression(pattern: "^# HELP (\(name)) .+$")
    static let typeLine = try! NSRegularExpression(pattern: "^# TYPE (\(name)) (gauge|counter|untyped)$")

    static func matches(_ expression: NSRegularExpression, _ line: String) -> [String]? {
        guard let match = expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else {
            return nil
        }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: line).map { String(line[$0]) } ?? ""
        }
    }

    /// Checks the exposition format line by line: HELP then TYPE then the family's samples,
    /// each family once. Returns the samples as `name{labels}` → value.
    static func parse(_ text: String) throws -> [String: Double] {
        #expect(text.hasSuffix("\n"))
        var samples: [String: Double] = [:]
        var families: [String] = []
        var current: String?
        var expectType = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) {
            if let help = matches(helpLine, line) {
                #expect(!families.contains(help[1]), "family \(help[1]) appears twice")
                families.append(help[1])
                current = help[1]
                expectType = true
            } else if let type = matches(typeLine, line) {
                #expect(expectType && type[1] == current, "TYPE line out of place: \(line)")
                expectType = false
            } else if let sample = matches(sampleLine, line) {
                #expect(!expectType && sample[1] == current, "sample outside its family: \(line)")
                let key = sample[1] + sample[2]
                #expect(samples[key] == nil, "duplicate sample \(key)")
                samples[key] = Double(sample[4].replacingOccurrences(of: "Inf", with: "infinity"))
            } else {
                Issue.record("not a line of the text format: \(line)")
            }
        }
        return samples
    }

    @Test func aRegressedRunsFiguresAndAlerts() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let run = try await runs.database.run(runs.regressed)
        let text = try await runs.prometheus(runs.regressed)
        let samples = try Self.parse(text)
        let summaries = try await runs.database.summaries(run: runs.regressed)
        let creation = try #require(summaries.first { $0.metric == .creationTime })
        #expect(samples[#"sandbox_bench_creation_seconds{statistic="median"}"#] == creation.median)
        #expect(samples[#"sandbox_bench_creation_seconds{statistic="p95"}"#] == creation.p95)
        #expect(samples[#"sandbox_bench_creation_seconds{statistic="max"}"#] == creation.max)
        #expect(samples["sandbox_bench_alerts"] == 1)
        #expect(samples[#"sandbox_bench_run_status{status="completed"}"#] == 1)
        #expect(samples[#"sandbox_bench_run_status{status="failed"}"#] == 0)
        #expect(samples["sandbox_bench_cleanup_failures"] == 0)
        #expect(samples["sandbox_bench_run_timestamp_seconds"] == run.startedAt.timeIntervalSince1970)
        #expect(samples["sandbox_bench_run_duration_seconds"] == 60)
        #expect(samples[#"sandbox_bench_overhead_percent{spec="overhead_simple",statistic="median"}"#] != nil)
    }

    @Test func labelValuesAreEscaped() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        var run = try await runs.database.run(runs.labelled)
        run.label = "a \"quoted\" \\ back\nslash\u{1B}[31m\u{07}\r"
        let text = PrometheusTextfile.render(
            run: run, summaries: [], alertCount: 0, baselineLabel: "baseline \"default\" (run 1)")
        let samples = try Self.parse(text)
        let info = try #require(samples.keys.first { $0.hasPrefix("sandbox_bench_run_info{") })
        // Control characters the format cannot escape become U+FFFD.
        #expect(info.contains(#"label="a \"quoted\" \\ back\nslash"# + "\u{FFFD}[31m\u{FFFD}\u{FFFD}\""))
        #expect(info.contains(#"baseline="baseline \"default\" (run 1)""#))
        #expect(!text.contains("back\nslash"))
    }

    @Test func aFailedRunHasItsStatusAndNoMissingFigures() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let text = try await runs.prometheus(runs.failed)
        let samples = try Self.parse(text)
        #expect(samples[#"sandbox_bench_run_status{status="failed"}"#] == 1)
        #expect(samples[#"sandbox_bench_run_status{status="completed"}"#] == 0)
        #expect(samples["sandbox_bench_alerts"] == 0)
        #expect(!text.contains("sandbox_bench_parallel_efficiency_ratio"))
        #expect(samples[#"sandbox_bench_creation_seconds{statistic="median"}"#] != nil)
    }

    @Test func theGatesCountWinsOverTheStoredAlerts() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let text = try await runs.prometheus(runs.regressed, alertCount: 3)
        #expect(try Self.parse(text)["sandbox_bench_alerts"] == 3)
    }

    @Test func theFileIsReplacedAtomicallyWithNoTemporaryFileLeft() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let folder = runs.directory.file("textfile")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/sandbox_bench.prom"
        try await runs.writePrometheus(runs.baseline, to: path)
        try await runs.writePrometheus(runs.regressed, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sandbox_bench.prom"])
        let written = try String(contentsOfFile: path, encoding: .utf8)
        let expected = try await runs.prometheus(runs.regressed)
        #expect(written == expected)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o644)
    }

    @Test func aMissingFolderIsMadeAndAnUnwritablePlaceIsAnEnvironmentError() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        let made = runs.directory.file("missing-folder/below/sandbox_bench.prom")
        try await runs.writePrometheus(runs.baseline, to: made)
        let expected = try await runs.prometheus(runs.baseline)
        #expect(try String(contentsOfFile: made, encoding: .utf8) == expected)

        // Below a regular file, no folder can be made.
        let file = runs.directory.file("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        await #expect(throws: ReportWriteError.self) {
            try await runs.writePrometheus(runs.baseline, to: file + "/sandbox_bench.prom")
        }
        #expect(ReportWriteError.cannotWrite(path: file, reason: "x").kind == .environment)
    }

    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    /// CI installs promtool and sets SANDBOX_BENCH_REQUIRE_PROMTOOL=1: there the test fails, never skips, without it.
    static let promtoolRequired = ProcessInfo.processInfo.environment["SANDBOX_BENCH_REQUIRE_PROMTOOL"] == "1"

    /// Prometheus's own linter, where it is installed (Debian's `prometheus` package ships it).
    @Test(.enabled(if: promtool != nil || promtoolRequired, "promtool is not installed"))
    func promtoolAcceptsTheFile() async throws {
        let runs = try await StoredRuns.make()
        defer { runs.directory.remove() }
        var run = try await runs.database.run(runs.regressed)
        run.label = "a \"quoted\" \\ label\nwith a line break"
        let text = try await runs.prometheus(runs.regressed, run: run)
        let promtool = try #require(Self.promtool, "SANDBOX_BENCH_REQUIRE_PROMTOOL=1, but promtool is not installed")
        // promtool reads the metrics on its standard input.
        let file = runs.directory.file("metrics.prom")
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let check = try await ExecutableFile(path: "/bin/sh").run([
            "-c", #"exec "$0" check metrics < "$1""#, promtool, file,
        ])
        #expect(check.exitCode == 0, "promtool: \(check.stdout)\(check.stderr)")
    }
}
