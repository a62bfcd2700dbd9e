import BenchModel
import Foundation

/// Report generation, timed and demonstrated (see Scripts/bench-report.sh).
///
///     report-benchmark measure --db PATH [--repetitions N] [--history N] [--out DIR]
///         times building and writing the report of the latest run of a filled database
///     report-benchmark demo --db PATH [--runs N]
///         writes a new database with N nightly runs (default 30): failed and aborted runs, one
///         creation regression with its alert stored, a baseline, labels and output that need escaping
@main
struct ReportBenchmark {
    static let usage = """
        usage: report-benchmark measure --db PATH [--repetitions N] [--history N] [--out DIR]
               report-benchmark demo --db PATH [--runs N]
        """

    static func main() {
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            guard !arguments.isEmpty else { throw UsageError("a mode is missing.") }
            let mode = arguments.removeFirst()
            var options = try Options(arguments)
            guard let path = options.string("--db") else { throw UsageError("\(mode) needs --db PATH.") }
            switch mode {
            case "measure":
                let repetitions = try options.integer("--repetitions") ?? 5
                let history = try options.integer("--history") ?? 90
                let out = options.string("--out")
                try options.finish()
                try MeasureMode.run(path: path, repetitions: max(1, repetitions), history: max(1, history), out: out)
            case "demo":
                let runs = try options.integer("--runs") ?? 30
                try options.finish()
                try DemoHistory.write(path: path, runs: max(2, runs))
            default:
                throw UsageError("unknown mode \(mode).")
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("report-benchmark: \(error.message)\n\(usage)\n".utf8))
            exit(FailureKind.badInput.exitCode)
        } catch let error as any CategorizedError {
            FileHandle.standardError.write(Data("report-benchmark: error: \(error.description)\n".utf8))
            exit(error.kind.exitCode)
        } catch {
            FileHandle.standardError.write(Data("report-benchmark: error: \(error)\n".utf8))
            exit(FailureKind.environment.exitCode)
        }
    }
}

struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// `--name value` pairs; every option must be consumed.
struct Options {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard name.hasPrefix("--"), let value = remaining.popFirst() else {
                throw UsageError("expected --option value pairs, got \(name).")
            }
            values[name] = value
        }
    }

    mutating func string(_ name: String) -> String? { values.removeValue(forKey: name) }

    mutating func integer(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), value >= 0 else { throw UsageError("\(name) takes a whole number ≥ 0, not \(text).") }
        return value
    }

    func finish() throws {
        if let unknown = values.keys.sorted().first { throw UsageError("unknown option \(unknown).") }
    }
}
