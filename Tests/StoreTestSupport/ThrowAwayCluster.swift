import Foundation
import PostgresNIO
import TestSupport

/// A PostgreSQL cluster of one test's own, from `Scripts/postgres-cluster.sh`: its server can be
/// stopped and started again (a restart, a failover) without disturbing the tests that share the
/// common test server. `stop()` removes it; a test calls it however it ends.
package struct ThrowAwayCluster: Sendable {
    /// The cluster's folder (data, socket, log).
    package let folder: String
    /// The URL of its `postgres` database.
    package let url: String

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Scripts/postgres-cluster.sh").standardized.path

    package static func start() async throws -> ThrowAwayCluster {
        try await start(["start"])
    }

    /// A cluster that also listens on 127.0.0.1:`port` with TLS (`certificates` holds server.crt,
    /// server.key and ca.crt); see `Scripts/postgres-cluster.sh` for its pg_hba.conf.
    package static func start(tls certificates: String, port: Int) async throws -> ThrowAwayCluster {
        try await start(["start", "--tls", certificates, String(port)])
    }

    private static func start(_ arguments: [String]) async throws -> ThrowAwayCluster {
        let lines = try await run(arguments).split(separator: "\n").map(String.init)
        guard let folder = lines.first, let url = lines.last, lines.count >= 2 else {
            throw Failure(description: "postgres-cluster.sh start printed \(lines)")
        }
        return ThrowAwayCluster(folder: folder, url: url)
    }

    /// A new database on the cluster; returns its URL.
    package func createDatabase(_ name: String) async throws -> String {
        try await PostgresTestServer.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), on: url)
        return url.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    /// Stops the server (`pg_ctl stop -m fast`: its connections are closed), keeping its data.
    package func pause() async throws { _ = try await Self.run(["pause", folder]) }

    /// Starts the stopped server again, and waits until it takes connections.
    package func resume() async throws { _ = try await Self.run(["resume", folder]) }

    /// Stops the server's processes (SIGSTOP): connections stay open and nothing answers, as
    /// behind a network partition.
    package func freeze() async throws { _ = try await Self.run(["freeze", folder]) }

    /// Lets the frozen server go on (SIGCONT).
    package func thaw() async throws { _ = try await Self.run(["thaw", folder]) }

    /// Stops the server and removes the cluster's folder.
    package func stop() async {
        _ = try? await Self.run(["thaw", folder])
        _ = try? await Self.run(["stop", folder])
    }

    private static func run(_ arguments: [String]) async throws -> String {
        let outcome = try await ExecutableFile(path: script).run(arguments)
        guard outcome.exitCode == 0 else {
            throw Failure(
                description: "postgres-cluster.sh \(arguments.joined(separator: " ")) failed: \(outcome.stderr)")
        }
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
