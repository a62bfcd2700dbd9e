import Foundation

/// How dates read in reports: UTC, ISO 8601 order, the same whatever the locale.
enum ReportDate {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func parts(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// "2026-11-26"
    static func day(_ date: Date) -> String {
        let p = parts(date)
        return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
    }

    /// "11-26": short enough for an axis.
    static func monthDay(_ date: Date) -> String {
        let p = parts(date)
        return String(format: "%02d-%02d", p.month ?? 0, p.day ?? 0)
    }

    /// "2026-11-26 02:00 UTC"
    static func minute(_ date: Date) -> String {
        let p = parts(date)
        return day(date) + String(format: " %02d:%02d UTC", p.hour ?? 0, p.minute ?? 0)
    }

    /// "2026-11-26T02:00:00.123Z": what the JSON report stores. Rounded to the millisecond, as
    /// the database keeps times, so that a time read back prints the same.
    static func iso(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = (milliseconds.floorDivided(by: 1000), milliseconds - milliseconds.floorDivided(by: 1000) * 1000)
        let p = parts(Date(timeIntervalSince1970: Double(seconds)))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0,
            p.second ?? 0, Int(fraction))
    }

    /// The time `iso` wrote, as the database would hand it out: whole milliseconds since 1970.
    static func parseISO(_ text: String) -> Date? {
        guard let date = try? isoStyle.parse(text) else { return nil }
        return millisecondPrecision(date)
    }

    private static let isoStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The database keeps milliseconds; a report keeps no more, so that its JSON reads back equal.
    static func millisecondPrecision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(Int64((date.timeIntervalSince1970 * 1000).rounded())) / 1000)
    }
}

extension Int64 {
    /// Division rounding towards minus infinity, so that times before 1970 split correctly.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
