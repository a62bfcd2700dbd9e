import Foundation
import SQLiteStore
import TestSupport

/// The built binary with a database and a run lock of the test's own, so that tests running at
/// the same time neither share runs nor wait for each other's lock.
struct CommandLine {
    let binary: ExecutableFile
    let directory: TemporaryDirectory

    init() throws {
        binary = try ExecutableFile.locate()
        directory = try TemporaryDirectory(prefix: "sandbox-bench-e2e")
    }

    var database: String { directory.file("results.sqlite") }
    var lock: String { directory.file("run.lock") }
    var environment: [String: String] { ["SANDBOX_BENCH_LOCK": lock, "SANDBOX_BENCH_DB": database] }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> ExecutableFile.Outcome {
        try await binary.run(arguments, environment: environment.merging(extra) { $1 }, in: directory.url)
    }

    /// Runs `body` while the command runs (to watch and signal it), then collects the outcome.
    /// `ownProcessGroup`: see ``ExecutableFile/run(_:environment:in:ownProcessGroup:body:)``.
    func run<Result: Sendable>(
        _ arguments: [String], environment extra: [String: String] = [:], ownProcessGroup: Bool = false,
        body: (RunningProcess) async throws -> Result
    ) async throws -> (outcome: ExecutableFile.Outcome, result: Result) {
        try await binary.run(
            arguments, environment: environment.merging(extra) { $1 }, in: directory.url,
            ownProcessGroup: ownProcessGroup, body: body)
    }

    /// The results database the binary wrote, opened as the tests read it.
    func store() async throws -> SQLiteResultsStore {
        try await SQLiteResultsStore.open(path: database, mode: .existingOnly)
    }

    func remove() { directory.remove() }
}

extension ExecutableFile.Outcome {
    /// The error lines the tool printed (lines that start with `sandbox-bench: error:`).
    var errorLines: [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("sandbox-bench: error:") }
    }
}
