import BenchModel
import Foundation
import PostgresStore
import ResultsStore
import SQLiteStore
import TestSupport

/// One-query reads of a store, each in its own snapshot: what the tests ask of it most.
extension ResultsStore {
    package func runs(_ query: RunQuery = RunQuery()) async throws -> [RunRecord] {
        try await read { try $0.runs(query) }
    }
    package func samples(run: Int64, metric: MetricID? = nil) async throws -> [RecordedSample] {
        try await read { try $0.samples(run: run, metric: metric) }
    }
    package func summaries(run: Int64) async throws -> [MetricSummary] { try await read { try $0.summaries(run: run) } }
    package func specs(run: Int64) async throws -> [SpecResult] { try await read { try $0.specs(run: run) } }
    package func checks(run: Int64) async throws -> [RecordedCheck] { try await read { try $0.checks(run: run) } }
    package func failures(run: Int64) async throws -> [RecordedFailure] { try await read { try $0.failures(run: run) } }
    package func notes(run: Int64) async throws -> [RecordedNote] { try await read { try $0.notes(run: run) } }
    package func containers(run: Int64) async throws -> [RecordedContainer] {
        try await read { try $0.containers(run: run) }
    }
    package func environment(run: Int64) async throws -> EnvironmentFingerprint? {
        try await read { try $0.environment(run: run) }
    }
    package func baselines() async throws -> [BaselineRecord] { try await read { try $0.baselines() } }
    package func baseline(named name: String) async throws -> BaselineRecord {
        guard let found = try await baselines().first(where: { $0.name == name }) else {
            throw StoreError.unknownBaseline(name: name)
        }
        return found
    }
    package func alerts(run: Int64) async throws -> [AlertRecord] { try await read { try $0.alerts(run: run) } }
    package func detail(run: Int64) async throws -> RunDetail { try await read { try $0.detail(run: run) } }
    package func overviews(_ query: RunQuery = RunQuery()) async throws -> [RunOverview] {
        try await read { try $0.overviews(query) }
    }
    package func latestCompletedRun(before id: Int64? = nil) async throws -> RunRecord? {
        try await read { reader in try reader.latestCompletedRun(before: try id.map { try reader.run($0) }) }
    }
    package func latestCompletedRunWithoutAlerts(before id: Int64) async throws -> RunRecord? {
        try await read { try $0.runs(.completedMainRuns(before: try $0.run(id), withoutAlerts: true, limit: 1)).first }
    }
    package func confirmations(of id: Int64) async throws -> [RunRecord] {
        try await read { try $0.runs(RunQuery(parent: id, order: .oldestFirst)) }
    }
    /// The history of `metric` over the last `limit` runs (main runs, unless confirmations are included), oldest first.
    package func history(metric: MetricID, limit: Int? = nil, includeConfirmations: Bool = false) async throws
        -> [HistoryPoint]
    {
        try await read { reader in
            let runs = try reader.runs(RunQuery(purposes: includeConfirmations ? nil : [.main], limit: limit))
            return try reader.history(of: metric, runs: runs.reversed())
        }
    }
}

/// A results store for one test: an SQLite file in a fresh temporary folder, or a fresh
/// PostgreSQL database on the test server. `remove()` deletes the folder; the database is
/// dropped, and its folder removed, when the test ends (`@Suite(.temporaryDatabases)`).
package struct TemporaryStore: Sendable {
    package let backend: StoreBackend
    package let directory: TemporaryDirectory
    /// The file path or the URL: what `--db` takes.
    package let location: String

    /// An SQLite store.
    package init(name: String = "results.sqlite") throws {
        backend = .sqlite
        directory = try TemporaryDirectory(prefix: "sandbox-bench-store")
        location = directory.file(name)
    }

    private init(postgresql url: String, directory: TemporaryDirectory) {
        backend = .postgresql
        self.directory = directory
        location = url
    }

    /// A store of `backend`.
    package static func make(_ backend: StoreBackend, name: String = "results.sqlite") async throws -> TemporaryStore {
        switch backend {
        case .sqlite:
            return try TemporaryStore(name: name)
        case .postgresql:
            let url = try await PostgresTestServer.createDatabase()
            let directory = try TemporaryDirectory(prefix: "sandbox-bench-store")
            CreatedDatabases.current?.add(url, folder: directory)
            return TemporaryStore(postgresql: url, directory: directory)
        }
    }

    /// The SQLite file's path (the URL for PostgreSQL).
    package var path: String { location }

    /// Opens the store; `upgrade` brings an older PostgreSQL schema up to date, as `--migrate`
    /// does (an SQLite file upgrades itself).
    package func open(upgrade: Bool = false) async throws -> any ResultsStore {
        switch backend {
        case .sqlite: return try await SQLiteResultsStore.open(path: location)
        case .postgresql:
            return try await PostgresResultsStore.open(try PostgresTestServer.location(location), upgrade: upgrade)
        }
    }

    package func remove() { directory.remove() }
}

extension ResultsStore {
    /// Stores `alerts` as what a gate decided for the run (a decision whose document is empty):
    /// for tests of the store that need alerts, not a real gate.
    package func recordAlerts(_ alerts: [AlertRecord], for runID: Int64, at date: Date = Date()) async throws {
        let baseline = alerts.first?.baselineRunID.map {
            BaselineReference(kind: "run", name: nil, label: "run \($0)", runs: [])
        }
        try await recordDecision(
            DecisionRecord(
                runID: runID, decidedAt: date, toolVersion: "test", passed: alerts.isEmpty, alertCount: alerts.count,
                baseline: baseline ?? .none, document: "{}"),
            alerts: alerts)
    }

    package func decisions(run: Int64) async throws -> [DecisionRecord] {
        try await read { try $0.decisions(run: run) }
    }
}
