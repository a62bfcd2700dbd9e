import BenchModel
import BenchSuite
import EngineInterface
import Foundation
import Logging
import Regression
import ResultsStore
import Synchronization

/// Compares a run with its baseline, confirms noise-prone alerts by re-running the specs behind
/// them when asked to, and stores the final alerts with the run.
package struct RegressionGate: Sendable {
    /// The gate of one run: the candidate, the gate's settings, and — for `ab` — the baseline
    /// chosen by the caller.
    package struct Request: Sendable {
        package var candidate: RunRecord
        package var settings: Settings
        /// A baseline chosen by the caller (`ab`: the A side), used as it is when `fixesBaseline`;
        /// nil then compares with nothing (the A side did not complete).
        package var resolvedBaseline: BaselineResolver.Resolution?
        package var fixesBaseline: Bool

        package init(candidate: RunRecord, settings: Settings = .init()) {
            self.candidate = candidate
            self.settings = settings
            self.resolvedBaseline = nil
            self.fixesBaseline = false
        }

        /// A gate against exactly `baseline` (nil: against nothing), as `ab` gates B against A.
        package init(
            candidate: RunRecord, fixedBaseline baseline: BaselineResolver.Resolution?,
            configuration: RegressionConfiguration,
            configurationFile: GateDecision.ConfigurationFile?
        ) {
            self.init(
                candidate: candidate,
                settings: Settings(configuration: configuration, configurationFile: configurationFile))
            self.resolvedBaseline = baseline
            self.fixesBaseline = true
        }
    }

    package struct Outcome: Sendable {
        package var comparison: StoredComparison
        /// Alerts that stand (after confirmation, when asked for).
        package var alerts: [RuleOutcome]
        /// Alerts the confirmation re-runs did not reproduce.
        package var dismissed: [RuleOutcome]
        package var confirmationRunIDs: [Int64]
        /// The decision as it was stored with the run.
        package var decision: GateDecision
        /// The run's verdict when this decision is a one-off and does not replace it (nil: none yet).
        package var standingVerdict: DecisionRecord?
        /// Why the decision could not be stored, when it could not. Only a gate that found an alert
        /// gets this far without storing (an alert is news whatever else is wrong: exit 1); the
        /// run's stored verdict is then still ``previousVerdict``, not this decision.
        package var notStored: (any Error)?
        /// The run's standing verdict before this gate (nil: never gated).
        package var previousVerdict: DecisionRecord?

        package init(
            comparison: StoredComparison, alerts: [RuleOutcome], dismissed: [RuleOutcome], confirmationRunIDs: [Int64],
            decision: GateDecision, standingVerdict: DecisionRecord? = nil
        ) {
            self.comparison = comparison
            self.alerts = alerts
            self.dismissed = dismissed
            self.confirmationRunIDs = confirmationRunIDs
            self.decision = decision
            self.standingVerdict = standingVerdict
        }

        /// True when the gate passes: no alert, no missing metric, a run that completed, and no
        /// alert withheld because the host was busy.
        package var passed: Bool { decision.passed && withheld.isEmpty }

        /// Relative alerts withheld because the candidate's host was busy, and not cleared by a
        /// re-measurement: never a pass. When they are all there is (no alert, nothing missing),
        /// no decision is stored: the run was not judged, and keeps its earlier verdict, if any.
        package var withheld: [RuleOutcome] { comparison.result.withheld }

        /// True when the decision was not stored because its only finding was a withheld alert.
        package var isWithheldOnly: Bool { !withheld.isEmpty && decision.passed }

        /// The rules that could not be checked because a side lacks their metric.
        package var missing: [RuleOutcome] { decision.missing }

        /// True when there was no baseline yet: the relative rules had nothing to compare with,
        /// and the candidate becomes the reference of the next gate.
        package var isFirstReference: Bool { comparison.baseline == nil && !comparison.isIncomplete }

        /// Why confirmation did not happen as asked ("the engine was unreachable"): the alerts
        /// it should have confirmed stand unconfirmed.
        package var confirmationNote: String? { decision.confirmation?.note }
    }

    package var store: any ResultsStore
    package var progress: any RunProgress
    package var logger: Logger
    /// What its re-measurements run on (the live engine; an in-memory one in tests).
    package var dependencies: BenchmarkRun.Dependencies

    package init(
        store: any ResultsStore, progress: any RunProgress, logger: Logger,
        dependencies: BenchmarkRun.Dependencies = .live
    ) {
        self.dependencies = dependencies
        self.store = store
        self.progress = progress
        self.logger = logger
    }

    package func evaluate(_ request: Request) async throws -> Outcome {
        // Without a baseline the relative rules are skipped, but the floors and the cleanup rule still apply.
        let (loaded, decisions) = try await store.read { reader in
            let comparison =
                request.fixesBaseline
                ? try StoredComparison.load(
                    reader, candidate: request.candidate, baseline: request.resolvedBaseline,
                    configuration: request.settings.configuration)
                : try StoredComparison.load(
                    reader, candidate: request.candidate, requested: request.settings.baseline,
                    window: request.settings.window,
                    file: request.settings.baselineFile, configuration: request.settings.configuration)
            return (comparison, try reader.decisions(run: request.candidate.id))
        }
        let verdict = decisions.verdict
        var comparison = loaded
        if let how = comparison.baselineIsCandidate, let baseline = comparison.baseline {
            throw ComparisonInputError.ownBaseline(run: request.candidate.id, baseline: baseline.label, how: how)
        }
        // A run judged only in one-offs is never compared with nothing by a gate naming no baseline:
        // that would pass a run another testbed's baseline failed.
        if comparison.baseline == nil, !comparison.isIncomplete, !request.fixesBaseline,
            !request.settings.namesBaseline, verdict == nil, !decisions.isEmpty
        {
            throw ComparisonInputError.onlyOneOffs(
                run: request.candidate.id, baselines: decisions.reversed().map { $0.baseline.label ?? $0.baseline.kind }
            )
        }
        let baseline = comparison.baseline
        var confirmationRunIDs: [Int64] = []
        // Alerts withheld because the host was busy are measured once more, on a quiet host, when the
        // gate measures the host's load (the nightly run): confirmed, cleared, or still withheld.
        if let policy = request.settings.hostLoad, !comparison.isIncomplete, !comparison.result.withheld.isEmpty {
            let recheck = try await recheckWithheld(
                comparison.result.withheld, request: request, baseline: baseline, policy: policy)
            if let runID = recheck.runID { confirmationRunIDs.append(runID) }
            comparison.result.outcomes = comparison.result.outcomes.map { recheck.outcomes[Self.key($0)] ?? $0 }
        }
        var alerts = comparison.result.alerts
        var dismissed: [RuleOutcome] = []
        var confirmation: GateDecision.Confirmation?
        // A run that did not complete is not re-run: its alerts are events (cleanup, isolation) or floors.
        let noisy = comparison.isIncomplete ? [] : alerts.filter(Self.needsConfirmation)
        if request.settings.confirmations > 0, !noisy.isEmpty {
            let tally = try await confirm(noisy, request: request, baseline: baseline)
            confirmationRunIDs += tally.runIDs
            if tally.failure == nil {
                dismissed = noisy.filter {
                    GateDecision.Confirmation.dismisses(
                        reproducedIn: tally.reproduced[Self.key($0)] ?? 0, of: request.settings.confirmations)
                }
            }
            let dismissedKeys = Set(dismissed.map(Self.key))
            alerts = alerts.filter { !dismissedKeys.contains(Self.key($0)) }
            confirmation = GateDecision.Confirmation(
                requested: request.settings.confirmations, runIDs: tally.runIDs, reproduced: tally.reproduced,
                note: tally.failure.map { "confirmation could not run (\($0)), so the alerts stand unconfirmed" })
        }
        var stored = comparison
        stored.result.outcomes = comparison.result.outcomes.map { outcome in
            dismissed.contains(outcome) ? outcome.dismissed(after: request.settings.confirmations) : outcome
        }
        let candidate = request.candidate
        let reference =
            baseline?.reference
            ?? (comparison.isIncomplete
                ? BaselineReference(
                    kind: "none", name: nil, label: "not compared: the run \(candidate.status.rawValue)", runs: [])
                : .none)
        // Another testbed's baseline named here is a one-off unless asked to stand; the baseline of the
        // run's verdict, followed by a gate naming none, stands as it did.
        let named = request.fixesBaseline || request.settings.namesBaseline
        let oneOff =
            named && !request.settings.standing
            ? baseline?.otherTestbed(than: candidate.testbed).map {
                "a comparison with \(baseline?.file == nil ? "a run" : "a baseline file") of the testbed \($0), "
                    + "not \(candidate.testbed)"
            } : nil
        let decision = GateDecision(
            configuration: request.settings.configuration, configurationFile: request.settings.configurationFile,
            baseline: reference,
            outcomes: stored.result.outcomes, confirmation: confirmation,
            runStatus: comparison.isIncomplete ? candidate.status : nil, suite: candidate.suite, oneOff: oneOff,
            replaces: oneOff == nil ? verdict.map(GateDecision.Replacement.init(record:)) : nil)
        var notStored: (any Error)?
        // A decision whose only finding is a withheld alert would read "passed": it is not stored.
        if !stored.result.withheld.isEmpty && decision.passed {
            logger.info("decision not stored: its only finding is an alert withheld because the host was busy")
        } else {
            do {
                try await store.recordDecision(
                    DecisionRecord(
                        runID: candidate.id, decidedAt: decision.decidedAt, toolVersion: decision.toolVersion,
                        verdict: decision.verdict, alertCount: decision.alerts.count,
                        missingCount: decision.missing.count, standing: decision.isStanding,
                        baseline: decision.baseline, document: try decision.document()),
                    alerts: stored.alertRecords(at: decision.decidedAt), baselineFile: baseline?.fileContent)
            } catch let error where !alerts.isEmpty && !(error is CancellationError) {
                // The alert is the more specific news: it is said, and so is the decision that was not kept.
                logger.info("the decision could not be stored", metadata: ["error": "\(error)"])
                notStored = error
            }
        }
        var outcome = Outcome(
            comparison: stored, alerts: alerts, dismissed: dismissed, confirmationRunIDs: confirmationRunIDs,
            decision: decision, standingVerdict: oneOff == nil ? nil : verdict)
        outcome.notStored = notStored
        outcome.previousVerdict = verdict
        return outcome
    }

    /// A failed removal is an event, not a measurement that noise could move: it is never re-run away.
    static func needsConfirmation(_ alert: RuleOutcome) -> Bool {
        alert.rule != RegressionRule.cleanupFailures.name && SpecName(rawValue: alert.metric.spec) != nil
    }

    static func key(_ outcome: RuleOutcome) -> String { "\(outcome.rule) \(outcome.metric)" }

    /// What the confirmation re-runs found.
    struct ConfirmationTally {
        /// In how many re-runs each alert reappeared (a re-run that could not measure counts as reappearing).
        var reproduced: [String: Int] = [:]
        var runIDs: [Int64] = []
        /// Why the re-runs could not go on (the engine unreachable), when they could not.
        var failure: String?
    }

    /// Re-runs the specs behind `alerts` `request.settings.confirmations` times as confirmation runs linked to
    /// the candidate, and counts in how many of them each alert reappears. A re-run that cannot run
    /// at all ends the confirmation with its reason; an interruption is thrown.
    private func confirm(
        _ alerts: [RuleOutcome], request: Request, baseline: BaselineResolver.Resolution?
    ) async throws -> ConfirmationTally {
        let runRequest = try Self.remeasurement(of: alerts, request: request, hostLoad: request.settings.hostLoad)
        let plan = runRequest.plan
        var tally = ConfirmationTally()
        for attempt in 1...request.settings.confirmations {
            progress.message(
                "Confirming \(ValueFormat.count(alerts.count, "alert")): re-run \(attempt) of \(request.settings.confirmations) of \(plan.specs.map(\.name.rawValue).joined(separator: ", "))."
            )
            let outcome: BenchmarkRun.Outcome
            switch try await measureAgain(runRequest) {
            case .success(let measured): outcome = measured
            case .failure(let failure):
                let error = failure.error
                if let id = failure.runID { tally.runIDs.append(id) }
                tally.failure = "\(error)"
                progress.warning(
                    "confirmation re-run \(attempt) could not run (\(error)); the alerts stand unconfirmed")
                return tally
            }
            tally.runIDs.append(outcome.runID)
            guard outcome.status == .completed else {
                // A re-run that could not measure cannot clear an alert: it counts as reproduced.
                progress.warning(
                    "confirmation run \(outcome.runID) \(outcome.status.rawValue) (\(outcome.reason ?? "no reason")); its alerts stand"
                )
                for alert in alerts { tally.reproduced[Self.key(alert), default: 0] += 1 }
                continue
            }
            let result = try await store.read { reader in
                try StoredComparison.load(
                    reader, candidate: try reader.run(outcome.runID), baseline: baseline,
                    configuration: request.settings.configuration
                ).result
            }
            // An alert withheld in a re-run (the host busy again) cannot clear it either.
            for alert in result.alerts + result.withheld { tally.reproduced[Self.key(alert), default: 0] += 1 }
        }
        return tally
    }
}

extension RegressionGate {
    /// A re-measurement that could not run: why, and its run when it was stored before it failed.
    struct RemeasurementFailure: Error {
        var error: any Error
        var runID: Int64?
    }

    /// Runs a re-measurement (a confirmation run); an interruption is thrown, any other error is
    /// the failure's, with the run it stored, if any.
    func measureAgain(_ runRequest: BenchmarkRun.Request) async throws
        -> Result<BenchmarkRun.Outcome, RemeasurementFailure>
    {
        let started = Mutex<Int64?>(nil)
        do {
            return .success(
                try await BenchmarkRun(
                    request: runRequest, store: store, progress: progress, logger: logger,
                    runStarted: { id in started.withLock { $0 = id } }, dependencies: dependencies
                ).execute())
        } catch let error where !(error is CancellationError) && !Task.isCancelled {
            return .failure(RemeasurementFailure(error: error, runID: started.withLock { $0 }))
        }
    }
}

extension RegressionGate {
    /// A confirmation run of the specs behind `alerts`, with the counts and the profile the
    /// candidate was measured with, linked to it; measuring the host's load with `hostLoad`.
    static func remeasurement(
        of alerts: [RuleOutcome], request: Request, hostLoad: HostLoadPolicy?
    ) throws -> BenchmarkRun.Request {
        let configuration = try RunConfiguration(json: request.candidate.configurationJSON)
        let specs = Set(alerts.compactMap { SpecName(rawValue: $0.metric.spec) })
        var plan = configuration.plan
        plan.specs = plan.specs.filter { specs.contains($0.name) }
        return BenchmarkRun.Request(
            plan: plan, profile: configuration.profile, label: request.candidate.label,
            gitCommit: request.candidate.gitCommit,
            hostPython: configuration.hostInterpreter ?? "python3", purpose: .confirmation,
            parentRunID: request.candidate.id,
            testbed: request.candidate.testbed, deadlines: request.settings.deadlines, hostLoad: hostLoad)
    }
}

extension GateDecision.Replacement {
    /// The stored decision a new standing decision replaces.
    init(record: DecisionRecord) {
        self.init(
            decisionID: record.id, decidedAt: record.decidedAt, verdict: record.verdict, alertCount: record.alertCount,
            missingCount: record.missingCount, baseline: record.baseline.label)
    }
}

extension RuleOutcome {
    /// The outcome with its alert withdrawn because the re-runs did not reproduce it.
    func dismissed(after confirmations: Int) -> RuleOutcome {
        var outcome = self
        outcome.status = .passed
        outcome.message +=
            " Not confirmed: a majority of \(ValueFormat.count(confirmations, "re-run")) did not reproduce it."
        return outcome
    }
}
