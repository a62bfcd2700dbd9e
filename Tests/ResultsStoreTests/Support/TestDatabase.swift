import BenchModel
import Foundation
import PostgresNIO
import StoreTestSupport
import TestSupport
import Testing

@testable import ResultsStore
@testable import SQLiteStore

/// A results database for one test, on either backend, with raw SQL for what the public API
/// must not do (forging a dead process, installing a failing trigger, counting rows). Raw SQL
/// numbers its parameters `$1`, `$2`, … which both backends read positionally.
struct TestDatabase: Sendable {
    let store: TemporaryStore

    /// An SQLite database.
    init(name: String = "results.sqlite") throws {
        store = try TemporaryStore(name: name)
    }

    private init(store: TemporaryStore) {
        self.store = store
    }

    static func make(_ backend: StoreBackend, name: String = "results.sqlite") async throws -> TestDatabase {
        TestDatabase(store: try await TemporaryStore.make(backend, name: name))
    }

    var backend: StoreBackend { store.backend }
    var directory: TemporaryDirectory { store.directory }
    /// The file path or the URL: what `--db` takes.
    var location: String { store.location }
    /// The SQLite file (SQLite-only tests).
    var path: String { store.location }

    func open(upgrade: Bool = false) async throws -> any ResultsStore { try await store.open(upgrade: upgrade) }

    /// The SQLite store itself, for SQLite-only tests.
    func openSQLite() async throws -> SQLiteResultsStore { try await SQLiteResultsStore.open(path: path) }

    /// A second, raw connection to the SQLite file.
    func rawConnection() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, create: false)
        connection.setBusyTimeout(milliseconds: 5000)
        return connection
    }

    /// Runs one statement outside the store.
    func execute(_ sql: String, _ arguments: [TestValue] = []) async throws {
        switch backend {
        case .sqlite:
            try rawConnection().execute(sql, arguments.map(\.sqlite))
        case .postgresql:
            var bindings = PostgresBindings()
            for argument in arguments { argument.bind(into: &bindings) }
            try await PostgresTestServer.execute(PostgresQuery(unsafeSQL: sql, binds: bindings), on: location)
        }
    }

    /// The integer in the first column of the first row of `sql`.
    func count(_ sql: String, _ arguments: [TestValue] = []) async throws -> Int {
        switch backend {
        case .sqlite:
            return try rawConnection().firstRow(sql, arguments.map(\.sqlite)) { try $0.int(try $0.onlyColumn()) } ?? -1
        case .postgresql:
            var bindings = PostgresBindings()
            for argument in arguments { argument.bind(into: &bindings) }
            let rows = try await PostgresTestServer.execute(
                PostgresQuery(unsafeSQL: sql, binds: bindings), on: location)
            guard let cell = rows.first?[0] else { return -1 }
            if let value = try? cell.decode(Int64.self) { return Int(value) }
            return try cell.decode(Bool.self) ? 1 : 0
        }
    }

    /// The first column of each row of `sql`, as text: PostgreSQL only.
    func texts(_ sql: String, _ arguments: [TestValue] = []) async throws -> [String] {
        precondition(backend == .postgresql, "texts(_:) reads a PostgreSQL database")
        var bindings = PostgresBindings()
        for argument in arguments { argument.bind(into: &bindings) }
        return try await PostgresTestServer.execute(PostgresQuery(unsafeSQL: sql, binds: bindings), on: location)
            .map { try $0[0].decode(String.self) }
    }

    /// The names of the tables or views of the schema, sorted.
    func schemaObjects(_ kind: SchemaObject) async throws -> [String] {
        switch backend {
        case .sqlite:
            return try rawConnection().rows(
                "SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name", [kind.rawValue]
            ) { try $0.text("name") }
        case .postgresql:
            let sql =
                kind == .table
                ? "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
                : "SELECT table_name::text AS name FROM information_schema.views WHERE table_schema = current_schema() ORDER BY 1"
            return try await PostgresTestServer.execute(PostgresQuery(unsafeSQL: sql), on: location).map {
                try $0["name"].decode(String.self)
            }
        }
    }

    enum SchemaObject: String {
        case table, view
    }

    /// The column names of a table or view, in their order.
    func columns(of table: String) async throws -> [String] {
        switch backend {
        case .sqlite:
            return try rawConnection().rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [table]) {
                try $0.text("name")
            }
        case .postgresql:
            return try await PostgresTestServer.execute(
                """
                SELECT column_name::text AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
                """, on: location
            ).map { try $0["name"].decode(String.self) }
        }
    }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func remove() { store.remove() }
}

/// A value bound to raw test SQL.
enum TestValue: Sendable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case integer(Int64)
    case text(String)

    init(integerLiteral value: Int64) { self = .integer(value) }
    init(stringLiteral value: String) { self = .text(value) }
    static func int<T: BinaryInteger>(_ value: T) -> TestValue { .integer(Int64(value)) }

    var sqlite: any DatabaseValueConvertible {
        switch self {
        case .integer(let value): return value
        case .text(let value): return value
        }
    }

    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .integer(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        }
    }
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
        status: RunStatus = .completed, startedAt: Date, label: String? = nil,
        specs: [SpecResult] = [SpecExamples.creation()],
        purpose: RunPurpose = .main, parentRunID: Int64? = nil, testbed: String = Testbed.defaultName
    ) async throws -> Int64 {
        let id = try await beginRun(
            NewRun(
                suite: "default", label: label, startedAt: startedAt, purpose: purpose, parentRunID: parentRunID,
                testbed: testbed))
        for spec in specs { try await recordSpec(spec, for: id, recordedAt: startedAt.addingTimeInterval(60)) }
        if status != .running {
            try await finishRun(
                id, status: status, reason: status == .completed ? nil : "test \(status.rawValue)",
                endedAt: startedAt.addingTimeInterval(120))
        }
        return id
    }
}
