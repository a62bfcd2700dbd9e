import Foundation
import PostgresStore
import ResultsStore
import SQLiteStore

/// `sandbox-bench migrate`: a store's schema against this binary's, and the explicit upgrade.
extension StoreLocation {
    /// The database's schema version and what would bring it up to date; nothing is written. A
    /// database that does not exist is `StoreError.noDatabase`.
    package func schemaStatus() async throws -> SchemaStatus {
        switch self {
        case .sqlite(let path):
            return try await SQLiteResultsStore.schemaStatus(path: path)
        case .postgresql(let url):
            return try await PostgresResultsStore.schemaStatus(
                try PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment))
        }
    }

    /// Applies the pending migrations, each in its own transaction; returns those applied (none
    /// when another process applied them meanwhile).
    package func migrateSchema() async throws -> [SchemaStatus.Step] {
        switch self {
        case .sqlite(let path):
            return try await SQLiteResultsStore.migrateSchema(path: path)
        case .postgresql(let url):
            return try await PostgresResultsStore.migrateSchema(
                try PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment))
        }
    }
}
