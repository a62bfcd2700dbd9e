import BenchModel
import Foundation
import PostgresNIO
import PostgresStore
import StoreTestSupport
import TestSupport
import Testing

@testable import ResultsStore

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL server's disk fills while a run is written: a database whose tablespace is a
/// small tmpfs, filled by another program, refuses to grow (SQLSTATE 53100, disk_full) — the
/// store says the disk is full, as it does for SQLite's, not a backend error with a code.
@Suite(.serialized, .timeLimit(.minutes(5)), .enabled(if: PostgresTestServer.shouldRun))
struct PostgresDiskFullTests {
    @Test func aServerWhoseDiskIsFullIsADiskFullNotABackendError() async throws {
        let server = try #require(PostgresTestServer.url, "Scripts/test.sh sets \(PostgresTestServer.urlVariable)")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let space = directory.file("space")
        try FileManager.default.createDirectory(atPath: space, withIntermediateDirectories: false)
        // CI runs as root: a mount that fails is a failure, not a skip. A new database copies its
        // template (about 8 MB) into the tablespace: 24 MB leaves room for it and the schema.
        try #require(mount("tmpfs", space, "tmpfs", 0, "size=24m") == 0, "\(String(cString: strerror(errno)))")
        defer { umount2(space, Int32(MNT_DETACH)) }
        let location = space + "/tablespace"
        try FileManager.default.createDirectory(atPath: location, withIntermediateDirectories: false)
        let owner = try #require(getpwnam("postgres"), "the cluster's user")
        try #require(chown(location, owner.pointee.pw_uid, owner.pointee.pw_gid) == 0)

        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let tablespace = "sbfull_\(suffix)"
        let name = "sbtest_\(suffix)"
        try await PostgresTestServer.execute(
            PostgresQuery(unsafeSQL: "CREATE TABLESPACE \(tablespace) LOCATION '\(location)'"), on: server)
        var database = try PostgresTestServer.location(server)
        database.database = name
        do {
            try await PostgresTestServer.execute(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TABLESPACE \(tablespace)"), on: server)
            let store = try await PostgresResultsStore.open(database)
            let runID = try await store.beginRun(NewRun(suite: "quick"))
            Self.fill(space + "/filler")

            // Specs with many samples until one needs a page the disk has no room for.
            var refusal: (any Error)?
            for round in 0..<200 where refusal == nil {
                let values = (0..<500).map { 0.2 + Double($0 % 50) / 1000 }
                var spec = SpecExamples.creation(values)
                spec.notes = [String(repeating: "n", count: 2000) + "\(round)"]
                do {
                    try await store.recordSpec(spec, for: runID, recordedAt: Date())
                } catch {
                    refusal = error
                }
            }
            await store.close()
            let error = try #require(refusal, "the full tablespace took 200 specs of 500 samples")
            let storeError = try #require(error as? StoreError, "\(error)")
            guard case .diskFull = storeError else {
                Issue.record("a disk-full server read as \(storeError)")
                throw storeError
            }
            #expect(storeError.description.contains("is full"), "\(storeError.description)")
            #expect(!storeError.description.contains("\n"))
        } catch {
            try? await Self.drop(name, tablespace: tablespace, on: server)
            throw error
        }
        try await Self.drop(name, tablespace: tablespace, on: server)
    }

    static func drop(_ database: String, tablespace: String, on server: String) async throws {
        try await PostgresTestServer.execute(
            PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"), on: server)
        try await PostgresTestServer.execute(
            PostgresQuery(unsafeSQL: "DROP TABLESPACE IF EXISTS \(tablespace)"), on: server)
    }

    /// Writes zeros into `path` until the disk refuses more.
    static func fill(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 64 << 10)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
