import BenchModel
import Foundation
import Migrations
import StoreTestSupport
import TestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// Real processes writing real files: a writer killed mid-run, and two writers at once. The time
/// limit is a hang guard, not a speed check: alone the suite takes about a second, inside the whole
/// suite on 2 cores it has taken 160–340 s waiting its turn, so the guard is 10 minutes.
@Suite(.serialized, .timeLimit(.minutes(10)), .temporaryDatabases)
struct WriterProcessTests {
    /// Three writers in turn on one database, each killed at a slightly different moment after
    /// it reported two runs, so that the kill lands in different places of a run.
    @Test func aWriterKilledMidRunLosesNothingCommittedAndLeavesNothingHalfWritten() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let benchmark = try ExecutableFile.locate("store-benchmark")
        var finished: [FinishedRun] = []
        var writerPIDs: [Int32] = []
        for delay in [0.0, 0.007, 0.015] {
            let (writer, _) = try await benchmark.run(["fill", "--db", database.path]) { writer in
                await writer.waitForLines(2) { FinishedRun(line: $0) != nil }
                try await Task.sleep(for: .seconds(delay))
                try writer.signal(SIGKILL)
            }
            writerPIDs.append(writer.pid)
            let finishedRuns = FinishedRun.all(in: writer.stdout)
            #expect(writer.signal != nil)
            try #require(finishedRuns.count >= 2, "the writer stopped early: \(writer.stderr)")
            finished += finishedRuns

            let store = try await database.open()
            #expect(
                try database.rawConnection().firstRow("PRAGMA integrity_check") { try $0.text(try $0.onlyColumn()) }
                    == "ok")
            #expect(try await database.count("SELECT count(*) FROM pragma_foreign_key_check") == 0)
            for run in finished {
                #expect(try await store.run(run.runID).status.rawValue == run.status)
                #expect(try await store.samples(run: run.runID).count == run.samples)
            }
            let reported = Set(finished.map(\.runID))
            for run in try await store.runs() where !reported.contains(run.id) {
                // Killed before its last commit: aborted on open. Killed between its last commit and its report: finished.
                #expect(run.status != .running)
                if run.status == .aborted && run.reason?.contains("Interrupted") != true {
                    #expect(writerPIDs.contains { run.reason?.contains("pid \($0) ") == true }, "\(run.reason ?? "")")
                }
            }
            try await Self.expectEveryRecordedSpecComplete(database)
        }
    }

    @Test func twoWritersAtOnceBothSucceedOrOneIsToldTheDatabaseIsBusy() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let benchmark = try ExecutableFile.locate("store-benchmark")
        async let first = benchmark.run(["fill", "--db", database.path, "--runs", "6"])
        async let second = benchmark.run(["fill", "--db", database.path, "--runs", "6"])
        let writers = try await [first, second]
        let statuses = writers.map(\.exitCode)
        for (writer, status) in zip(writers, statuses) {
            if status != 0 {
                #expect(status == FailureKind.environment.exitCode)
                #expect(writer.stderr.contains("stayed locked by another process"), "\(writer.stderr)")
            }
        }
        #expect(statuses.contains(0))

        let store = try await database.open()
        #expect(
            try database.rawConnection().firstRow("PRAGMA integrity_check") { try $0.text(try $0.onlyColumn()) } == "ok"
        )
        #expect(try await database.count("SELECT count(*) FROM schema_migrations") == SchemaMigrations.all.count)
        let finished = writers.flatMap { FinishedRun.all(in: $0.stdout) }
        #expect(Set(finished.map(\.runID)).count == finished.count)
        for run in finished {
            #expect(try await store.run(run.runID).status.rawValue == run.status)
            #expect(try await store.samples(run: run.runID).count == run.samples)
        }
        let succeeded = zip(writers, statuses).filter { $0.1 == 0 }.map(\.0)
        for writer in succeeded { #expect(FinishedRun.all(in: writer.stdout).count == 6) }
        try await Self.expectEveryRecordedSpecComplete(database)
    }

    /// Every spec in the database has all its samples: each summary, written in the same
    /// transaction as the samples, counts exactly the samples stored for its metric, and no
    /// spec row exists without samples.
    static func expectEveryRecordedSpecComplete(_ database: TestDatabase) async throws {
        #expect(
            try await database.count(
                """
                SELECT count(*) FROM summaries s
                WHERE s.n <> (SELECT count(*) FROM samples x JOIN spec_results sr ON sr.id = x.spec_result_id
                              WHERE sr.run_id = s.run_id AND x.metric_id = s.metric_id)
                """) == 0)
        #expect(
            try await database.count(
                "SELECT count(*) FROM spec_results sr WHERE NOT EXISTS (SELECT 1 FROM samples WHERE spec_result_id = sr.id)"
            ) == 0)
        #expect(
            try await database.count(
                "SELECT count(*) FROM spec_results sr WHERE NOT EXISTS (SELECT 1 FROM summaries s WHERE s.run_id = sr.run_id)"
            ) == 0)
    }
}
