import BenchModel
import Foundation
import ResultsStore

/// Benchmarks the results database (see Scripts/bench-store.sh).
///
///     store-benchmark measure [--runs N] [--keep PATH]   fill a database with N nightly runs (default 3650) and time it
///     store-benchmark fill --db PATH [--runs N]           write runs until N are stored (default: until killed)
@main
struct StoreBenchmark {
    static let usage = """
        usage: store-benchmark measure [--runs N] [--keep PATH]
               store-benchmark fill --db PATH [--runs N]
        """

    static func main() {
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            guard !arguments.isEmpty else { throw UsageError("a mode is missing.") }
            let mode = arguments.removeFirst()
            var options = try Options(arguments)
            switch mode {
            case "measure":
                let runs = try options.integer("--runs") ?? 3650
                let keep = options.string("--keep")
                try options.finish()
                try MeasureMode.run(runs: runs, keepAt: keep)
            case "fill":
                guard let path = options.string("--db") else { throw UsageError("fill needs --db PATH.") }
                let runs = try options.integer("--runs")
                try options.finish()
                try FillMode.run(path: path, runs: runs)
            default:
                throw UsageError("unknown mode \(mode).")
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("store-benchmark: \(error.message)\n\(usage)\n".utf8))
            exit(FailureKind.badInput.exitCode)
        } catch let error as any CategorizedError {
            FileHandle.standardError.write(Data("store-benchmark: error: \(error.description)\n".utf8))
            exit(error.kind.exitCode)
        } catch {
            FileHandle.standardError.write(Data("store-benchmark: error: \(error)\n".utf8))
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
