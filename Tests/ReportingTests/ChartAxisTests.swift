import Testing

@testable import Reporting

@Suite struct ChartAxisTests {
    @Test(arguments: [
        ([0.31, 0.47], false, 0.0, 0.30, 0.50, 0.05),
        ([0.34, 0.5], true, 0.0, 0.0, 0.5, 0.1),
        ([0.0, 2.0], true, 1.0, 0.0, 2.0, 1.0),
        ([0.0, 0.0], true, 1.0, 0.0, 1.0, 1.0),
        ([1877.9, 2572.0], false, 0.0, 1800, 2600, 200),
    ])
    func ticksAreRoundAndCoverTheData(
        values: [Double], includingZero: Bool, minimumStep: Double, lower: Double, upper: Double, step: Double
    ) {
        let axis = ChartAxis(covering: values, includingZero: includingZero, minimumStep: minimumStep)
        #expect(abs(axis.lower - lower) < 1e-9)
        #expect(abs(axis.upper - upper) < 1e-9)
        #expect(abs(axis.step - step) < 1e-9)
        #expect(axis.lower <= values.min()! && axis.upper >= values.max()!)
    }

    @Test func labelsCarryTheDecimalsTheStepNeeds() {
        let axis = ChartAxis(covering: [0.31, 0.47])
        #expect(axis.ticks.map(axis.label) == ["0.30", "0.35", "0.40", "0.45", "0.50"])
        let counts = ChartAxis(covering: [0, 3], includingZero: true, minimumStep: 1)
        #expect(counts.ticks.map(counts.label) == ["0", "1", "2", "3"])
    }

    @Test func positionsMapTheAxisOntoTheRange() {
        let axis = ChartAxis(covering: [0, 10], includingZero: true)
        #expect(axis.position(0, from: 200, to: 20) == 200)
        #expect(axis.position(10, from: 200, to: 20) == 20)
        #expect(axis.position(5, from: 200, to: 20) == 110)
    }

    @Test func escapingCoversMarkupQuotesAndControlCharacters() {
        #expect(
            MarkupEscaping.escape("<script>alert('x') & \"y\"</script>")
                == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(MarkupEscaping.escape("a\u{0}b\u{1B}c\td\ne") == "a\u{FFFD}b\u{FFFD}c\td\ne")
    }
}
