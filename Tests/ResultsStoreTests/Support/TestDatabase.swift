import BenchModel
import Foundation
import TestSupport
import Testing

@testable import ResultsStore

/// A results database in a fresh temporary folder, removed when the test is done with it.
struct TestDatabase {
    let directory: TemporaryDirectory
    let path: String

    init(name: String = "results.sqlite") throws {
        directory = try TemporaryDirectory(prefix: "results-store-test")
        path = directory.file(name)
    }

    func open() throws -> ResultsDatabase { try ResultsDatabase(path: path) }

    /// A second, raw connection to the same file, for what the public API must not do
    /// (forging a dead process, installing a failing trigger, reading PRAGMAs).
    func rawConnection() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, create: false)
        connection.setBusyTimeout(milliseconds: 5000)
        return connection
    }

    func count(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> Int {
        try rawConnection().firstRow(sql, arguments) { $0.int(0) } ?? -1
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

extension ResultsDatabase {
    /// Begins, fills with `specs` and finishes a run in one go.
    @discardableResult
    func storeRun(
        status: RunStatus = .completed, startedAt: Date, label: String? = nil, specs: [SpecResult] = [SpecExamples.creation()],
        purpose: RunPurpose = .main, parentRunID: Int64? = nil
    ) throws -> Int64 {
        let id = try beginRun(NewRun(suite: "default", label: label, startedAt: startedAt, purpose: purpose, parentRunID: parentRunID))
        for spec in specs { try recordSpec(spec, for: id, recordedAt: startedAt.addingTimeInterval(60)) }
        if status != .running {
            try finishRun(id, status: status, reason: status == .completed ? nil : "test \(status.rawValue)", endedAt: startedAt.addingTimeInterval(120))
        }
        return id
    }
}
