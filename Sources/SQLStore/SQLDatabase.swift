import NIOCore
import NIOPosix
import ResultsStore

/// A database driver: where connections come from, how a call waits for one, and what its
/// errors mean. Every call runs its body on NIO's blocking thread pool — never on the
/// cooperative pool the measurements use, never on an event loop — and turns the database's
/// errors into `StoreError`s (the body's own errors pass as they are).
package protocol SQLDatabase: Sendable {
    associatedtype Connection: SQLConnection

    /// How messages name the database: a file path, or a URL without its password.
    var displayName: String { get }

    /// Runs `body` in one read-only snapshot (``SQLTransaction/snapshot``).
    func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T

    /// Runs `body` in one write transaction (``SQLTransaction/write(durable:)``).
    func write<T: Sendable>(_ write: SQLWrite, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T

    /// Refuses a schema that could change or hide what the store keeps (`StoreError.foreignSchemaObject`).
    func auditSchema() async throws

    /// Releases the connections; the database is not used afterwards.
    func close() async

    /// The database now at this one's location, opened afresh for writing, or nil when there is
    /// none (see `ResultsStore.reopened()`).
    func reopened() async throws -> Self?
}

extension SQLDatabase {
    package func reopened() async throws -> Self? { nil }
}

/// How a write is done.
package struct SQLWrite: Sendable, Hashable {
    /// Waits for the disk: the commits that end a run, set a baseline, store a decision or an import.
    package var durable: Bool
    /// Whether the write may be tried again after its connection failed.
    package var retry: SQLRetry
    /// The body runs one statement, which a driver may let commit on its own (no `BEGIN` and
    /// `COMMIT` round trips) when the write is not durable.
    package var oneStatement: Bool

    package init(durable: Bool = false, retry: SQLRetry = .unlessCommitSent, oneStatement: Bool = false) {
        self.durable = durable
        self.retry = retry
        self.oneStatement = oneStatement
    }

    package static let plain = SQLWrite()
    package static let durable = SQLWrite(durable: true)
}

/// Whether a call is tried again on a new connection after its connection failed (a server
/// restarted for a moment). A driver whose connections cannot fail that way (SQLite) never tries again.
package enum SQLRetry: Sendable, Hashable {
    /// Opening the store: a server down at the start is reported at once.
    case never
    /// Reads, and writes that leave the same rows however often they run (a run's own writes,
    /// keyed by the run's identity: each checks `attempt` for its earlier commit).
    case always
    /// Writes that must not run twice: again only when their `COMMIT` was not sent.
    case unlessCommitSent
}

/// Runs `body` on NIO's blocking thread pool and waits for it. The wait ignores cancellation on
/// purpose: an interrupted run must still be stored as aborted, and a write already begun
/// finishes in milliseconds.
package func offTheCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.any(), body).get()
}
