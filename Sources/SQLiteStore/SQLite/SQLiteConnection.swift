import CSQLite

/// One open libsqlite3 connection. Not thread-safe by itself: `ResultsDatabase` keeps it
/// behind a mutex. Prepared statements are cached by their SQL text.
final class SQLiteConnection {
    /// How the file is opened.
    enum Access: Equatable {
        /// For writing; with `create`, the file is created when missing.
        case readWrite(create: Bool)
        /// For reading only. `immutable` tells SQLite the file cannot change while open: it then
        /// takes no locks and creates no `-shm` file, so that a reader needs no write access to the
        /// folder (see `SQLiteDatabase+ReadOnly.swift` for when that is safe).
        case readOnly(immutable: Bool)
        /// A private database in memory, gone when the connection closes.
        case memory
    }

    let path: String
    let access: Access
    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]

    /// Opens (and with `create`, creates) the database file at `path` for writing.
    convenience init(path: String, create: Bool) throws(DatabaseError) {
        try self.init(path: path, access: .readWrite(create: create))
    }

    init(path: String, access: Access) throws(DatabaseError) {
        var handle: OpaquePointer?
        let code: Int32
        switch access {
        case .readWrite(let create):
            // Always as a URI of the exact path: a libsqlite3 built to read URIs would take a path
            // such as `file:x.db?mode=memory` for one and open something else.
            let flags =
                SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
            code = sqlite3_open_v2(Self.uri(path), &handle, flags, nil)
        case .readOnly(let immutable):
            let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
            code = sqlite3_open_v2(Self.uri(path, readOnly: true, immutable: immutable), &handle, flags, nil)
        case .memory:
            code = sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        }
        guard code == SQLITE_OK, let handle else {
            let error = DatabaseError.lastError(of: handle, code: code, sql: nil)
            sqlite3_close_v2(handle)
            throw error
        }
        sqlite3_extended_result_codes(handle, 1)
        self.path = path
        self.access = access
        self.handle = handle
    }

    /// `file:` URI of `path`, every byte but unreserved ones percent-encoded (a path may hold `?`, `#` or `%`).
    static func uri(_ path: String, readOnly: Bool = false, immutable: Bool = false) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in path.utf8 {
            if unreserved.contains(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        guard readOnly else { return "file:" + String(decoding: encoded, as: UTF8.self) }
        return "file:" + String(decoding: encoded, as: UTF8.self) + "?mode=ro" + (immutable ? "&immutable=1" : "")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs SQL text that may hold several statements and takes no arguments (migrations, pragmas).
    func executeScript(_ sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw DatabaseError(extendedResultCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// The cached prepared statement for `sql`.
    func statement(_ sql: String) throws(DatabaseError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(sql: sql, connection: handle)
        statements[sql] = statement
        return statement
    }

    func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws(DatabaseError) {
        try statement(sql).execute(arguments)
    }

    func rows<T>(_ sql: String, _ arguments: [any DatabaseValueConvertible] = [], _ transform: (Row) throws -> T) throws
        -> [T]
    {
        try statement(sql).rows(arguments, transform)
    }

    func firstRow<T>(_ sql: String, _ arguments: [any DatabaseValueConvertible] = [], _ transform: (Row) throws -> T)
        throws -> T?
    {
        try statement(sql).firstRow(arguments, transform)
    }

    /// The rowid of the row the last successful INSERT on this connection created.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The number of rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// True outside an explicit transaction.
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }
}
