import BenchModel
import Regression
import RegressionFixtures
import Reporting
import Testing

/// One number format everywhere: each unit has one way to write a value, a difference of
/// percentages is in percentage points, and counted nouns agree with their number.
@Suite struct NumberFormatTests {
    /// Times and ratios keep three significant digits whatever their size (no "0.001 s" beside
    /// "0.00095 s"), percentages one decimal, counts whole; never an exponent.
    @Test(arguments: [
        (MetricUnit.seconds, 0.000_95, "0.000950 s"), (.seconds, 0.001_2, "0.00120 s"), (.seconds, 0.2592, "0.259 s"),
        (.seconds, 0.0412, "0.0412 s"), (.seconds, 1.2345, "1.23 s"), (.seconds, 12.345, "12.3 s"),
        (.seconds, 123.4, "123 s"), (.seconds, 4321.0, "4321 s"), (.seconds, 0.999_6, "1.00 s"),
        (.seconds, 9.996, "10.0 s"), (.seconds, 0.000_999_6, "0.00100 s"), (.seconds, 0, "0 s"),
        (.seconds, 0.000_000_8, "0.000000800 s"),
        (.ratio, 0.3114, "0.311"), (.ratio, 2.15, "2.15"), (.ratio, 0.05, "0.0500"), (.ratio, 1, "1.00"),
        (.percent, 12.54, "12.5 %"), (.percent, -3.21, "-3.2 %"), (.percent, 191.0, "191.0 %"),
        (.count, 0, "0"), (.count, 2, "2"), (.count, 0.2, "0.2"),
    ])
    func eachUnitHasOneFormat(unit: MetricUnit, value: Double, text: String) {
        #expect(unit.format(value) == text)
        #expect(ValueFormat.value(value, unit: unit) == text)
    }

    /// A count is never written with decimals it cannot have ("0.000").
    @Test func aCountIsWhole() {
        for value in [0.0, 1, 7, 120] { #expect(!MetricUnit.count.format(value).contains(".")) }
    }

    @Test func differencesAreSignedAndPercentagesMoveByPoints() {
        #expect(MetricUnit.seconds.formatDifference(0.09) == "+0.0900 s")
        #expect(MetricUnit.seconds.formatDifference(-0.09) == "-0.0900 s")
        #expect(MetricUnit.seconds.formatDifference(0) == "0 s")
        #expect(MetricUnit.percent.formatDifference(18.94) == "+18.9 pp")
        #expect(MetricUnit.percent.formatDifference(-2.5) == "-2.5 pp")
        #expect(MetricUnit.percent.formatDifference(0.01) == "0.0 pp", "no sign on what rounds to zero")
        #expect(MetricUnit.percent.formatDistance(-2.5) == "2.5 pp")
        #expect(ValueFormat.delta(0.09, unit: .seconds) == "+0.0900 s")
    }

    /// A change is relative, but for a percentage it is the difference in points: an overhead
    /// from 0.1 % to 19.19 % is "+19.1 pp", not "+19090.0 %".
    @Test func theChangeOfAPercentageIsInPercentagePoints() {
        #expect(ValueFormat.change(190.9, baseline: 0.1, current: 19.19, unit: .percent) == "+19.1 pp")
        #expect(ValueFormat.change(0.243, baseline: 0.412, current: 0.512, unit: .seconds) == "+24.3 %")
        #expect(ValueFormat.change(nil, baseline: 0, current: 2, unit: .count) == nil)
        #expect(ValueFormat.change(nil, baseline: 0, current: 2.5, unit: .percent) == "+2.5 pp")
    }

    /// The row every table shows (terminal, Markdown, HTML) takes the change from the same place.
    @Test func aComparisonRowOfAPercentageSaysPoints() throws {
        let metric = MetricID("overhead_simple.overhead_pct")
        let result = RunComparison(
            baseline: Fixture.baseline([metric: [0.1, 0.1, 0.1, 0.1, 0.1]]),
            candidate: Fixture.run([metric: [19.19, 19.19, 19.19, 19.19, 19.19]]))
        let comparison = try #require(result.comparison(of: metric))
        let cells = ComparisonRow(comparison).cells
        #expect(cells[1] == "0.1 %")
        #expect(cells[2] == "19.2 %")
        #expect(cells[3] == "+19.1 pp")
        #expect(ComparisonRow.legend(result).contains("percentage points, pp"))
    }

    @Test(arguments: [
        (0, "alert", nil as String?, "0 alerts"), (1, "alert", nil, "1 alert"), (2, "alert", nil, "2 alerts"),
        (2, "re-run", nil, "2 re-runs"), (1, "process", "processes", "1 process"),
        (3, "process", "processes", "3 processes"),
    ])
    func countedNounsAgree(n: Int, noun: String, plural: String?, text: String) {
        #expect(ValueFormat.count(n, noun, plural: plural) == text)
    }
}
