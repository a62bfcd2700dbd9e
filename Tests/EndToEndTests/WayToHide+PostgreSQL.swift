import Foundation
import PostgresNIO
import StoreTestSupport
import TestSupport
import Testing

/// A fleet's database: a PostgreSQL database of the row's own for each candidate.
extension WayToHide {
    static let onPostgreSQL: [WayToHide] = [
        WayToHide(.postgresRestart, "a PostgreSQL restart while the candidate is measured") { scene in
            let cluster = try await ThrowAwayCluster.start()
            do {
                let url = try await cluster.createDatabase("hidden_\(scene.candidate.rawValue)")
                try await scene.copyBaseline(to: url)
                let measured = try await scene.measure(
                    [
                        "run", "--spec", "creation", "--iterations", "3", "--no-report", "--log-level", "info", "--db",
                        url,
                    ]
                ) { process in
                    // The run has begun (its row is written); the spec's samples are written after the outage.
                    guard await process.waitUntil(.stderr, contains: "spec started spec=creation") else { return }
                    try await cluster.pause()
                    try await Task.sleep(for: .seconds(2))
                    try await cluster.resume()
                }
                #expect(measured.exitCode == 0, "\(measured.stdout)\(measured.stderr)")
                let status = try await PostgresTestServer.execute("SELECT status FROM runs ORDER BY id", on: url)
                #expect(try status.map { try $0[0].decode(String.self) } == ["completed", "completed"])
                let gated = try await scene.gate(["--db", url])
                await cluster.stop()
                return Ending(gated)
            } catch {
                await cluster.stop()
                throw error
            }
        },
        WayToHide(
            .replacedDecision, "a plain gate after a file gate, on a fleet's PostgreSQL database, the file gone"
        ) { scene in
            let url = try await PostgresTestServer.createDatabase()
            do {
                let file = try await scene.export(run: "1", as: "nightly.json")
                #expect(try await scene.run(["runs", "delete", "1"]).exitCode == 0)
                #expect(try await scene.run(["copy", "--from", scene.cli.database, "--to", url]).exitCode == 0)
                let first = try await scene.gate(["--db", url, "--baseline-file", file])
                #expect(first.exitCode == scene.verdict, "\(first.stdout)\(first.stderr)")
                try FileManager.default.removeItem(atPath: file)
                let again = try await scene.gate(["--db", url])
                #expect(again.stdout.contains("vs file nightly.json"), "\(again.stdout)")
                try await PostgresTestServer.dropDatabase(url)
                return Ending(again)
            } catch {
                try? await PostgresTestServer.dropDatabase(url)
                throw error
            }
        },
        WayToHide(
            .missingNamedDatabase, "a gate on a fleet's server naming a database that does not exist",
            refused: .init(2, "There is no results database at postgresql://")
        ) { scene in
            let url = try await PostgresTestServer.createDatabase()
            #expect(try await scene.run(["copy", "--from", scene.cli.database, "--to", url]).exitCode == 0)
            let typo = url.replacingOccurrences(of: "/sbtest_", with: "/sbtset_")
            let refused = try await scene.gate(["--db", typo])
            let right = try await scene.gate(["--db", url])
            try await PostgresTestServer.dropDatabase(url)
            #expect(right.exitCode == scene.verdict, "\(right.stdout)\(right.stderr)")
            return Ending(refused)
        },
    ]
}

extension HiddenRegressionScene {
    /// Copies the baseline's run into the (empty) database at `url`.
    func copyBaseline(to url: String) async throws {
        let copied = try await run(["copy", "--from", runs.baseline.database, "--to", url])
        guard copied.exitCode == 0 else { throw MeasuredRuns.Failure(description: "copy failed: \(copied.stderr)") }
    }
}
