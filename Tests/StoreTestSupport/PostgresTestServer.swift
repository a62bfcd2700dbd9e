import Foundation
import Logging
import PostgresNIO
import PostgresStore

/// The PostgreSQL server the store's tests use: `SANDBOX_BENCH_TEST_POSTGRES` names a database on
/// it (a throw-away cluster that `Scripts/test.sh` starts; a Unix socket only) as whose user the
/// tests create and drop a database each. Under CI (`SANDBOX_BENCH_REQUIRE_POSTGRES=1`) the
/// PostgreSQL cases always run, so a missing server fails them instead of skipping them.
package enum PostgresTestServer {
    package static let urlVariable = "SANDBOX_BENCH_TEST_POSTGRES"
    package static let requireVariable = "SANDBOX_BENCH_REQUIRE_POSTGRES"

    package static var url: String? {
        ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    package static var isRequired: Bool { ProcessInfo.processInfo.environment[requireVariable] == "1" }

    /// True when the PostgreSQL cases run: always under CI, else when a server is named.
    package static var shouldRun: Bool { isRequired || url != nil }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            "\(PostgresTestServer.urlVariable) names no PostgreSQL database; Scripts/test.sh starts a cluster and sets it."
        }
    }

    package static func location(_ url: String) throws -> PostgresLocation {
        try PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment)
    }

    /// A new, empty database; returns its URL.
    package static func createDatabase() async throws -> String {
        guard let url else { throw NotConfigured() }
        let name = "sbtest_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        try await execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), on: url)
        var server = try location(url)
        server.database = name
        return urlText(server)
    }

    /// Drops a database made by ``createDatabase()``, closing the connections tests left open.
    package static func dropDatabase(_ databaseURL: String) async throws {
        guard let url else { throw NotConfigured() }
        let name = try location(databaseURL).database
        guard name.hasPrefix("sbtest_") else { return }
        try await execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), on: url)
    }

    /// Runs one statement on the database `url` names and returns its rows.
    @discardableResult
    package static func execute(_ query: PostgresQuery, on url: String) async throws -> [PostgresRandomAccessRow] {
        let location = try location(url)
        var configuration = PostgresConnection.Configuration(
            unixSocketPath: "\(location.socketFolder ?? "/var/run/postgresql")/.s.PGSQL.\(location.port)",
            username: location.user,
            password: location.password, database: location.database)
        if location.socketFolder == nil {
            configuration = .init(
                host: location.host ?? "localhost", port: location.port, username: location.user,
                password: location.password,
                database: location.database, tls: .disable)
        }
        let logger = Logger(label: "sandbox-bench.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            var rows: [PostgresRandomAccessRow] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(row.makeRandomAccess())
            }
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The URL of `location`, password included (tests only).
    package static func urlText(_ location: PostgresLocation) -> String {
        let password =
            location.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
            ?? ""
        let port = ":\(location.port)"
        let host = location.socketFolder.map { "?host=\($0)" } ?? ""
        return "postgresql://\(location.user)\(password)@\(location.host ?? "")\(port)/\(location.database)\(host)"
    }
}
