import BenchModel
import Testing

@testable import Regression

/// The median of a resample read off rank counts is the median of the resample sorted: the same
/// draws give the same value, to the bit, with ties, odd and even sizes.
@Suite struct ResampledMedianTests {
    @Test(arguments: [65, 100, 1_001, 3_000])
    func countingRanksGivesTheSortedResamplesMedian(size: Int) {
        var values = SplitMix64(seed: UInt64(size))
        // Rounded to a few values, so that many are tied, as a count or a coarse clock gives them.
        let sample = (0..<size).map { _ in (Double(values.nextIndex(below: 1_000)) / 37).rounded() * 0.01 }
        var counted = ResampledMedian(sample)
        var (fast, slow) = (SplitMix64(seed: 7), SplitMix64(seed: 7))
        for _ in 0..<200 {
            let draw = (0..<size).map { _ in sample[slow.nextIndex(below: size)] }
            let median = counted.median(drawing: &fast)
            #expect(median.bitPattern == Statistics.median(draw).bitPattern)
        }
    }
}
