import BenchModel
import Foundation

/// How one run's decisions in a store stand against the same run's decisions in another (`copy`):
/// up to date, behind by later decisions, or diverged. A decision is known across stores by its
/// time, to the millisecond, and its document — which no store renumbers — since its id and its
/// baseline's run ids are each store's own.
package enum DecisionCatchUp: Sendable, Equatable {
    /// The target holds every decision of the source, in its order.
    case upToDate
    /// The target holds the source's first decisions; these later ones, oldest first, it lacks.
    case later([DecisionRecord])
    /// The target holds decisions the source does not (or in another order): appending the
    /// source's would make a verdict neither store decided.
    case diverged(targetOnly: [DecisionRecord])

    /// Compares the run's decisions in the source with those in the target, each oldest first.
    package init(source: [DecisionRecord], target: [DecisionRecord]) {
        let sourceKeys = source.map(Self.key)
        let targetKeys = target.map(Self.key)
        guard targetKeys.count <= sourceKeys.count, Array(sourceKeys.prefix(targetKeys.count)) == targetKeys else {
            let known = Set(sourceKeys)
            let only = target.filter { !known.contains(Self.key($0)) }
            self = .diverged(targetOnly: only.isEmpty ? target : only)
            return
        }
        self = source.count == target.count ? .upToDate : .later(Array(source.dropFirst(target.count)))
    }

    /// What identifies a decision in every store.
    static func key(_ decision: DecisionRecord) -> String {
        "\(Int64((decision.decidedAt.timeIntervalSince1970 * 1000).rounded())) \(decision.document)"
    }
}
