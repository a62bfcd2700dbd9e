import BenchModel
import Foundation
import PostgresMigrations
import StoreTestSupport
import TestSupport
import Testing

@testable import ResultsStore

/// Real processes writing into one PostgreSQL database: ten writers at once, and a writer
/// killed in the middle of a run. The limit only catches a hang: ten writers can take over five
/// minutes beside the rest of the suite on a loaded 2-core machine.
@Suite(.serialized, .timeLimit(.minutes(10)), .temporaryDatabases, .enabled(if: PostgresTestServer.shouldRun))
struct PostgresWriterTests {
    @Test func tenWritersAtOnceLoseNothing() async throws {
        let database = try await TestDatabase.make(.postgresql)
        let benchmark = try ExecutableFile.locate("store-benchmark")
        let writers = try await withThrowingTaskGroup(of: ExecutableFile.Outcome.self) { group in
            for _ in 0..<10 {
                group.addTask { try await benchmark.run(["fill", "--db", database.location, "--runs", "3"]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for writer in writers { #expect(writer.exitCode == 0, "\(writer.stderr)") }
        let finished = writers.flatMap { FinishedRun.all(in: $0.stdout) }
        #expect(finished.count == 30)
        #expect(Set(finished.map(\.runID)).count == finished.count)

        let store = try await database.open()
        #expect(try await store.runs().count == 30)
        #expect(try await database.count("SELECT count(DISTINCT uuid) FROM runs") == 30)
        #expect(
            try await database.count("SELECT count(*) FROM schema_migrations") == PostgresSchemaMigrations.all.count)
        for run in finished {
            #expect(try await store.run(run.runID).status.rawValue == run.status)
            #expect(try await store.samples(run: run.runID).count == run.samples)
        }
        try await WriterProcessTests.expectEveryRecordedSpecComplete(database)
    }

    /// The writer's process ended without finishing its run: the next open on this host
    /// closes the run as aborted, and what it committed stays.
    @Test func aWriterKilledMidRunIsAbortedOnTheNextOpen() async throws {
        let database = try await TestDatabase.make(.postgresql)
        let benchmark = try ExecutableFile.locate("store-benchmark")
        let (writer, caught) = try await benchmark.run(["fill", "--db", database.location]) { writer -> Int in
            await writer.waitForLines(2) { FinishedRun(line: $0) != nil }
            // Killed while a run it began is still running: that run must come back aborted.
            var running = -1
            while running < 0 {
                running = try await database.count("SELECT coalesce(max(id), -1) FROM runs WHERE status = 'running'")
            }
            try writer.signal(SIGKILL)
            return running
        }
        #expect(writer.signal == SIGKILL)
        let finished = FinishedRun.all(in: writer.stdout)
        try #require(finished.count >= 2, "the writer stopped early: \(writer.stderr)")

        let store = try await database.open()
        let runs = try await store.runs()
        #expect(runs.allSatisfy { $0.status != .running })
        for run in finished {
            #expect(try await store.run(run.runID).status.rawValue == run.status)
            #expect(try await store.samples(run: run.runID).count == run.samples)
        }
        if !finished.contains(where: { $0.runID == Int64(caught) }) {
            let killed = try await store.run(Int64(caught))
            #expect(killed.status == .aborted)
            #expect(killed.reason?.contains("pid \(writer.pid) ") == true, "\(killed.reason ?? "")")
        }
        try await WriterProcessTests.expectEveryRecordedSpecComplete(database)
    }
}
