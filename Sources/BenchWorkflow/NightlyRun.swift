import BenchModel
import BenchSuite
import Foundation
import Logging
import Regression
import ResultsStore
import Synchronization

/// What `run` does, as the nightly job runs it: the suite run; with a gate, the gate of the
/// stored run — a run that failed is gated too, since cleanup failures and isolation violations
/// alert whatever its status —; then its reports and Prometheus textfile, built from the gate's
/// comparison; and what the command concludes (``Conclusion``). A run that failed or was
/// interrupted gets its report and textfile too: they say so.
///
/// The command line calls ``measure()`` under its signal handling (a signal cancels it), then
/// ``interrupted()`` when a signal stopped it, or prints what was measured and calls
/// ``publish(_:)``.
package struct NightlyRun: Sendable {
    package struct Request: Sendable {
        package var run: BenchmarkRun.Request
        /// The gate of the stored run; nil for a run without one.
        package var gate: RegressionGate.Settings?
        /// The rules a run's report compares with (the gate's, when it is gated).
        package var configuration: RegressionConfiguration
        /// The window of the report of a run that was not gated.
        package var window: Int?
        /// The reports folder; nil writes no report.
        package var reportDirectory: String?
        /// The Prometheus textfile; nil writes none.
        package var metricsFile: String?

        package init(
            run: BenchmarkRun.Request, gate: RegressionGate.Settings? = nil,
            configuration: RegressionConfiguration = .init(), window: Int? = nil, reportDirectory: String? = nil,
            metricsFile: String? = nil
        ) {
            self.run = run
            self.gate = gate
            self.configuration = configuration
            self.window = window
            self.reportDirectory = reportDirectory
            self.metricsFile = metricsFile
        }
    }

    /// A run that was measured to its end (completed or failed), and its gate.
    package struct Measured: Sendable {
        package var run: BenchmarkRun.Outcome
        /// The run as it was stored.
        package var candidate: RunRecord
        /// The gate's verdict; nil without a gate.
        package var gate: RegressionGate.Outcome?

        package init(run: BenchmarkRun.Outcome, candidate: RunRecord, gate: RegressionGate.Outcome?) {
            self.run = run
            self.candidate = candidate
            self.gate = gate
        }

        /// The command's exit: an alert first, then the run's failure, then the gate's.
        package var conclusion: Conclusion { Conclusion(gate: gate, candidate: candidate, measured: [run]) }
    }

    package let request: Request
    package let store: any ResultsStore
    package let progress: any RunProgress
    package let logger: Logger
    /// Names the interruption when the run is cancelled ("SIGINT").
    package let interruption: @Sendable () -> String?
    private let started = StartedRun()

    package init(
        request: Request, store: any ResultsStore, progress: any RunProgress, logger: Logger,
        interruption: @escaping @Sendable () -> String? = { nil }
    ) {
        self.request = request
        self.store = store
        self.progress = progress
        self.logger = logger
        self.interruption = interruption
    }

    /// Checks that a baseline named for the gate exists (before anything is measured), runs the
    /// suite and gates the stored run. Throws what ``BenchmarkRun/execute()`` throws; before an
    /// error other than an interruption, the run stored so far gets its report and textfile (when
    /// the store still answers), and what could not be written is a warning.
    package func measure() async throws -> Measured {
        if let requested = request.gate?.baseline {
            try await store.read { [testbed = request.run.testbed] in
                try BaselineResolver($0).requireUsable(requested, testbed: testbed)
            }
        }
        do {
            let outcome = try await BenchmarkRun(
                request: request.run, store: store, progress: progress, logger: logger, interruption: interruption,
                runStarted: { [started] id in started.set(id) }
            ).execute()
            let candidate = try await store.run(outcome.runID)
            // The gate runs inside the same cancellable work: its confirmation re-runs measure too,
            // still under the run lock, and a signal must stop them as cleanly as the run itself.
            guard let settings = request.gate else { return Measured(run: outcome, candidate: candidate, gate: nil) }
            let gate = try await RegressionGate(store: store, progress: progress, logger: logger)
                .evaluate(settings.request(candidate: candidate))
            return Measured(run: outcome, candidate: candidate, gate: gate)
        } catch let error where !(error is CancellationError) && interruption() == nil {
            if (error as? RunStoreLoss)?.storeAnswers != false {
                for failure in await publishStoredRun() { progress.warning(failure) }
            }
            throw error
        }
    }

    /// What a signal left: the run stored so far, and what of its report could not be written.
    package struct Interruption: Sendable {
        /// The run's id; nil when the run had not started (nothing was stored).
        package var runID: Int64?
        /// How the run was stored (`aborted`), when the store says.
        package var status: RunStatus?
        package var failures: [any Error]
    }

    /// After a signal stopped ``measure()``: the run stored so far gets its report and textfile.
    package func interrupted() async -> Interruption {
        guard let id = started.id else { return Interruption(runID: nil, status: nil, failures: []) }
        let failures = await publishStoredRun()
        return Interruption(runID: id, status: try? await store.run(id).status, failures: failures)
    }

    /// What ``publish(_:)`` wrote, and what it could not write.
    package struct Publication: Sendable {
        /// The report files written.
        package var written: [String] = []
        package var failures: [any Error] = []
    }

    /// Writes the run's reports and textfile, from the gate's comparison when there was a gate (so
    /// nothing is compared twice and alerts confirmed away stay away). A failure to write is
    /// returned, not thrown: whether it ends the command depends on the conclusion
    /// (``Conclusion/keeping(_:)``).
    package func publish(_ measured: Measured) async -> Publication {
        do {
            return Publication(written: try await publication.publish(run: measured.candidate, gate: measured.gate))
        } catch {
            return Publication(failures: [error])
        }
    }

    private var publication: RunPublication {
        RunPublication(
            store: store, configuration: request.configuration, reportDirectory: request.reportDirectory,
            metricsFile: request.metricsFile, baseline: request.gate?.baseline, window: request.window)
    }

    private func publishStoredRun() async -> [any Error] {
        guard let id = started.id, let stored = try? await store.run(id) else { return [] }
        do {
            try await publication.publish(run: stored, gate: nil)
            return []
        } catch {
            return [error]
        }
    }
}

/// The id of the run once it is stored, set from the run's own task and read after it ends.
private final class StartedRun: Sendable {
    private let value = Mutex<Int64?>(nil)
    func set(_ id: Int64) { value.withLock { $0 = id } }
    var id: Int64? { value.withLock { $0 } }
}
