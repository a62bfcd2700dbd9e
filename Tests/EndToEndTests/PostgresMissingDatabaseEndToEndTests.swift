import BenchModel
import Foundation
import StoreTestSupport
import TestSupport
import Testing

/// A PostgreSQL URL naming a database the server does not have (a typo in a cron line, a fleet
/// database not created yet) is bad input, exit 2, for every command — as a misspelt SQLite path
/// named with `--db` is — in one line naming the URL's option and saying to check the name or
/// create the database: sandbox-bench never creates a PostgreSQL database, `run` included.
@Suite(.enabled(if: PostgresTestServer.shouldRun), .serialized)
struct PostgresMissingDatabaseEndToEndTests {
    @Test func aDatabaseTheServerDoesNotHaveIsBadInputForEveryCommand() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let url = try await PostgresTestServer.createDatabase()
        let typo = url.replacingOccurrences(of: "/sbtest_", with: "/sbtset_")
        #expect(typo != url)
        let commands: [[String]] = [
            ["runs", "list", "--db", typo], ["gate", "--db", typo], ["diff", "--db", typo],
            ["baseline", "list", "--db", typo], ["report", "--db", typo, "--out", cli.directory.file("report")],
            ["migrate", "--db", typo], ["run", "--suite", "quick", "--spec", "creation", "--no-report", "--db", typo],
        ]
        for command in commands {
            let outcome = try await cli.run(command)
            #expect(outcome.exitCode == FailureKind.badInput.exitCode, "\(command): \(outcome.stderr)")
            #expect(outcome.errorLines.count == 1, "\(command): \(outcome.stderr)")
            let line = outcome.errorLines.first.map(String.init) ?? ""
            #expect(line.contains("There is no results database at postgresql://"), "\(command): \(line)")
            #expect(line.contains("which --db names"), "\(command): \(line)")
            #expect(line.contains("create the database first (createdb"), "\(command): \(line)")
        }
        // The same name spelt right works: the difference was the name.
        let right = try await cli.run(["runs", "list", "--db", url])
        #expect(right.exitCode == 0, "\(right.stderr)")
        try await PostgresTestServer.dropDatabase(url)
    }
}
