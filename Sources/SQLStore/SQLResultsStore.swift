import BenchModel
import Foundation
import ResultsStore

/// The results store on an SQL database, written once for every driver: the writes of
/// ``ResultsStore`` (each one transaction of ``SQLDatabase/write(_:_:)``) and the reads of
/// ``SQLReader`` (inside one snapshot). `SQLiteResultsStore` and `PostgresResultsStore` are this
/// store on their driver.
package final class SQLResultsStore<Database: SQLDatabase>: ResultsStore {
    package typealias Connection = Database.Connection

    package let database: Database
    package var displayName: String { database.displayName }

    /// A store on `database`, whose driver opened it and brought its schema up to date. Opened
    /// for writing (`writable`), every `running` run of this host whose process is gone is closed
    /// as `aborted` first; a read-only store changes nothing.
    package init(opened database: Database, writable: Bool) async throws {
        self.database = database
        guard writable else { return }
        do {
            try await abortRunsOfGoneProcesses()
        } catch {
            await database.close()
            throw error
        }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any ResultsReader) throws -> T) async throws -> T {
        try await database.read { try body(SQLReader($0)) }
    }

    package func auditSchema() async throws {
        try await database.auditSchema()
    }

    package func close() async {
        await database.close()
    }

    package func reopened() async throws -> (any ResultsStore)? {
        guard let fresh = try await database.reopened() else { return nil }
        return try await SQLResultsStore(opened: fresh, writable: true)
    }

    /// `body` in one write transaction.
    func write<T: Sendable>(_ write: SQLWrite = .plain, _ body: @escaping @Sendable (Connection) throws -> T)
        async throws -> T
    {
        try await database.write(write, body)
    }
}
