import BenchModel
import Foundation

/// The figure that stands for a set of samples when two runs are compared.
package enum SummaryStatistic: String, Sendable, Codable, CaseIterable {
    /// Robust to a single slow iteration on a shared machine; the default.
    case median
    /// The original suite's statistic.
    case mean
    /// The sum over all samples. Count metrics (failures, leftover containers) are always compared
    /// by their total: one failure in any iteration is a failure of the run.
    case total

    /// The statistic over `values`; nil when there are none.
    package func value(of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        switch self {
        case .median: return Statistics.median(values)
        case .mean: return Statistics.mean(values)
        case .total: return values.reduce(0, +)
        }
    }

    /// The statistic actually compared for `metric` when the user asked for `preferred`.
    package static func compared(for metric: MetricID, preferred: SummaryStatistic) -> SummaryStatistic {
        metric.unit == .count ? .total : preferred
    }

    /// The statistic a user may choose (`median` or `mean`), as typed; `option` names where (for errors).
    package init(parsing text: String, option: String) throws {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "median": self = .median
        case "mean": self = .mean
        default:
            throw RegressionInputError.invalidValue(
                of: option, text: text, reason: "is not a statistic: use median or mean.")
        }
    }
}
