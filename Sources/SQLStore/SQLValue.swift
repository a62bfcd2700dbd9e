import Foundation

/// A value bound to a statement's parameter. Each driver binds it in its own types: a time as
/// SQLite's seconds (turned into its stored text) or PostgreSQL's `timestamptz`, a flag as 0/1 or
/// a boolean, a list as a JSON array for `json_each` or a PostgreSQL array.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bool(Bool)
    /// A time, kept to the millisecond.
    case timestamp(Date)
    /// A list for ``SQL/Piece/member(expression:list:)``.
    case integers([Int64])
    case texts([String])
    /// A JSON document the statement reads (PostgreSQL's one-statement spec write).
    case json(String)
}

extension SQLValue {
    /// A list as a JSON array, for databases that read lists from JSON text (`json_each`).
    package var jsonArray: String? {
        switch self {
        case .integers(let values): return "[" + values.map(String.init).joined(separator: ",") + "]"
        case .texts(let values):
            let data = (try? JSONEncoder().encode(values)) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self)
        default: return nil
        }
    }

    /// `date` rounded to the whole millisecond, as every backend keeps times.
    package static func milliseconds(of date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// A Swift value that binds to a parameter of an ``SQL`` statement.
package protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension Int64: SQLBindable {
    package var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLBindable {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int32: SQLBindable {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLBindable {
    package var sqlValue: SQLValue { .real(self) }
}

extension String: SQLBindable {
    package var sqlValue: SQLValue { .text(self) }
}

extension Bool: SQLBindable {
    package var sqlValue: SQLValue { .bool(self) }
}

extension Date: SQLBindable {
    package var sqlValue: SQLValue { .timestamp(self) }
}

extension UUID: SQLBindable {
    /// Stored in lower case, as every store and file writes a run's UUID.
    package var sqlValue: SQLValue { .text(uuidString.lowercased()) }
}

extension SQLValue: SQLBindable {
    package var sqlValue: SQLValue { self }
}
