import BenchModel
import Foundation

/// Why a run exists: the scheduled or manual run, or a re-run that confirms another run's alert.
package enum RunPurpose: String, Sendable, Codable, CaseIterable {
    case main
    case confirmation
}

/// What the runner knows when a run starts.
package struct NewRun: Sendable, Hashable {
    /// The run's identity across stores and files.
    package var uuid: UUID
    /// The machine (or pool of machines) the run measures; comparisons stay within it.
    package var testbed: String
    package var suite: String
    package var label: String?
    package var gitCommit: String?
    package var toolVersion: String
    /// The full configuration the run uses, as JSON.
    package var configurationJSON: String
    package var startedAt: Date
    package var purpose: RunPurpose
    /// The run a confirmation re-run confirms.
    package var parentRunID: Int64?

    package init(
        suite: String, label: String? = nil, gitCommit: String? = nil, toolVersion: String = ToolVersion.current,
        configurationJSON: String = "{}", startedAt: Date = Date(), purpose: RunPurpose = .main,
        parentRunID: Int64? = nil,
        uuid: UUID = UUID(), testbed: String = Testbed.defaultName
    ) {
        self.uuid = uuid
        self.testbed = testbed
        self.suite = suite
        self.label = label
        self.gitCommit = gitCommit
        self.toolVersion = toolVersion
        self.configurationJSON = configurationJSON
        self.startedAt = startedAt
        self.purpose = purpose
        self.parentRunID = parentRunID
    }
}

/// A stored run.
package struct RunRecord: Sendable, Codable, Hashable, Identifiable {
    /// The run's number in this store.
    package var id: Int64
    /// The run's identity in every store and file.
    package var uuid: UUID
    package var testbed: String
    package var startedAt: Date
    package var endedAt: Date?
    package var status: RunStatus
    /// Why the run failed or was aborted.
    package var reason: String?
    package var suite: String
    package var label: String?
    package var gitCommit: String?
    package var toolVersion: String
    package var configurationJSON: String
    package var purpose: RunPurpose
    package var parentRunID: Int64?
    /// The host and process that wrote the run.
    package var host: String
    package var pid: Int32

    package init(
        id: Int64, uuid: UUID, testbed: String, startedAt: Date, endedAt: Date?, status: RunStatus, reason: String?,
        suite: String, label: String?, gitCommit: String?, toolVersion: String, configurationJSON: String,
        purpose: RunPurpose, parentRunID: Int64?, host: String, pid: Int32
    ) {
        self.id = id
        self.uuid = uuid
        self.testbed = testbed
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.reason = reason
        self.suite = suite
        self.label = label
        self.gitCommit = gitCommit
        self.toolVersion = toolVersion
        self.configurationJSON = configurationJSON
        self.purpose = purpose
        self.parentRunID = parentRunID
        self.host = host
        self.pid = pid
    }
}

/// A run with the figures `runs list` shows next to it.
package struct RunOverview: Sendable, Codable, Hashable {
    package var run: RunRecord
    /// The median of each requested key metric the run has, by metric name.
    package var keyFigures: [String: Double]
    package var alertCount: Int
    /// The names of the baselines that point to the run.
    package var baselines: [String]

    package init(run: RunRecord, keyFigures: [String: Double], alertCount: Int, baselines: [String]) {
        self.run = run
        self.keyFigures = keyFigures
        self.alertCount = alertCount
        self.baselines = baselines
    }
}
