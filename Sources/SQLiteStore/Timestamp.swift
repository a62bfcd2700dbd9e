import Foundation

/// How times travel between Swift and the database. The database holds UTC text with
/// milliseconds ('2025-11-26T15:34:00.123Z'); SQLite converts in both directions, so a
/// `Date` round-trips to the millisecond.
enum Timestamp {
    /// SQL that turns a bound number of seconds since 1970 into the stored text.
    static let fromParameter = "strftime('%Y-%m-%dT%H:%M:%fZ', ?, 'unixepoch')"

    /// SQL that turns the stored text in `column` into milliseconds since 1970.
    static func milliseconds(_ column: String) -> String {
        "CAST(round((julianday(\(column)) - 2440587.5) * 86400000.0) AS INTEGER)"
    }

    /// The value to bind to `fromParameter`.
    static func parameter(_ date: Date) -> Double { date.timeIntervalSince1970 }
}
