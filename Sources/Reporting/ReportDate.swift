import BenchModel
import Foundation

/// How dates read in reports: UTC, ISO 8601 order, the same whatever the locale.
enum ReportDate {
    /// A time's UTC calendar fields, counted from the seconds since 1970 (days from civil dates,
    /// as in H. Hinnant's `chrono` algorithms): the site prints a date for every run, and
    /// `Calendar` took a large part of an index page's time.
    private struct Parts {
        var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64

        init(_ date: Date) {
            let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
            let days = seconds.floorDivided(by: 86_400)
            let time = seconds - days * 86_400
            (hour, minute, second) = (time / 3600, time % 3600 / 60, time % 60)
            let shifted = days + 719_468
            let era = shifted.floorDivided(by: 146_097)
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }
    }

    private static func two(_ value: Int64) -> String { DecimalText.padded(value, width: 2) }

    /// "2026-11-26"
    static func day(_ date: Date) -> String { day(Parts(date)) }

    private static func day(_ p: Parts) -> String {
        "\(DecimalText.padded(p.year, width: 4))-\(two(p.month))-\(two(p.day))"
    }

    /// "11-26": short enough for an axis.
    static func monthDay(_ date: Date) -> String {
        let p = Parts(date)
        return "\(two(p.month))-\(two(p.day))"
    }

    /// "11-26 02:00": an axis label where one day holds several runs.
    static func monthDayTime(_ date: Date) -> String {
        let p = Parts(date)
        return "\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute))"
    }

    /// "2026-11-26 02:00 UTC"
    static func minute(_ date: Date) -> String {
        let p = Parts(date)
        return day(p) + " \(two(p.hour)):\(two(p.minute)) UTC"
    }

    /// "2026-11-26T02:00:00.123Z": what the JSON report stores. Rounded to the millisecond, as
    /// the database keeps times, so that a time read back prints the same.
    static func iso(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = (
            milliseconds.floorDivided(by: 1000), milliseconds - milliseconds.floorDivided(by: 1000) * 1000
        )
        let p = Parts(Date(timeIntervalSince1970: Double(seconds)))
        return day(p) + "T\(two(p.hour)):\(two(p.minute)):\(two(p.second)).\(DecimalText.padded(fraction, width: 3))Z"
    }

    /// The time `iso` wrote, as the database would hand it out: whole milliseconds since 1970.
    static func parseISO(_ text: String) -> Date? {
        ISO8601Date.parse(text, requiringTime: true).map(millisecondPrecision)
    }

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
