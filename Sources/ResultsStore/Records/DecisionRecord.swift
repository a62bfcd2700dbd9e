import BenchModel
import Foundation

/// One gate evaluation of a run, as stored. The typed decision is `document` (JSON; the
/// regression module reads and writes it); the columns beside it are what lists and views need.
package struct DecisionRecord: Sendable, Codable, Hashable {
    /// Nil until stored.
    package var id: Int64?
    package var runID: Int64
    package var decidedAt: Date
    package var toolVersion: String
    /// True when no alert stood: the gate exited 0.
    package var passed: Bool
    package var alertCount: Int
    package var baseline: BaselineReference
    /// The whole decision as JSON: rules, statistic, configuration file, outcomes, confirmation.
    package var document: String

    package init(
        id: Int64? = nil, runID: Int64, decidedAt: Date, toolVersion: String, passed: Bool, alertCount: Int,
        baseline: BaselineReference, document: String
    ) {
        self.id = id
        self.runID = runID
        self.decidedAt = decidedAt
        self.toolVersion = toolVersion
        self.passed = passed
        self.alertCount = alertCount
        self.baseline = baseline
        self.document = document
    }
}
