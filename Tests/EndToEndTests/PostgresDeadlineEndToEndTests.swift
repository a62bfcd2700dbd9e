import BenchModel
import Foundation
import PostgresNIO
import StoreTestSupport
import TestSupport
import Testing

/// The built binary against a PostgreSQL server that stops answering (its processes stopped with
/// SIGSTOP, as behind a network partition): every command ends, exit 3, with one line saying the
/// database did not answer, instead of waiting for as long as the outage lasts with the run lock
/// held. No wall-clock threshold: the test only needs the commands to end.
@Suite(.needsDockerEngine, .enabled(if: PostgresTestServer.shouldRun), .serialized)
struct PostgresDeadlineEndToEndTests {
    @Test func aServerThatStopsAnsweringEndsTheRunAndTheReadsWithExit3() async throws {
        let cluster = try await ThrowAwayCluster.start()
        do {
            let url = try await cluster.createDatabase("deadline_e2e") + "&statement_timeout=2&connect_timeout=2"
            let cli = try CommandLine()
            defer { cli.remove() }
            let (outcome, _) = try await cli.run(
                [
                    "run", "--suite", "quick", "--spec", "creation", "--spec", "e2e", "--spec", "cleanup",
                    "--iterations", "4", "--no-report", "--log-level", "info", "--db", url,
                ]
            ) { process in
                _ = await StoreIntegrityEndToEndTests.untilSecondSpec(process)
                try await cluster.freeze()
            }
            #expect(outcome.exitCode == FailureKind.environment.exitCode, "\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
            let line = try #require(outcome.errorLines.first)
            // Whichever deadline ends the wait first on a loaded machine — the statement's, or the
            // reconnection's (also the client's own connect timeout) — says the server did not answer.
            #expect(line.contains("the server did not answer"), "\(line)")
            #expect(line.contains("could not be stored as failed either"), "\(line)")
            #expect(try await StoreIntegrityEndToEndTests.leftContainers(pid: outcome.pid) == 0)

            // Still frozen: a read gives up after the connect deadline.
            let list = try await cli.run(["runs", "list", "--db", url])
            #expect(list.exitCode == FailureKind.environment.exitCode, "\(list.stderr)")
            #expect(list.stderr.contains("did not answer a new connection within 2 s"), "\(list.stderr)")

            try await cluster.thaw()
            let status = try await PostgresTestServer.execute(
                "SELECT status FROM runs",
                on: url.replacingOccurrences(of: "&statement_timeout=2&connect_timeout=2", with: ""))
            #expect(try status.map { try $0[0].decode(String.self) } == ["running"])
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}
