import BenchModel
import Foundation

/// One evaluation of the gate with everything that made its verdict: the rules and thresholds
/// in force, the statistic, the configuration file, the baseline, each rule's outcome with its
/// numbers, and the confirmation re-runs. Stored with the run (as this type's JSON), shown by
/// every view of a gated run; a later view with other rules is a re-evaluation, never this.
public struct GateDecision: Sendable, Codable, Hashable {
    /// Raised when a field changes meaning or disappears; new fields keep the version.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var decidedAt: Date
    public var toolVersion: String
    /// The thresholds, statistic, noise settings and extra rules in force.
    public var configuration: RegressionConfiguration
    /// The rules those made, written out: what a later version's defaults cannot change.
    public var rules: [RegressionRule]
    /// The configuration file, when one was given.
    public var configurationFile: ConfigurationFile?
    /// What was compared with.
    public var baseline: BaselineReference
    /// Every rule's outcome for every metric it watches, in rule order; alerts the confirmation
    /// re-runs did not reproduce are passed outcomes that say so.
    public var outcomes: [RuleOutcome]
    public var confirmation: Confirmation?

    public init(
        decidedAt: Date = Date(), toolVersion: String = ToolVersion.current, configuration: RegressionConfiguration,
        configurationFile: ConfigurationFile? = nil, baseline: BaselineReference, outcomes: [RuleOutcome],
        confirmation: Confirmation? = nil
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.decidedAt = decidedAt
        self.toolVersion = toolVersion
        self.configuration = configuration
        self.rules = configuration.rules
        self.configurationFile = configurationFile
        self.baseline = baseline
        self.outcomes = outcomes
        self.confirmation = confirmation
    }

    /// The alerts that stood: the gate exits 1 when there is one.
    public var alerts: [RuleOutcome] { outcomes.filter(\.isAlert) }
    public var passed: Bool { alerts.isEmpty }

    /// The configuration file a decision was made with: where it was, what it said, its SHA-256.
    public struct ConfigurationFile: Sendable, Codable, Hashable {
        public var path: String
        public var sha256: String
        public var content: String

        public init(path: String, content: String) {
            self.path = path
            self.content = content
            self.sha256 = "sha256:" + SHA256.hex(of: Array(content.utf8))
        }
    }

    /// The re-runs that confirmed (or could not confirm) noise-prone alerts.
    public struct Confirmation: Sendable, Codable, Hashable {
        /// Re-runs asked for per alert.
        public var requested: Int
        public var runIDs: [Int64]
        /// In how many re-runs each alert (`rule metric`) reappeared.
        public var reproduced: [String: Int]
        /// Why confirmation did not happen as asked, when it did not ("the engine was unreachable").
        public var note: String?

        public init(requested: Int, runIDs: [Int64], reproduced: [String: Int], note: String? = nil) {
            self.requested = requested
            self.runIDs = runIDs
            self.reproduced = reproduced
            self.note = note
        }
    }

    /// The decision as the store keeps it: JSON with sorted keys and ISO 8601 times.
    public func document() throws -> String {
        String(decoding: try Self.encoder.encode(self), as: UTF8.self)
    }

    /// Reads a stored decision.
    public init(document: String) throws {
        self = try Self.decoder.decode(GateDecision.self, from: Data(document.utf8))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timeFormat.string(from: date))
        }
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = timeFormat.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an ISO 8601 time.")
            }
            return date
        }
        return decoder
    }()

    /// UTC with milliseconds, as the store keeps times.
    nonisolated(unsafe) private static let timeFormat: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
