import Foundation
import Testing

@testable import Reporting

/// `ReportDate` counts calendar days itself; `Calendar` in UTC must agree on every date it writes.
@Suite struct ReportDateTests {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func expected(_ date: Date) -> String {
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", p.year!, p.month!, p.day!, p.hour!, p.minute!)
    }

    @Test func agreesWithTheCalendar() {
        // Leap days, century years (2100 is not a leap year, 2000 is), year ends, and a sweep
        // of times from 1970 to 2200.
        var dates = [
            "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2024-02-29T12:00:00Z", "2100-02-28T23:59:00Z",
            "2100-03-01T00:00:00Z",
            "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z",
        ].map { try! Date($0, strategy: .iso8601) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<7_258_118_400, using: &generator)))
        }
        for date in dates {
            #expect(ReportDate.minute(date) == Self.expected(date), "\(date.timeIntervalSince1970)")
            #expect(ReportDate.monthDay(date) == String(Self.expected(date).dropFirst(5).prefix(5)))
        }
        #expect(ReportDate.iso(Date(timeIntervalSince1970: 1_761_962_400.123)) == "2025-11-01T02:00:00.123Z")
        #expect(ReportDate.iso(Date(timeIntervalSince1970: 951_868_799.9996)) == "2000-03-01T00:00:00.000Z")
    }
}
