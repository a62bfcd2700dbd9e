import BenchModel
import Foundation

/// A row a backend read, by column name: what the records are read from, so that every backend
/// turns the same columns into the same values. Times are read as `*_ms` columns, whole
/// milliseconds since 1970, which each backend computes from its own time type.
package protocol StoredRow {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func int64(_ column: String) throws -> Int64
    func optionalInt64(_ column: String) throws -> Int64?
    func double(_ column: String) throws -> Double
    func optionalDouble(_ column: String) throws -> Double?
    func bool(_ column: String) throws -> Bool
    /// The backend's error for a column whose value the schema allows but the tool cannot read.
    func invalid(_ column: String, expected: String) -> any Error
}

extension StoredRow {
    package func int(_ column: String) throws -> Int { Int(try int64(column)) }

    package func date(milliseconds column: String) throws -> Date { Self.date(milliseconds: try int64(column)) }

    package func optionalDate(milliseconds column: String) throws -> Date? {
        try optionalInt64(column).map(Self.date(milliseconds:))
    }

    package static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// A stored enum value; the schema's CHECK constraints keep unknown ones out.
    package func value<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        let text = try text(column)
        guard let value = T(rawValue: text) else { throw invalid(column, expected: "a known \(T.self), not '\(text)'") }
        return value
    }

    /// A JSON column the tool wrote (a run's configuration, a decision), checked as every JSON
    /// document is (``StrictJSON``): sandbox-bench never writes a key twice or text that is not
    /// JSON, so such a value was changed outside it, and the store is refused as damaged.
    package func json(_ column: String, of owner: String) throws -> String {
        let text = try text(column)
        do {
            try StrictJSON.check(text)
        } catch {
            throw invalid(
                "\(column) of \(owner)",
                expected: "JSON as sandbox-bench writes it: \(error.summary), so it was changed outside sandbox-bench")
        }
        return text
    }

    package func uuid(_ column: String) throws -> UUID {
        let text = try text(column)
        guard let uuid = UUID(uuidString: text) else { throw invalid(column, expected: "a UUID, not '\(text)'") }
        return uuid
    }
}
