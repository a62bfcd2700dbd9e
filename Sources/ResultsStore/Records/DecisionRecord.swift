import BenchModel
import Foundation

/// One gate evaluation of a run, as stored. The typed decision is `document` (JSON; the
/// regression module reads and writes it); the columns beside it are what lists and views need.
public struct DecisionRecord: Sendable, Codable, Hashable {
    /// Nil until stored.
    public var id: Int64?
    public var runID: Int64
    public var decidedAt: Date
    public var toolVersion: String
    /// True when no alert stood: the gate exited 0.
    public var passed: Bool
    public var alertCount: Int
    public var baseline: BaselineReference
    /// The whole decision as JSON: rules, statistic, configuration file, outcomes, confirmation.
    public var document: String

    public init(
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
