import CSQLite

/// An error reported by SQLite: the extended result code, SQLite's message, and the SQL of the
/// statement that failed (never its argument values, which stay out of messages and logs).
package struct DatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The extended result code, such as `SQLITE_CONSTRAINT_FOREIGNKEY` (787).
    package let extendedResultCode: Int32
    package let message: String
    package let sql: String?

    package init(extendedResultCode: Int32, message: String, sql: String? = nil) {
        self.extendedResultCode = extendedResultCode
        self.message = message
        self.sql = sql
    }

    /// How messages name the code: "SQLite code 787".
    package var codeName: String { "SQLite code \(extendedResultCode)" }

    /// The primary result code, such as `SQLITE_CONSTRAINT` (19).
    package var resultCode: Int32 { extendedResultCode & 0xff }

    package var description: String {
        let statement = sql.map { " while executing `\(Self.singleLine($0))`" } ?? ""
        return "SQLite error \(extendedResultCode): \(message)\(statement)"
    }

    /// The error SQLite last recorded on `connection` for a call that returned `code`.
    static func lastError(of connection: OpaquePointer?, code: Int32, sql: String?) -> DatabaseError {
        let message =
            connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        // sqlite3_extended_errcode may lag behind when the failing call did not set it.
        let chosen = (extended & 0xff) == (code & 0xff) ? extended : code
        return DatabaseError(extendedResultCode: chosen, message: message, sql: sql)
    }

    private static func singleLine(_ sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
