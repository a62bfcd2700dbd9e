import BenchModel
import Foundation

/// One evaluation of the gate with everything that made its verdict: the rules and thresholds
/// in force, the statistic, the configuration file, the baseline, each rule's outcome with its
/// numbers, and the confirmation re-runs. Stored with the run (as this type's JSON), shown by
/// every view of a gated run; a later view with other rules is a re-evaluation, never this.
package struct GateDecision: Sendable, Codable, Hashable {
    /// Raised when a field changes meaning or disappears; new fields keep the version.
    package static let currentFormatVersion = 1

    package var formatVersion: Int
    package var decidedAt: Date
    package var toolVersion: String
    /// The thresholds, statistic, noise settings and extra rules in force.
    package var configuration: RegressionConfiguration
    /// The rules those made, written out: what a later version's defaults cannot change.
    package var rules: [RegressionRule]
    /// The configuration file, when one was given.
    package var configurationFile: ConfigurationFile?
    /// What was compared with.
    package var baseline: BaselineReference
    /// Every rule's outcome for every metric it watches, in rule order; alerts the confirmation
    /// re-runs did not reproduce are passed outcomes that say so.
    package var outcomes: [RuleOutcome]
    package var confirmation: Confirmation?
    /// The candidate's status when it did not complete (`failed`, `aborted`); absent for a
    /// completed run. Such a decision never passes.
    package var runStatus: RunStatus?
    /// The candidate's suite as `runs list` names it (`full`, `full, specs: creation, parallel`):
    /// a rule whose spec it did not plan was skipped, on purpose.
    package var suite: String?
    /// Why this decision is a one-off that does not become the run's verdict (a comparison with
    /// another testbed's run); absent for a standing decision.
    package var oneOff: String?
    /// The standing decision this one replaced as the run's verdict; absent for the first, and for a one-off.
    package var replaces: Replacement?

    package init(
        decidedAt: Date = Date(), toolVersion: String = ToolVersion.current, configuration: RegressionConfiguration,
        configurationFile: ConfigurationFile? = nil, baseline: BaselineReference, outcomes: [RuleOutcome],
        confirmation: Confirmation? = nil, runStatus: RunStatus? = nil, suite: String? = nil, oneOff: String? = nil,
        replaces: Replacement? = nil
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
        self.runStatus = runStatus
        self.suite = suite
        self.oneOff = oneOff
        self.replaces = replaces
    }

    /// The alerts that stood: the gate exits 1 when there is one.
    package var alerts: [RuleOutcome] { outcomes.filter(\.isAlert) }
    /// The rules whose metric a side lacks: the gate exits 4 (the run lacks it) or 2 (the baseline does).
    package var missing: [RuleOutcome] { outcomes.filter(\.isMissing) }

    /// An alert first, then a run that did not complete, then a missing metric; a pass only without any.
    package var verdict: GateVerdict {
        if !alerts.isEmpty { return .alert }
        if runStatus != nil { return .incomplete }
        if !missing.isEmpty { return .missing }
        return .passed
    }

    package var passed: Bool { verdict == .passed }

    /// True when the decision is the run's verdict when it is the latest of its kind: not a one-off.
    package var isStanding: Bool { oneOff == nil }

    /// The earlier standing decision a new one replaces, as the new one records it.
    package struct Replacement: Sendable, Codable, Hashable {
        /// Its id in the store that made the new decision.
        package var decisionID: Int64?
        package var decidedAt: Date
        package var verdict: GateVerdict
        package var alertCount: Int
        package var missingCount: Int
        /// Its baseline's label: `file nightly.json (run 41 of ci)`, `baseline "default" (run 4)`.
        package var baseline: String?

        package init(
            decisionID: Int64?, decidedAt: Date, verdict: GateVerdict, alertCount: Int, missingCount: Int,
            baseline: String?
        ) {
            self.decisionID = decisionID
            self.decidedAt = decidedAt
            self.verdict = verdict
            self.alertCount = alertCount
            self.missingCount = missingCount
            self.baseline = baseline
        }

        /// "replaces the decision of 2026-12-06 10:02 UTC: failed, 1 alert, against file F"
        package var sentence: String {
            let against = baseline.map { "against \($0)" } ?? "with no baseline"
            return "replaces the decision of \(Self.minute(decidedAt)): "
                + "\(verdict.words(alerts: alertCount, missing: missingCount)), \(against)"
        }

        private static func minute(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            return formatter.string(from: date) + " UTC"
        }
    }

    /// The configuration file a decision was made with: where it was, what it said, its SHA-256.
    package struct ConfigurationFile: Sendable, Codable, Hashable {
        package var path: String
        package var sha256: String
        package var content: String

        package init(path: String, content: String) {
            self.path = path
            self.content = content
            self.sha256 = "sha256:" + SHA256.hex(of: Array(content.utf8))
        }
    }

    /// The re-runs that confirmed (or could not confirm) noise-prone alerts.
    package struct Confirmation: Sendable, Codable, Hashable {
        /// Re-runs asked for per alert.
        package var requested: Int
        package var runIDs: [Int64]
        /// In how many re-runs each alert (`rule metric`) reappeared.
        package var reproduced: [String: Int]
        /// Why confirmation did not happen as asked, when it did not ("the engine was unreachable").
        package var note: String?

        package init(requested: Int, runIDs: [Int64], reproduced: [String: Int], note: String? = nil) {
            self.requested = requested
            self.runIDs = runIDs
            self.reproduced = reproduced
            self.note = note
        }

        /// The confirmation rule: an alert is dismissed only when a strict majority of the
        /// `requested` re-runs did not reproduce it. A tie keeps it (1 of 2 reproduced: kept), and
        /// a re-run that could not measure counts as reproducing it.
        package static func dismisses(reproducedIn reproduced: Int, of requested: Int) -> Bool {
            requested > 0 && (requested - reproduced) * 2 > requested
        }
    }

    /// The decision as the store keeps it: JSON with sorted keys and ISO 8601 times.
    package func document() throws -> String {
        String(decoding: try Self.encoder.encode(self), as: UTF8.self)
    }

    /// Reads a stored decision; a document with a key twice is refused (``JSONDocumentProblem``).
    package init(document: String) throws {
        self = try Self.decoder.decode(GateDecision.self, from: Data(document.utf8))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601Milliseconds
        return encoder
    }()

    private static let decoder: StrictJSONDecoder = {
        var decoder = StrictJSONDecoder()
        decoder.dateDecodingStrategy = .iso8601Milliseconds
        return decoder
    }()
}
