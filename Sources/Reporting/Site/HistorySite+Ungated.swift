import BenchModel
import Foundation
import Regression
import ResultsStore

extension HistorySite {
    /// What an ungated run would have raised had it been gated: each rule the site can check on
    /// its key figures (the runs' medians), against the baseline the gate would have used — the
    /// baseline called `default`, else the latest earlier completed run whose verdict did not
    /// fail — in one sentence each. Medians only: no interval or test, so the page says "would".
    func wouldAlert(_ run: RunRecord) -> [String] {
        guard run.status == .completed, overview.decisions[run.id] == nil else { return [] }
        let baseline = baselineInForce(for: run)
        var sentences: [String] = []
        for rule in configuration.rules {
            for metric in rule.metrics {
                guard let current = overview.keyFigures[metric]?[run.id] else { continue }
                let unit = metric.unit
                switch rule.limit {
                case .maxWorsening(let limit):
                    guard let baseline, let before = overview.keyFigures[metric]?[baseline.id], before > 0 else {
                        continue
                    }
                    let worse =
                        metric.direction == .smallerIsBetter ? (current - before) / before : (before - current) / before
                    guard worse > limit else { continue }
                    sentences.append(
                        "\(rule.title) (\(metric.rawValue)) \(unit.format(current)) against run \(baseline.id)'s "
                            + "\(unit.format(before)): \(ValueFormat.magnitude(worse)) "
                            + "\(metric.direction == .smallerIsBetter ? "slower" : "worse"), beyond the "
                            + "\(ValueFormat.percentage(limit)) limit of \(rule.name)")
                case .bound(let bound):
                    let crosses = metric.direction == .smallerIsBetter ? current > bound : current < bound
                    guard crosses else { continue }
                    sentences.append(
                        "\(rule.title) (\(metric.rawValue)) \(unit.format(current)), "
                            + "\(metric.direction == .smallerIsBetter ? "above the ceiling" : "below the floor") of "
                            + "\(unit.format(bound)) of \(rule.name)")
                }
            }
        }
        return sentences
    }

    /// True when every rule an ungated run would break is one this tool expects on its host.
    func wouldAlertOnlyAsExpected(_ run: RunRecord) -> Bool {
        let cpus = overview.cpus[run.id]
        let breaking = configuration.rules.flatMap { rule in rule.metrics.map { (rule, $0) } }.filter { rule, metric in
            wouldAlert(run).contains { $0.hasSuffix("of \(rule.name)") && $0.contains("(\(metric.rawValue))") }
        }
        return !breaking.isEmpty && breaking.allSatisfy { RegressionRule.isExpectedAlert(on: $0.1, cpus: cpus) }
    }

    /// The baseline the gate's default policy would have chosen for `run`.
    func baselineInForce(for run: RunRecord) -> RunRecord? {
        if let named = overview.baselineNames.first(where: { $0.value.contains("default") }),
            let record = overview.runs.first(where: { $0.id == named.key })
        {
            return record
        }
        return overview.runs.last { earlier in
            earlier.startedAt < run.startedAt && earlier.id != run.id && earlier.status == .completed
                && (overview.decisions[earlier.id].map(\.passed) ?? true) && (overview.alerts[earlier.id] ?? []).isEmpty
        }
    }
}
