import BenchModel
import Foundation
import SQLiteStore
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

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

extension CommandLine {
    /// The median creation time (`creation.create_start_s`) of `run`, in seconds, as stored.
    func creationMedian(run: Int64) async throws -> Double {
        let store = try await store()
        let summaries: [MetricSummary]
        do {
            summaries = try await store.summaries(run: run)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        guard let median = summaries.first(where: { $0.metric == .creationTime })?.median else {
            throw CreationMedianMissing(run: run)
        }
        return median
    }

    struct CreationMedianMissing: Error, CustomStringConvertible {
        let run: Int64
        var description: String { "run \(run) has no creation median" }
    }
}

extension PrivateEngine {
    /// Makes every container start from now on take long enough that a creation exceeds a
    /// baseline's median by more than `limit` (0.2 for +20 %) however loaded the host is: the
    /// runtime's sleep alone is 1.5 × (1 + `limit`) × `baseline`, and at least `minimum` seconds.
    /// A fixed delay is not enough here: under the whole test suite this 2-core host has measured
    /// baselines of 1.9 s, where a 2 s delay made only +74 %. Returns the delay.
    @discardableResult
    func slowDown(beyond limit: Double, of baseline: Double, atLeast minimum: Double) throws -> Double {
        let delay = max(minimum, 1.5 * (1 + limit) * baseline)
        try slowDown(by: delay)
        return delay
    }
}

extension PrivateEngine {
    /// Stops `process` (SIGSTOP) inside a measured container start, however late this process
    /// gets to it on a loaded host: the runtime holds the `start`-th start from now on, the
    /// process is stopped once one is held, the start let go, and the process continued
    /// (SIGCONT) after `pause` — on every path, a cancelled wait's too. False when no start was
    /// held (the run ended first).
    func stop(_ process: RunningProcess, insideStart start: Int, for pause: Duration) async throws -> Bool {
        try await whileHolding(start: start) {
            try process.signal(SIGSTOP)
            defer { try? process.signal(SIGCONT) }
            release()
            try? await Task.sleep(for: pause)
        }
    }

    /// Runs `body` while the `start`-th container start from now on is held in the runtime (a
    /// run certainly still measuring), and lets the start go after it; false, `body` not run, when
    /// no start was held (the run ended first).
    func whileHolding(start: Int, _ body: () async throws -> Void) async throws -> Bool {
        try hang(atStart: start)
        defer { release() }
        guard await waitForBlockedStart() else { return false }
        try await body()
        return true
    }
}
