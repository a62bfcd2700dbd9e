import BenchModel
import Foundation

/// Why a run exists: the scheduled or manual run, or a re-run that confirms another run's alert.
public enum RunPurpose: String, Sendable, Codable, CaseIterable {
    case main
    case confirmation
}

/// What the runner knows when a run starts.
public struct NewRun: Sendable, Hashable {
    /// The run's identity across stores and files.
    public var uuid: UUID
    /// The machine (or pool of machines) the run measures; comparisons stay within it.
    public var testbed: String
    public var suite: String
    public var label: String?
    public var gitCommit: String?
    public var toolVersion: String
    /// The full configuration the run uses, as JSON.
    public var configurationJSON: String
    public var startedAt: Date
    public var purpose: RunPurpose
    /// The run a confirmation re-run confirms.
    public var parentRunID: Int64?

    public init(
        suite: String, label: String? = nil, gitCommit: String? = nil, toolVersion: String = ToolVersion.current,
        configurationJSON: String = "{}", startedAt: Date = Date(), purpose: RunPurpose = .main, parentRunID: Int64? = nil,
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
public struct RunRecord: Sendable, Codable, Hashable, Identifiable {
    /// The run's number in this store.
    public var id: Int64
    /// The run's identity in every store and file.
    public var uuid: UUID
    public var testbed: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: RunStatus
    /// Why the run failed or was aborted.
    public var reason: String?
    public var suite: String
    public var label: String?
    public var gitCommit: String?
    public var toolVersion: String
    public var configurationJSON: String
    public var purpose: RunPurpose
    public var parentRunID: Int64?
    /// The host and process that wrote the run.
    public var host: String
    public var pid: Int32

    public init(
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
public struct RunOverview: Sendable, Codable, Hashable {
    public var run: RunRecord
    /// The median of each requested key metric the run has, by metric name.
    public var keyFigures: [String: Double]
    public var alertCount: Int
    /// The names of the baselines that point to the run.
    public var baselines: [String]

    public init(run: RunRecord, keyFigures: [String: Double], alertCount: Int, baselines: [String]) {
        self.run = run
        self.keyFigures = keyFigures
        self.alertCount = alertCount
        self.baselines = baselines
    }
}
