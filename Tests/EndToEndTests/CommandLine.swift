import Foundation
import SQLiteStore
import TestSupport

/// The built binary with a database and a run lock of the test's own, so that tests running at
/// the same time neither share runs nor wait for each other's lock.
struct CommandLine {
    let binary: BuiltBinary
    let directory: TemporaryDirectory

    init() throws {
        binary = try BuiltBinary.locate()
        directory = try TemporaryDirectory(prefix: "sandbox-bench-e2e")
    }

    var database: String { directory.file("results.sqlite") }
    var lock: String { directory.file("run.lock") }
    var environment: [String: String] { ["SANDBOX_BENCH_LOCK": lock, "SANDBOX_BENCH_DB": database] }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> BuiltBinary.Outcome {
        try binary.run(arguments, environment: environment.merging(extra) { $1 }, in: directory.url)
    }

    func start(_ arguments: [String]) throws -> RunningBinary {
        try binary.start(arguments, environment: environment, in: directory.url)
    }

    /// The results database the binary wrote, opened as the tests read it.
    func store() async throws -> SQLiteResultsStore {
        try await SQLiteResultsStore.open(path: database, mode: .existingOnly)
    }

    func remove() { directory.remove() }
}

extension BuiltBinary.Outcome {
    /// The error lines the tool printed (lines that start with `sandbox-bench: error:`).
    var errorLines: [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("sandbox-bench: error:") }
    }
}
