import BenchModel
import Foundation
import Testing

/// Every date the tool reads goes through one strict parser.
@Suite struct ISO8601DateTests {
    @Test func readsDaysAndTimesWithOffsetsAndFractions() throws {
        #expect(ISO8601Date.parse("2026-12-01") == Date(timeIntervalSince1970: 1_796_083_200))
        #expect(ISO8601Date.parse("2026-12-01T02:00:00Z") == Date(timeIntervalSince1970: 1_796_090_400))
        #expect(ISO8601Date.parse("2026-12-01T04:00:00+02:00") == Date(timeIntervalSince1970: 1_796_090_400))
        #expect(ISO8601Date.parse("2026-12-01T02:00:00.250Z") == Date(timeIntervalSince1970: 1_796_090_400.25))
        #expect(
            ISO8601Milliseconds.date(from: "2026-12-01T02:00:00.123Z") == Date(timeIntervalSince1970: 1_796_090_400.123)
        )
    }

    /// What Foundation's formatter rolls over, accepts with trailing text, or crashes on (a
    /// fraction of a hundred digits sends ICU into SIGFPE, an input the baseline-file fuzz target
    /// reaches).
    @Test(arguments: [
        "2026-02-30", "2026-12-01T25:00:00Z", "2026-12-01T23:59:60Z", "2026-12-01junk", "2026-12-01T02:00:00",
        "2026-12-01T02:00:00.0123456789Z", "2026-12-01T02:00:00." + String(repeating: "3", count: 120) + "Z", "",
        "2026-1-1",
    ])
    func refusesWhatIsNoTime(text: String) {
        #expect(ISO8601Date.parse(text) == nil)
        #expect(ISO8601Milliseconds.date(from: text) == nil)
    }

    @Test func aDocumentsTimeIsNeverABareDay() {
        #expect(ISO8601Date.parse("2026-12-01", requiringTime: true) == nil)
        #expect(ISO8601Milliseconds.date(from: "2026-12-01") == nil)
    }
}
