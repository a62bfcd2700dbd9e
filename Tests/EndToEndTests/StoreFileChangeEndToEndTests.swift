import BenchModel
import Foundation
import ResultsStore
import TestSupport
import Testing

@testable import SQLiteStore

#if canImport(Glibc)
    import Glibc
#endif

/// The built binary when the database's files change under a run, or its disk fills: the run
/// ends with exit 3 and one line that says what happened, and the file at the database's path
/// tells the same story — never a run left `running` that the next writer closes with the wrong
/// reason.
@Suite(.enabled(if: DockerRequirement.shouldRun), .serialized, .privateEngine)
struct StoreFileChangeEndToEndTests {
    /// Runs `change` while a container start of the run's second or third spec is held in the
    /// private engine's runtime: the run is certainly still measuring, however late this process
    /// saw the second spec begin on a loaded host (a change made right after that line has come
    /// after the run's end there). The run's id, or nil when it ended first or no start was held.
    static func whileMeasuring(_ process: RunningProcess, _ change: () throws -> Void) async throws -> Int64? {
        let engine = try #require(PrivateEngine.current)
        guard let runID = await StoreIntegrityEndToEndTests.untilSecondSpec(process) else { return nil }
        return try await engine.whileHolding(start: 1, change) ? runID : nil
    }

    /// Three specs with enough iterations that the run is still measuring when a test that saw
    /// its second spec start gets to change its files, also on a loaded host.
    static let threeSpecs =
        Array(StoreIntegrityEndToEndTests.threeSpecs.dropLast(5))
        + ["--iterations", "12", "--no-report", "--log-level", "info"]

    /// A backup or sync tool copies the file and renames the copy over it while the run writes.
    @Test func aCopyRenamedOverTheDatabaseDuringARunLeavesThePathTruthful() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let engine = try #require(PrivateEngine.current)
        let (outcome, runID) = try await cli.run(Self.threeSpecs, environment: engine.environment) { process in
            try await Self.whileMeasuring(process) {
                let copy = cli.directory.file("copy.sqlite")
                try FileManager.default.copyItem(atPath: cli.database, toPath: copy)
                #expect(rename(copy, cli.database) == 0)
            }
        }
        let id = try #require(runID)
        #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        let line = try #require(outcome.errorLines.first)
        #expect(line.contains("was replaced by another file (a copy, a restored backup) while run \(id)"), "\(line)")
        let store = try await SQLiteResultsStore.open(path: cli.database, mode: .readOnly)
        let runs = try await store.read { try $0.runs(RunQuery()) }
        await store.close()
        #expect(runs.allSatisfy { $0.status != .running }, "\(runs)")
        if line.contains("nothing of it is kept at that path") {
            #expect(runs.isEmpty, "\(runs)")
        } else {
            #expect(line.contains("closed as aborted with that reason"), "\(line)")
            let run = try #require(runs.first { $0.id == id })
            #expect(run.status == .aborted)
            #expect(run.reason?.contains("was replaced by another file") == true, "\(run.reason ?? "")")
        }
        #expect(
            try await StoreIntegrityEndToEndTests.leftContainers(pid: outcome.pid, socketPath: engine.socketPath) == 0)
    }

    /// The write-ahead log deleted under the run: what the run committed is folded into the file,
    /// which records the run as aborted, naming the deleted log.
    @Test func aWriteAheadLogDeletedDuringARunIsRecordedAsSuch() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let engine = try #require(PrivateEngine.current)
        let (outcome, runID) = try await cli.run(Self.threeSpecs, environment: engine.environment) { process in
            try await Self.whileMeasuring(process) { try FileManager.default.removeItem(atPath: cli.database + "-wal") }
        }
        let id = try #require(runID)
        #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        let line = try #require(outcome.errorLines.first)
        #expect(line.contains("The write-ahead log \(cli.database)-wal of the results database was deleted"), "\(line)")
        #expect(line.contains("as run \(id), closed as aborted with that reason"), "\(line)")
        let store = try await SQLiteResultsStore.open(path: cli.database, mode: .readOnly)
        let run = try await store.run(id)
        let specs = try await store.read { try $0.specRecords(run: id).map(\.spec) }
        await store.close()
        #expect(run.status == .aborted)
        #expect(run.reason?.contains("write-ahead log") == true, "\(run.reason ?? "")")
        #expect(specs.contains("creation"), "\(specs)")
        #expect(
            try await StoreIntegrityEndToEndTests.leftContainers(pid: outcome.pid, socketPath: engine.socketPath) == 0)
    }

    /// The disk holding the database fills during a run (a small tmpfs, filled by another
    /// program): exit 3 with exactly one line on stderr — no log line before it — saying that
    /// the disk is full, what became of the run, and to free space; the database agrees.
    @Test func aFullDiskEndsTheRunWithOneLineThatSaysWhatBecameOfIt() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let small = cli.directory.file("small")
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: false)
        // CI runs as root: a mount that fails is a failure, not a skip.
        try #require(mount("tmpfs", small, "tmpfs", 0, "size=8m") == 0, "\(String(cString: strerror(errno)))")
        defer { umount2(small, Int32(MNT_DETACH)) }
        let database = small + "/r.sqlite"
        let filler = small + "/filler"
        let arguments = [
            "run", "--suite", "quick", "--spec", "creation", "--spec", "cleanup", "--iterations", "40", "--no-report",
        ]
        let (outcome, runID) = try await cli.run(arguments, environment: ["SANDBOX_BENCH_DB": database]) { process in
            let runID = await Self.untilFirstSpecStored(in: database, while: process)
            Self.fill(filler)
            return runID
        }
        let id = try #require(runID)
        #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(outcome.stderr)")
        // One line says it; a warning about an iteration taken again (a loaded host stalls the
        // tool for a moment while the disk fills) is the measurement's, not the disk's.
        let lines = outcome.stderr.split(separator: "\n").filter {
            !($0.hasPrefix("sandbox-bench: warning: ") && $0.contains("taken again"))
        }
        #expect(lines.count == 1, "\(outcome.stderr)")
        let line = try #require(lines.first)
        #expect(line.contains("The disk holding the results database \(database) is full: run \(id) ended"), "\(line)")
        #expect(line.contains("Free space on that disk"), "\(line)")
        let reader = try await SQLiteResultsStore.open(path: database, mode: .readOnly)
        let status = try await reader.run(id).status
        await reader.close()
        if line.contains("it is recorded as aborted with that reason") {
            #expect(status == .aborted)
        } else {
            #expect(line.contains("it stays running until the next command that writes the database"), "\(line)")
            #expect(status == .running)
            // Once there is space, the next writer closes it.
            try FileManager.default.removeItem(atPath: filler)
            let writer = try await SQLiteResultsStore.open(path: database)
            #expect(try await writer.run(id).status == .aborted)
            await writer.close()
        }
        #expect(try await StoreIntegrityEndToEndTests.leftContainers(pid: outcome.pid) == 0)
    }

    /// The id of the run once its first spec is in the database, read as another reader would
    /// (the run logs nothing at its default level); nil when the process ended first.
    static func untilFirstSpecStored(in database: String, while process: RunningProcess) async -> Int64? {
        while process.isRunning {
            if FileManager.default.fileExists(atPath: database),
                let store = try? await SQLiteResultsStore.open(path: database, mode: .readOnly)
            {
                let stored = try? await store.read { reader in
                    try reader.runs(RunQuery()).first.flatMap {
                        try reader.specRecords(run: $0.id).isEmpty ? nil : $0.id
                    }
                }
                await store.close()
                if let stored { return stored }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Writes zeros into `path` until the disk refuses more.
    static func fill(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0, count: 1 << 16)
        while write(descriptor, chunk, chunk.count) > 0 {}
        // The last blocks, smaller than a chunk.
        while write(descriptor, chunk, 512) > 0 {}
    }
}
