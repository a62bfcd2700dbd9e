import CSQLite

/// `SQLITE_TRANSIENT`, which Swift does not import: SQLite copies the bound bytes at once.
private let transientDestructor = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// A prepared statement. It is finalized when the last reference goes away, and reset after
/// every use so that it never holds a read transaction open between calls.
final class Statement {
    let sql: String
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(sql: String, connection: OpaquePointer) throws(DatabaseError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw DatabaseError.lastError(of: connection, code: code, sql: sql)
        }
        self.sql = sql
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Runs the statement to completion with `arguments` bound to its parameters in order.
    func execute(_ arguments: [any DatabaseValueConvertible] = []) throws(DatabaseError) {
        try prepareForUse(arguments)
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Every row the statement returns, each turned into a value by `transform`.
    func rows<T>(_ arguments: [any DatabaseValueConvertible] = [], _ transform: (Row) throws -> T) throws -> [T] {
        try prepareForUse(arguments)
        defer { sqlite3_reset(handle) }
        var result: [T] = []
        while try step() {
            result.append(try transform(Row(handle: handle)))
        }
        return result
    }

    /// The first row the statement returns, or nil when it returns none.
    func firstRow<T>(_ arguments: [any DatabaseValueConvertible] = [], _ transform: (Row) throws -> T) throws -> T? {
        try prepareForUse(arguments)
        defer { sqlite3_reset(handle) }
        return try step() ? transform(Row(handle: handle)) : nil
    }

    private func prepareForUse(_ arguments: [any DatabaseValueConvertible]) throws(DatabaseError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw DatabaseError(
                extendedResultCode: SQLITE_RANGE,
                message: "the statement takes \(expected) arguments, \(arguments.count) were given", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.databaseValue, at: Int32(offset + 1))
        }
    }

    private func bind(_ value: DatabaseValue, at index: Int32) throws(DatabaseError) {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let integer): code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real): code = sqlite3_bind_double(handle, index, real)
        case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, transientDestructor)
        }
        guard code == SQLITE_OK else { throw DatabaseError.lastError(of: connection, code: code, sql: sql) }
    }

    /// Advances to the next row; false when the statement is done.
    private func step() throws(DatabaseError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw DatabaseError.lastError(of: connection, code: code, sql: sql)
        }
    }
}

/// The current row of a statement; valid only inside the closure that receives it.
struct Row {
    fileprivate let handle: OpaquePointer

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
}
