import BenchModel
import Foundation
import StoreTestSupport
import TestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore

/// The commands against a PostgreSQL database as a user meets it: a password that is never
/// printed, and a server restarted between two commands.
@Suite(
    .serialized, .temporaryDatabases,
    .enabled(
        if: PostgresTestServer.shouldRun && (DockerRequirement.isRequired || (try? ExecutableFile.locate()) != nil)))
struct PostgresCommandLineTests {
    @Test func aPasswordIsNeverPrinted() async throws {
        let server = try PostgresTestServer.location(try #require(PostgresTestServer.url))
        let folder = try #require(server.socketFolder)
        let binary = try ExecutableFile.locate()
        let url = "postgresql://\(server.user):s3cret-word@/no_such_database?host=\(folder)"
        for arguments in [["runs", "show", "1"], ["report"], ["gate"]] {
            let outcome = try await binary.run(arguments + ["--db", url])
            // A database the server does not have is a typo, as a missing file named with --db is.
            #expect(outcome.exitCode == FailureKind.badInput.exitCode)
            #expect(
                outcome.stderr.contains("There is no results database at postgresql://\(server.user)@"),
                "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("s3cret") && !outcome.stdout.contains("s3cret"))
        }
        // Named explicitly, a database must exist: "no runs yet" would hide a typo.
        let environment = try await binary.run(["runs", "list"], environment: ["SANDBOX_BENCH_DB": url])
        #expect(environment.exitCode == FailureKind.badInput.exitCode)
        #expect(environment.stderr.contains("which SANDBOX_BENCH_DB names"), "\(environment.stderr)")
        #expect(environment.stderr.contains("There is no results database at postgresql://\(server.user)@"))
        #expect(!environment.stdout.contains("s3cret") && !environment.stderr.contains("s3cret"))
        let malformed = try await binary.run(["runs", "list", "--db", "postgresql://user:s3cret@localhost"])
        #expect(malformed.exitCode == FailureKind.badInput.exitCode)
        #expect(malformed.stderr.contains("names no database"), "\(malformed.stderr)")
        #expect(!malformed.stderr.contains("s3cret"))
    }

    /// `copy` from SQLite into PostgreSQL and back into a new file: `runs list --json` lists the
    /// same runs in all three, and copying again copies nothing.
    @Test func aHistoryCopiedIntoPostgreSQLAndBackListsTheSame() async throws {
        let (database, baselineRun, _) = try await CommandLineTests.prepared(.sqlite)
        defer { database.remove() }
        let fleet = try await TestDatabase.make(.postgresql)
        let back = database.directory.file("back.sqlite")
        let binary = try ExecutableFile.locate()
        let there = try await binary.run(["copy", "--from", database.location, "--to", fleet.location])
        #expect(there.exitCode == 0, "\(there.stderr)")
        #expect(there.stdout.contains("Copied 2 runs from \(database.location) to postgresql://"), "\(there.stdout)")
        #expect(there.stdout.contains("1 baseline set"))
        #expect(!there.stdout.contains(":@") && !there.stdout.contains("password"))
        let again = try await binary.run(["copy", "--from", database.location, "--to", fleet.location, "--json"])
        #expect(again.stdout.contains("\"alreadyPresent\" : 2"), "\(again.stdout)")
        #expect(try await binary.run(["copy", "--from", fleet.location, "--to", back]).exitCode == 0)

        let listings = try await [database.location, fleet.location, back].asyncMap {
            try await binary.run(["runs", "list", "--json", "--db", $0]).stdout
        }
        #expect(listings[1] == listings[0])
        #expect(listings[2] == listings[0])
        let shown = try await [database.location, fleet.location].asyncMap {
            try await binary.run(["runs", "show", String(baselineRun), "--db", $0]).stdout
        }
        #expect(shown[1] == shown[0])
    }

    /// A cluster of its own, stopped between two commands: one clear line and exit 3 while it is
    /// down, and the next command works once it is back.
    @Test func aServerRestartedBetweenTwoCommands() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Scripts/postgres-cluster.sh"
        )
        .standardized.path
        let started = try await Self.shell([script, "start"])
        let lines = started.split(separator: "\n").map(String.init)
        let (folder, url) = (try #require(lines.first), try #require(lines.last))
        defer { _ = try? FileManager.default.removeItem(atPath: folder) }
        do {
            let binary = try ExecutableFile.locate()
            _ = try await Self.shell(["psql", url, "-qc", "CREATE DATABASE restart_test"])
            let database = url.replacingOccurrences(of: "/postgres?", with: "/restart_test?")
            let store = try await PostgresResultsStore.open(try PostgresTestServer.location(database))
            try await store.storeRun(startedAt: date("2025-03-01T02:00:00.000Z"))
            await store.close()
            #expect(try await binary.run(["runs", "list", "--db", database]).exitCode == 0)

            _ = try await Self.shell([script, "pause", folder])
            let down = try await binary.run(["runs", "list", "--db", database])
            #expect(down.exitCode == FailureKind.environment.exitCode)
            #expect(down.stderr.split(separator: "\n").count == 1, "\(down.stderr)")
            #expect(down.stderr.contains("cannot be reached"), "\(down.stderr)")

            _ = try await Self.shell([script, "resume", folder])
            let back = try await binary.run(["runs", "list", "--json", "--db", database])
            #expect(back.exitCode == 0, "\(back.stderr)")
            #expect(back.stdout.contains("\"status\" : \"completed\""))
        } catch {
            _ = try? await Self.shell([script, "stop", folder])
            throw error
        }
        _ = try await Self.shell([script, "stop", folder])
    }

    /// Runs a command (`psql`, the cluster script) and returns what it printed; throws when it fails.
    static func shell(_ command: [String]) async throws -> String {
        let executable = command[0].hasPrefix("/") ? command[0] : "/usr/bin/" + command[0]
        let outcome = try await ExecutableFile(path: executable).run(Array(command.dropFirst()))
        guard outcome.exitCode == 0 else {
            throw CommandFailed(description: "\(command.joined(separator: " ")) failed: \(outcome.stderr)")
        }
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
