import BenchModel
import Foundation
import TestSupport
import StoreTestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// A results database in a fresh temporary folder, removed when the test is done with it.
struct TestDatabase {
    let directory: TemporaryDirectory
    let path: String

    init(name: String = "results.sqlite") throws {
        directory = try TemporaryDirectory(prefix: "results-store-test")
        path = directory.file(name)
    }

    func open() async throws -> SQLiteResultsStore { try await SQLiteResultsStore.open(path: path) }

    /// A second, raw connection to the same file, for what the public API must not do
    /// (forging a dead process, installing a failing trigger, reading PRAGMAs).
    func rawConnection() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, create: false)
        connection.setBusyTimeout(milliseconds: 5000)
        return connection
    }

    func count(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> Int {
        try rawConnection().firstRow(sql, arguments) { try $0.int(try $0.onlyColumn()) } ?? -1
    }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func remove() { directory.remove() }
}

/// Dates whole to the millisecond, as the database keeps them.
func date(_ iso: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: iso)!
}

extension ResultsStore {
    /// Begins, fills with `specs` and finishes a run in one go.
    @discardableResult
    func storeRun(
        status: RunStatus = .completed, startedAt: Date, label: String? = nil, specs: [SpecResult] = [SpecExamples.creation()],
        purpose: RunPurpose = .main, parentRunID: Int64? = nil
    ) async throws -> Int64 {
        let id = try await beginRun(NewRun(suite: "default", label: label, startedAt: startedAt, purpose: purpose, parentRunID: parentRunID))
        for spec in specs { try await recordSpec(spec, for: id, recordedAt: startedAt.addingTimeInterval(60)) }
        if status != .running {
            try await finishRun(id, status: status, reason: status == .completed ? nil : "test \(status.rawValue)", endedAt: startedAt.addingTimeInterval(120))
        }
        return id
    }
}
