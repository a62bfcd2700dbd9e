import Foundation
import TestSupport

@testable import SQLiteStore

/// One side of a row of ``HiddenRegressionTests``: the slow candidate or the clean one, in a
/// database of the row's own — a copy of ``MeasuredRuns``' `slow` or `clean` database (run 1 the
/// baseline, run 2 the candidate) — with a folder for the files the row writes.
struct HiddenRegressionScene: Sendable {
    enum Candidate: String, Sendable {
        case slow, clean
    }

    let candidate: Candidate
    let runs: MeasuredRuns
    let cli: CommandLine

    var isSlow: Bool { candidate == .slow }
    /// The gate's exit code for the candidate when nothing hides anything: 1 for the slow
    /// candidate, 0 for the clean one.
    var verdict: Int32 { isSlow ? 1 : 0 }
    var engine: PrivateEngine { runs.engine }

    static func make(_ candidate: Candidate, runs: MeasuredRuns) throws -> HiddenRegressionScene {
        let scene = HiddenRegressionScene(candidate: candidate, runs: runs, cli: try CommandLine())
        try FileManager.default.copyItem(
            atPath: (candidate == .slow ? runs.slow : runs.clean).database, toPath: scene.cli.database)
        return scene
    }

    /// Replaces the row's database with a copy of the baseline's alone (run 1), for a row that
    /// measures a candidate of its own.
    func startFromTheBaselineAlone() throws {
        try FileManager.default.removeItem(atPath: cli.database)
        try FileManager.default.copyItem(atPath: runs.baseline.database, toPath: cli.database)
    }

    func file(_ name: String) -> String { cli.directory.file(name) }

    /// `sandbox-bench ARGUMENTS` on the row's database.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ExecutableFile.Outcome {
        try await cli.run(arguments, environment: environment)
    }

    /// `sandbox-bench gate ARGUMENTS` with the table's limit.
    func gate(_ arguments: [String] = []) async throws -> ExecutableFile.Outcome {
        try await cli.run(["gate"] + arguments + MeasuredRuns.limit)
    }

    /// Measures with the private engine as fast as the candidate's: slowed by
    /// ``MeasuredRuns/delay`` for the slow candidate, unchanged for the clean one. The command
    /// runs on the private engine (its `DOCKER_HOST`), or, when not `onPrivateEngine`, on this
    /// process's `DOCKER_HOST` (`ab`'s profiles name their engines).
    func measure(
        _ arguments: [String], environment: [String: String] = [:], onPrivateEngine: Bool = true,
        body: (RunningProcess) async throws -> Void = { _ in }
    ) async throws -> ExecutableFile.Outcome {
        let engineEnvironment = onPrivateEngine ? engine.environment : [:]
        return try await atCandidateSpeed {
            try await cli.run(arguments, environment: engineEnvironment.merging(environment) { $1 }, body: body).outcome
        }
    }

    /// Runs `body` while the private engine is as fast as the candidate's.
    func atCandidateSpeed<Result>(_ body: () async throws -> Result) async throws -> Result {
        if isSlow { try engine.slowDown(by: runs.delay) }
        defer { engine.restoreSpeed() }
        return try await body()
    }

    /// Copies the runs of `source` into the row's database (`sandbox-bench copy`): they come after
    /// the runs it holds.
    func copyRuns(of source: CommandLine) async throws {
        let copied = try await run(["copy", "--from", source.database, "--to", cli.database])
        guard copied.exitCode == 0 else { throw MeasuredRuns.Failure(description: "copy failed: \(copied.stderr)") }
    }

    /// `baseline export RUN -o FILE`; the file's path.
    func export(run: String, as name: String) async throws -> String {
        let path = file(name)
        let exported = try await self.run(["baseline", "export", run, "-o", path])
        guard exported.exitCode == 0 else {
            throw MeasuredRuns.Failure(description: "baseline export failed: \(exported.stderr)")
        }
        return path
    }

    /// Runs SQL on the row's database outside the tool, as another program or a person would.
    func execute(_ sql: String) throws {
        let connection = try SQLiteConnection(path: cli.database, create: false)
        connection.setBusyTimeout(milliseconds: 5000)
        try connection.executeScript(sql)
    }

    /// The database file's bytes.
    func databaseBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.database)) }

    func remove() { cli.remove() }
}
