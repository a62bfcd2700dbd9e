import CSQLite

/// `SQLITE_TRANSIENT`, which Swift does not import: SQLite copies the bound bytes at once.
private let transientDestructor = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// A prepared statement. It is finalized when the last reference goes away, and reset after
/// every use so that it never holds a read transaction open between calls.
final class Statement {
    let sql: String
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    /// Result columns by name, so that rows are read by what a column is, not where it is.
    private let columns: [String: Int32]

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
        var columns: [String: Int32] = [:]
        for index in 0..<sqlite3_column_count(handle) {
            if let name = sqlite3_column_name(handle, index) { columns[String(cString: name)] = index }
        }
        self.columns = columns
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
            result.append(try transform(Row(handle: handle, columns: columns, sql: sql)))
        }
        return result
    }

    /// The first row the statement returns, or nil when it returns none.
    func firstRow<T>(_ arguments: [any DatabaseValueConvertible] = [], _ transform: (Row) throws -> T) throws -> T? {
        try prepareForUse(arguments)
        defer { sqlite3_reset(handle) }
        return try step() ? transform(Row(handle: handle, columns: columns, sql: sql)) : nil
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

/// The current row of a statement, read by column name; valid only inside the closure that receives it.
/// A name the statement does not select is a programming error, reported as an SQLite error
/// naming the column and the statement.
package struct Row {
    fileprivate let handle: OpaquePointer
    fileprivate let columns: [String: Int32]
    fileprivate let sql: String

    private func index(_ name: String) throws(DatabaseError) -> Int32 {
        guard let index = columns[name] else {
            throw DatabaseError(
                extendedResultCode: SQLITE_RANGE, message: "the statement selects no column \(name)", sql: sql)
        }
        return index
    }

    /// The name of the only column a statement selects, for one-value queries such as a PRAGMA.
    package func onlyColumn() throws(DatabaseError) -> String {
        guard columns.count == 1, let name = columns.keys.first else {
            throw DatabaseError(
                extendedResultCode: SQLITE_RANGE, message: "the statement selects \(columns.count) columns, not one",
                sql: sql)
        }
        return name
    }

    package func isNull(_ name: String) throws(DatabaseError) -> Bool {
        sqlite3_column_type(handle, try index(name)) == SQLITE_NULL
    }

    package func int64(_ name: String) throws(DatabaseError) -> Int64 { sqlite3_column_int64(handle, try index(name)) }

    package func int(_ name: String) throws(DatabaseError) -> Int { Int(try int64(name)) }

    package func double(_ name: String) throws(DatabaseError) -> Double {
        sqlite3_column_double(handle, try index(name))
    }

    package func bool(_ name: String) throws(DatabaseError) -> Bool { try int64(name) != 0 }

    package func text(_ name: String) throws(DatabaseError) -> String {
        let column = try index(name)
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    package func optionalInt64(_ name: String) throws(DatabaseError) -> Int64? {
        try isNull(name) ? nil : try int64(name)
    }

    package func optionalDouble(_ name: String) throws(DatabaseError) -> Double? {
        try isNull(name) ? nil : try double(name)
    }

    package func optionalText(_ name: String) throws(DatabaseError) -> String? {
        try isNull(name) ? nil : try text(name)
    }
}
