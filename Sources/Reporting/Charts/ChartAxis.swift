import BenchModel
import Foundation

/// A value axis with round tick values (steps of 1, 2 or 5 times a power of ten) that cover
/// the data, and labels with as many decimals as the step needs.
struct ChartAxis {
    let lower: Double
    let upper: Double
    let step: Double

    /// An axis covering `values`; `includingZero` for counts and shares, whose zero means something.
    /// `minimumStep` 1 keeps a count axis on whole numbers.
    /// `padding` widens the range by that share of it on each side, so that no point sits on an edge.
    init(
        covering values: [Double], includingZero: Bool = false, minimumStep: Double = 0, targetTicks: Int = 5,
        padding: Double = 0
    ) {
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        let room = (high - low) * padding
        low -= includingZero && low >= 0 ? 0 : room
        high += room
        if includingZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high - low < 1e-12 {
            // A flat line: give it room around its value.
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= includingZero && low >= 0 ? 0 : pad
            high += pad
        }
        let step = max(Self.niceStep((high - low) / Double(max(1, targetTicks))), minimumStep)
        self.step = step
        self.lower = (low / step).rounded(.down) * step
        self.upper = max((high / step).rounded(.up) * step, self.lower + step)
    }

    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }
    }

    /// The position of `value` between `start` (at `lower`) and `end` (at `upper`).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// A tick label: "0.35", "12", "0.005".
    func label(_ value: Double) -> String {
        let decimals = max(0, Int(-log10(step).rounded(.down)))
        let text = DecimalText.fixed(value, decimals: decimals)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * power >= rough * (1 - 1e-9) {
            return multiple * power
        }
        return 10 * power
    }

    /// What the numbers on the axis are, for its title.
    static func title(of unit: MetricUnit) -> String {
        switch unit {
        case .seconds: "seconds"
        case .percent: "percent"
        case .ratio: "ratio"
        case .count: "count"
        }
    }
}

/// Number formatting for SVG coordinates: short, locale-free.
enum SVGNumber {
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : DecimalText.fixed(rounded, decimals: 1)
    }
}
