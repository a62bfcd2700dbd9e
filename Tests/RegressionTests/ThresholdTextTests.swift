import BenchModel
import Regression
import Testing

@Suite struct ThresholdTextTests {
    @Test(arguments: [
        ("20%", 0.20), ("20 %", 0.20), (" 20% ", 0.20), ("0.2", 0.20), (".2", 0.20), ("20.5%", 0.205),
        ("0", 0.0), ("0%", 0.0), ("150%", 1.5), ("0.999", 0.999),
    ])
    func relativeChangeAccepts(text: String, expected: Double) throws {
        let value = try ThresholdText.relativeChange(text, option: "--max-creation-slowdown")
        #expect(abs(value - expected) < 1e-15)
    }

    @Test(arguments: ["20", "1", "1.5", "100"])
    func bareNumbersOfOneOrMoreAreAmbiguous(text: String) {
        let error = #expect(throws: RegressionInputError.self) {
            try ThresholdText.relativeChange(text, option: "--max-creation-slowdown")
        }
        #expect(error?.kind == .badInput)
        #expect(
            error?.description
                == "--max-creation-slowdown \"\(text)\" is ambiguous: write \(text)% for \(text) percent,"
                + " or a fraction below 1 such as 0.2 for 20 percent.")
    }

    @Test(arguments: ["", "%", "abc", "20%%", "1e-1", "inf", "nan", "0x1", "2..0", ".", "20 percent", "+20%"])
    func nonNumbersAreRefused(text: String) {
        let error = #expect(throws: RegressionInputError.self) {
            try ThresholdText.relativeChange(text, option: "--max-creation-slowdown")
        }
        #expect(error?.description.contains("is not a number") == true)
        #expect(error?.description.contains("\n") == false)
    }

    /// A limit no change could reach is refused; 10000 % (a hundred times the baseline) is the most.
    @Test func aLimitAboveAHundredTimesIsRefused() throws {
        #expect(try ThresholdText.relativeChange("10000%", option: "--max-creation-slowdown") == 100)
        for text in ["10000.5%", "99999999999999999999999999%", "1e30%"] {
            let error = #expect(throws: RegressionInputError.self) {
                try ThresholdText.relativeChange(text, option: "--max-creation-slowdown")
            }
            #expect(
                error?.description.contains("above 10000 %") == true
                    || error?.description.contains("is not a number") == true, "\(text)")
        }
    }

    @Test func negativeIsRefused() {
        let error = #expect(throws: RegressionInputError.self) {
            try ThresholdText.relativeChange("-5%", option: "--max-creation-slowdown")
        }
        #expect(error?.description == "--max-creation-slowdown \"-5%\" is negative: a threshold is 0 or more.")
    }

    @Test(arguments: [
        ("0.5", 0.5), ("50%", 0.5), ("1", 1.0), ("100%", 1.0), ("0", 0.0), ("0.34", 0.34), ("12.5%", 0.125),
    ])
    func fractionAccepts(text: String, expected: Double) throws {
        #expect(abs(try ThresholdText.fraction(text, option: "--min-parallel-efficiency") - expected) < 1e-15)
    }

    @Test(arguments: ["50", "1.5", "101%"])
    func fractionAboveOneIsRefused(text: String) {
        let error = #expect(throws: RegressionInputError.self) {
            try ThresholdText.fraction(text, option: "--min-parallel-efficiency")
        }
        #expect(
            error?.description == "--min-parallel-efficiency \"\(text)\" is above 1: write a fraction such as 0.5,"
                + " or a percentage such as 50%.")
    }

    @Test func statisticParsing() throws {
        #expect(try SummaryStatistic(parsing: "median", option: "--statistic") == .median)
        #expect(try SummaryStatistic(parsing: " Mean ", option: "--statistic") == .mean)
        let error = #expect(throws: RegressionInputError.self) {
            try SummaryStatistic(parsing: "total", option: "--statistic")
        }
        #expect(error?.description == "--statistic \"total\" is not a statistic: use median or mean.")
    }
}
