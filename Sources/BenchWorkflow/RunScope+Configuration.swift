import BenchModel
import BenchSuite
import Foundation
import Regression
import ResultsStore

extension RunScope {
    /// What `run` planned to measure, from the plan its configuration stored; from its suite's
    /// name when the configuration has no readable plan; nil (every metric expected) when neither
    /// says. Only the plan is read: the sandbox profile beside it plays no part.
    package init?(of run: RunRecord) {
        if let plan = try? StrictJSONDecoder().decode(StoredPlan.self, from: run.configurationJSON).plan {
            self.init(plan)
        } else if let suite = SuiteName(rawValue: run.suite) {
            self.init(SuitePlan(suite: suite))
        } else {
            return nil
        }
    }

    init(_ plan: SuitePlan) {
        self.init(
            specs: Set(plan.specs.map(\.name.rawValue)), suite: plan.suite.rawValue,
            narrowing: plan.isWholeSuite ? nil : "--spec " + plan.specs.map(\.name.rawValue).joined(separator: ", "))
    }

    private struct StoredPlan: Decodable {
        var plan: SuitePlan
    }
}
