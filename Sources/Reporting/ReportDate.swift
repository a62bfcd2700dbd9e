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

    /// "2026-11-26T02:00:00.123Z": what the JSON report stores.
    static func iso(_ date: Date) -> String {
        date.formatted(isoStyle)
    }

    static func parseISO(_ text: String) -> Date? {
        try? isoStyle.parse(text)
    }

    private static let isoStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The database keeps milliseconds; a report keeps no more, so that its JSON reads back equal.
    static func millisecondPrecision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
