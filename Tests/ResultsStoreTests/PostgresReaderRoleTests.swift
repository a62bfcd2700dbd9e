import BenchModel
import Foundation
import PostgresNIO
import StoreTestSupport
import TestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore

/// The read-only role of `Deploy/postgresql/reader-role.sql`, created with psql as an operator
/// does: the read commands work as it, a command that writes fails in one line.
@Suite(
    .serialized, .temporaryDatabases,
    .enabled(
        if: PostgresTestServer.shouldRun && (DockerRequirement.isRequired || (try? ExecutableFile.locate()) != nil)))
struct PostgresReaderRoleTests {
    static let roleFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Deploy/postgresql/reader-role.sql").standardized.path

    @Test func theReadCommandsWorkAsTheReaderAndAWriteFails() async throws {
        let database = try await TestDatabase.make(.postgresql)
        let location = try PostgresTestServer.location(database.location)
        let store = try await PostgresResultsStore.open(location)
        let first = try await store.storeRun(startedAt: Date(timeIntervalSinceNow: -7200))
        try await store.storeRun(startedAt: Date(timeIntervalSinceNow: -3600))
        await store.close()

        let reader = "reader_\(UUID().uuidString.lowercased().prefix(8))"
        let psql = try await ExecutableFile(path: "/usr/bin/psql").run([
            "-X", "-q", "-h", try #require(location.socketFolder), "-p", String(location.port), "-U", location.user,
            "-d", location.database, "-v", "database=\(location.database)", "-v", "owner=\(location.user)",
            "-v", "reader=\(reader)", "-f", Self.roleFile,
        ])
        #expect(psql.exitCode == 0, "\(psql.stderr)")
        var asReader = location
        asReader.user = reader
        asReader.password = nil
        let url = PostgresTestServer.urlText(asReader)
        let binary = try ExecutableFile.locate()
        let out = database.directory.file("reports")
        for arguments in [
            ["runs", "list"], ["runs", "show", String(first)], ["diff"], ["report", "--fleet", "--out", out],
            ["changes"],
        ] {
            let outcome = try await binary.run(arguments + ["--db", url])
            #expect(outcome.exitCode == 0, "\(arguments): \(outcome.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/fleet.html"))

        for arguments in [["baseline", "set", "default", String(first)], ["runs", "delete", String(first)]] {
            let refused = try await binary.run(arguments + ["--db", url])
            #expect(refused.exitCode == FailureKind.environment.exitCode, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("can be read but not written"), "\(refused.stderr)")
            #expect(refused.stderr.contains("This role may only read it"))
        }
        #expect(try await database.count("SELECT count(*) FROM runs") == 2)
    }
}
