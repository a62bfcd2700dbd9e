import BenchModel
import Foundation

/// One gate evaluation of a run, as stored. The typed decision is `document` (JSON; the
/// regression module reads and writes it); the columns beside it are what lists and views need.
package struct DecisionRecord: Sendable, Hashable {
    /// Nil until stored.
    package var id: Int64?
    package var runID: Int64
    package var decidedAt: Date
    package var toolVersion: String
    /// What the decision concluded; only `passed` let the gate exit 0.
    package var verdict: GateVerdict
    package var alertCount: Int
    /// Rules whose metric a side lacked.
    package var missingCount: Int
    /// False for a one-off (a comparison with another testbed's run): it is kept and listed, but
    /// the run's verdict stays its latest standing decision.
    package var standing: Bool
    package var baseline: BaselineReference
    /// The whole decision as JSON: rules, statistic, configuration file, outcomes, confirmation.
    package var document: String

    package init(
        id: Int64? = nil, runID: Int64, decidedAt: Date, toolVersion: String, verdict: GateVerdict, alertCount: Int,
        missingCount: Int = 0, standing: Bool = true, baseline: BaselineReference, document: String
    ) {
        self.id = id
        self.runID = runID
        self.decidedAt = decidedAt
        self.toolVersion = toolVersion
        self.verdict = verdict
        self.alertCount = alertCount
        self.missingCount = missingCount
        self.standing = standing
        self.baseline = baseline
        self.document = document
    }

    /// A decision that either passed or raised `alertCount` alerts.
    package init(
        id: Int64? = nil, runID: Int64, decidedAt: Date, toolVersion: String, passed: Bool, alertCount: Int,
        baseline: BaselineReference, document: String
    ) {
        self.init(
            id: id, runID: runID, decidedAt: decidedAt, toolVersion: toolVersion, verdict: passed ? .passed : .alert,
            alertCount: alertCount, baseline: baseline, document: document)
    }

    /// True when no alert stood, no metric was missing and the run completed: the gate exited 0.
    package var passed: Bool { verdict == .passed }
}

/// Written as before, with `passed` kept for readers of older versions; a record from an older
/// file has no `verdict`, `missingCount` or `standing` and reads as passed or alert, standing.
extension DecisionRecord: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, runID, decidedAt, toolVersion, passed, verdict, alertCount, missingCount, standing, baseline, document
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let passed = try container.decode(Bool.self, forKey: .passed)
        self.init(
            id: try container.decodeIfPresent(Int64.self, forKey: .id),
            runID: try container.decode(Int64.self, forKey: .runID),
            decidedAt: try container.decode(Date.self, forKey: .decidedAt),
            toolVersion: try container.decode(String.self, forKey: .toolVersion),
            verdict: try container.decodeIfPresent(GateVerdict.self, forKey: .verdict) ?? (passed ? .passed : .alert),
            alertCount: try container.decode(Int.self, forKey: .alertCount),
            missingCount: try container.decodeIfPresent(Int.self, forKey: .missingCount) ?? 0,
            standing: try container.decodeIfPresent(Bool.self, forKey: .standing) ?? true,
            baseline: try container.decode(BaselineReference.self, forKey: .baseline),
            document: try container.decode(String.self, forKey: .document))
        guard self.passed == passed else {
            throw DecodingError.dataCorruptedError(
                forKey: .passed, in: container,
                debugDescription: "passed is \(passed) but verdict is \(verdict.rawValue); they must agree.")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(runID, forKey: .runID)
        try container.encode(decidedAt, forKey: .decidedAt)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(passed, forKey: .passed)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(alertCount, forKey: .alertCount)
        try container.encode(missingCount, forKey: .missingCount)
        try container.encode(standing, forKey: .standing)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(document, forKey: .document)
    }
}

extension Array where Element == DecisionRecord {
    /// The run's verdict among its decisions (oldest first): the latest standing one. A one-off
    /// decision after it is listed, but does not replace it.
    package var verdict: DecisionRecord? { last { $0.standing } }
}

/// The content of a baseline file a decision compared with, kept by the store under its SHA-256
/// so that a later gate of the run compares with exactly this content, whether or not the file
/// still exists or has changed.
package struct StoredBaselineFile: Sendable, Hashable {
    /// `sha256:<hex>` of `content`'s UTF-8 bytes.
    package var sha256: String
    package var content: String

    package init(content: String) {
        self.content = content
        self.sha256 = Self.hash(of: content)
    }

    package static func hash(of content: String) -> String {
        "sha256:" + SHA256.hex(of: Array(content.utf8))
    }
}
