import BenchModel
import Foundation
import PostgresStore
import ResultsStore
import SQLiteStore

#if canImport(Glibc)
    import Glibc
#endif

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
    /// `$XDG_DATA_HOME/sandbox-bench/results.sqlite`, else `~/.local/share/sandbox-bench/results.sqlite`
    /// in the user's home (`$HOME`, else the password database's). Empty variables count as unset,
    /// as the XDG base directory specification asks. Throws `NoHomeFolder` when the default is
    /// wanted and the user has no home folder.
    package static func resolve(
        explicit: String?, environment: [String: String],
        homeOfUser: () -> String? = { HomeFolder.ofUser(getuid()) }
    ) throws(NoHomeFolder) -> StoreLocation {
        if let explicit, !explicit.isEmpty { return named(explicit) }
        if let text = nonEmpty(environment[environmentVariable]) { return named(text) }
        // The XDG base directory specification: a relative path there is invalid and ignored.
        if let dataHome = nonEmpty(environment["XDG_DATA_HOME"]), dataHome.hasPrefix("/") {
            return .sqlite(path: join(dataHome, "sandbox-bench/results.sqlite"))
        }
        guard let home = nonEmpty(environment["HOME"]) ?? homeOfUser() else { throw NoHomeFolder() }
        return .sqlite(path: join(home, ".local/share/sandbox-bench/results.sqlite"))
    }

    /// Which setting named the database: `--db` or `SANDBOX_BENCH_DB`; nil for the default, which
    /// may be absent ("no runs yet"). A database named explicitly must exist for every command
    /// that does not create one.
    package static func namedBy(explicit: String?, environment: [String: String]) -> String? {
        if let explicit, !explicit.isEmpty { return "--db" }
        return nonEmpty(environment[environmentVariable]).map { _ in environmentVariable }
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

    /// Opens the store. An SQLite file brings its own schema up to date; a PostgreSQL database,
    /// shared by a fleet, is upgraded only with `upgrade` (`--migrate`), else an older schema is
    /// refused (`StoreError.outdatedSchema`).
    package func open(_ access: Access, upgrade: Bool = false) async throws -> any ResultsStore {
        switch self {
        case .sqlite(let path):
            let mode: SQLiteDatabase.OpenMode =
                switch access {
                case .createIfMissing: .createIfMissing
                case .existing: .existingOnly
                case .readOnly: .readOnly
                }
            return try await SQLiteResultsStore.open(path: path, mode: mode)
        case .postgresql(let url):
            let location = try PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment)
            let mode: PostgresDatabase.OpenMode =
                switch access {
                case .createIfMissing: .createIfMissing
                case .existing: .existingOnly
                case .readOnly: .readOnly
                }
            return try await PostgresResultsStore.open(location, mode: mode, upgrade: upgrade)
        }
    }

    /// Opens the store, runs `body` with it, and closes it whether `body` succeeded or not. A
    /// database that `namedBy` names explicitly (`--db`) and that does not exist — a file, or a
    /// database the PostgreSQL server does not have (SQLSTATE 3D000) — is bad input
    /// (`StoreError.namedDatabaseMissing`): a typo, not an environment without runs.
    ///
    /// A database file this call creates is removed again when `body` fails having stored no run
    /// (an engine that is not there, a signal before the first spec): a failed command leaves no
    /// empty database behind that a later command, or a person, would take for a results database.
    package func withStore<T>(
        _ access: Access, namedBy: String? = nil, upgrade: Bool = false, _ body: (any ResultsStore) async throws -> T
    ) async throws -> T {
        guard access == .createIfMissing, case .sqlite(let path) = self, !Self.anythingIsAt(path) else {
            return try await Self.using(try await open(access, namedBy: namedBy, upgrade: upgrade), body)
        }
        let store = try await open(access, namedBy: namedBy, upgrade: upgrade)
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch {
            let storedNothing = (try? await store.read { try $0.runs(RunQuery()).isEmpty }) == true
            await store.close()
            if storedNothing {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
            }
            throw error
        }
    }

    /// True when anything — a file, a folder, a symbolic link, even a dangling one — is at `path`.
    private static func anythingIsAt(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Like ``withStore(_:namedBy:_:)`` with an existing store, but `body` gets nil when there is
    /// none — unless `namedBy` names it explicitly: then it must exist.
    package func withStoreIfPresent<T>(
        _ access: Access = .existing, namedBy: String? = nil, upgrade: Bool = false,
        _ body: ((any ResultsStore)?) async throws -> T
    ) async throws -> T {
        if namedBy != nil { return try await withStore(access, namedBy: namedBy, upgrade: upgrade, body) }
        guard let store = try await openIfPresent(access, upgrade: upgrade) else { return try await body(nil) }
        return try await Self.using(store, body)
    }

    private func open(_ access: Access, namedBy: String?, upgrade: Bool) async throws -> any ResultsStore {
        do {
            return try await open(access, upgrade: upgrade)
        } catch StoreError.noDatabase(let store) {
            // A PostgreSQL database is always named (`--db`, `SANDBOX_BENCH_DB`, `copy --to`): one the
            // server does not have is a typo in the URL, or one not created yet — even for `run`,
            // since only the server's administrator creates it.
            guard let namedBy else { throw StoreError.noDatabase(store: store) }
            throw StoreError.namedDatabaseMissing(store: store, namedBy: namedBy)
        }
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
    package func openIfPresent(_ access: Access = .existing, upgrade: Bool = false) async throws
        -> (any ResultsStore)?
    {
        do {
            return try await open(access, upgrade: upgrade)
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

/// The default database lives in the user's home, and this user has none: neither `HOME` nor an
/// entry in the password database names one.
package struct NoHomeFolder: CategorizedError, Sendable, Equatable {
    package init() {}

    package var kind: FailureKind { .badInput }

    package var description: String {
        "HOME is unset or empty and the password database has no home folder for user \(getuid()), "
            + "so there is no default results database."
    }
}
