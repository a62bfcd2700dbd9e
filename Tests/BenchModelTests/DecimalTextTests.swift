import BenchModel
import Foundation
import Testing

/// `DecimalText` stands in for `String(format:)` in every report: it must write the same text.
@Suite struct DecimalTextTests {
    /// Halves, values just beside them, negatives that round to zero, powers of ten, and a
    /// sweep of random values: every one as `printf` writes it.
    @Test(arguments: 0...6)
    func writesWhatPrintfWrites(decimals: Int) {
        var values: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.0005, 1.0005, 2.675, 1.005, 0.045, -0.0001, 9.9995, 99.995,
            123_456.789,
            1e-9, 0.1, 0.2, 0.3, 1e14, 3e15, .greatestFiniteMagnitude, 1e-300,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let magnitude = pow(10, Double.random(in: -5...6, using: &generator))
            values.append(Double.random(in: -magnitude...magnitude, using: &generator))
            values.append(
                (Double(Int.random(in: -100_000...100_000, using: &generator)) + 0.5) / pow(10, Double(decimals)))
        }
        for value in values {
            #expect(DecimalText.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value)")
        }
    }

    @Test func leavesWhatItCannotWriteToPrintf() {
        #expect(DecimalText.fixed(.infinity, decimals: 2) == String(format: "%.2f", Double.infinity))
        #expect(DecimalText.fixed(.nan, decimals: 1) == String(format: "%.1f", Double.nan))
        #expect(DecimalText.fixed(1.0 / 3, decimals: 15) == String(format: "%.15f", 1.0 / 3))
    }

    @Test func padsWholeNumbers() {
        #expect(DecimalText.padded(7, width: 2) == "07")
        #expect(DecimalText.padded(2026, width: 2) == "2026")
        #expect(DecimalText.padded(Int64(5), width: 3) == "005")
    }
}
