import BenchModel
import Foundation
import Testing

@testable import Reporting

/// A testbed that stopped reporting, told from its own history: the median gap between its runs
/// times three.
@Suite struct TestbedSilenceTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static func nights(_ count: Int, every hours: Double = 24) -> [Date] {
        (0..<count).map { start.addingTimeInterval(Double($0) * hours * 3600) }
    }

    @Test func aNightlyTestbedIsOverdueAfterThreeMissedNights() throws {
        let history = Self.nights(10)
        let last = try #require(history.last)
        let onTime = try #require(TestbedSilence(runStarts: history, now: last.addingTimeInterval(30 * 3600)))
        #expect(onTime.usualIntervalSeconds == 86_400)
        #expect(!onTime.overdue)
        let atTheLimit = try #require(TestbedSilence(runStarts: history, now: last.addingTimeInterval(72 * 3600)))
        #expect(!atTheLimit.overdue)
        let silent = try #require(TestbedSilence(runStarts: history, now: last.addingTimeInterval(73 * 3600)))
        #expect(silent.overdue)
        #expect(silent.sentence == "no run for 3.0 days (usually every 1.0 days)")
    }

    /// The median, not the mean: one long gap (a holiday) or a burst of extra runs leaves the usual interval alone.
    @Test func theUsualIntervalIsTheMedianGap() throws {
        var history = Self.nights(8, every: 6)
        let afterHoliday = try #require(history.last).addingTimeInterval(20 * 86_400)
        history += [afterHoliday, afterHoliday.addingTimeInterval(60), afterHoliday.addingTimeInterval(120)]
        let latest = try #require(history.max())
        let silence = try #require(TestbedSilence(runStarts: history.shuffled(), now: latest))
        #expect(silence.usualIntervalSeconds == 21_600)
    }

    @Test func tooShortAHistoryHasNoUsualInterval() throws {
        let history = Self.nights(3)
        let silence = try #require(TestbedSilence(runStarts: history, now: Self.start.addingTimeInterval(365 * 86_400)))
        #expect(silence.usualIntervalSeconds == nil)
        #expect(!silence.overdue)
        #expect(TestbedSilence(runStarts: [], now: Self.start) == nil)
    }
}
