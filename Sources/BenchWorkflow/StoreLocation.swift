import BenchModel
import Foundation
import PostgresStore
import ResultsStore
import SQLiteStore

/// Where the results store lives when a command is not told, and how to open it.
package enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file: the embedded default.
    case sqlite(path: String)
    /// A PostgreSQL database, as a `postgresql://` or `postgres://` URL (read when opened; it may
    /// hold a password, which nothing prints).
    case postgresql(url: String)

    package static let environmentVariable = "SANDBOX_BENCH_DB"

    /// The text `--help` shows for the default.
    package static let defaultDescription =
        "$SANDBOX_BENCH_DB, else $XDG_DATA_HOME/sandbox-bench/results.sqlite, else ~/.local/share/sandbox-bench/results.sqlite"

    /// `explicit` (the `--db` flag) when given, else `$SANDBOX_BENCH_DB`, else
    /// `$XDG_DATA_HOME/sandbox-bench/results.sqlite`, else `$HOME/.local/share/sandbox-bench/results.sqlite`.
    /// Empty variables count as unset, as the XDG base directory specification asks.
    package static func resolve(explicit: String?, environment: [String: String]) -> StoreLocation {
        if let explicit, !explicit.isEmpty { return named(explicit) }
        if let text = nonEmpty(environment[environmentVariable]) { return named(text) }
        // The XDG base directory specification: a relative path there is invalid and ignored.
        if let dataHome = nonEmpty(environment["XDG_DATA_HOME"]), dataHome.hasPrefix("/") {
            return .sqlite(path: join(dataHome, "sandbox-bench/results.sqlite"))
        }
        let home = nonEmpty(environment["HOME"]) ?? "/"
        return .sqlite(path: join(home, ".local/share/sandbox-bench/results.sqlite"))
    }

    /// True for a file path that reads as a URL of another kind (`postgressql://`, `jdbc:postgresql://`,
    /// `postgresql:/` with one slash): a misspelt database URL, not a file anyone means to create.
    package var isMisspeltURL: Bool {
        guard case .sqlite(let path) = self else { return false }
        return path.contains("://")
            || path.trimmingCharacters(in: .whitespaces).range(
                of: #"^[A-Za-z][A-Za-z0-9+.-]*:/"#, options: .regularExpression) != nil
    }

    /// A PostgreSQL URL, else a file path.
    package static func named(_ text: String) -> StoreLocation {
        PostgresLocation.isURL(text) ? .postgresql(url: text) : .sqlite(path: text)
    }

    /// What a command needs of the store.
    package enum Access: Sendable {
        /// Create the store when it does not exist: for commands that store runs.
        case createIfMissing
        /// The store must exist: for commands that change stored runs.
        case existing
        /// The store must exist and is only read, also by a user who may not write it: for
        /// commands that only read (lists, reports, comparisons, exports).
        case readOnly
    }

    package func open(_ access: Access) async throws -> any ResultsStore {
        switch self {
        case .sqlite(let path):
            let mode: SQLiteResultsStore.OpenMode =
                switch access {
                case .createIfMissing: .createIfMissing
                case .existing: .existingOnly
                case .readOnly: .readOnly
                }
            return try await SQLiteResultsStore.open(path: path, mode: mode)
        case .postgresql(let url):
            let location = try PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment)
            let mode: PostgresResultsStore.OpenMode =
                switch access {
                case .createIfMissing: .createIfMissing
                case .existing: .existingOnly
                case .readOnly: .readOnly
                }
            return try await PostgresResultsStore.open(location, mode: mode)
        }
    }

    /// Opens the store, runs `body` with it, and closes it whether `body` succeeded or not.
    package func withStore<T>(_ access: Access, _ body: (any ResultsStore) async throws -> T) async throws -> T {
        try await Self.using(try await open(access), body)
    }

    /// Like ``withStore(_:_:)`` with an existing store, but `body` gets nil when there is none.
    package func withStoreIfPresent<T>(_ access: Access = .existing, _ body: ((any ResultsStore)?) async throws -> T)
        async throws -> T
    {
        guard let store = try await openIfPresent(access) else { return try await body(nil) }
        return try await Self.using(store, body)
    }

    private static func using<T>(_ store: any ResultsStore, _ body: (any ResultsStore) async throws -> T) async throws
        -> T
    {
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch {
            await store.close()
            throw error
        }
    }

    /// The store when it exists; nil when there is none, so that a listing can say "no runs yet"
    /// instead of creating an empty one.
    package func openIfPresent(_ access: Access = .existing) async throws -> (any ResultsStore)? {
        do {
            return try await open(access)
        } catch StoreError.noDatabase {
            return nil
        }
    }

    package var description: String {
        switch self {
        // A misspelt URL (`postgressql://user:secret@host/db`) is read as a file path and shown.
        case .sqlite(let path): return Credentials.redacted(path)
        case .postgresql(let url):
            let location = try? PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment)
            return location?.displayName ?? PostgresLocation.redacted(url)
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
