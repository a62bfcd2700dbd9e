import EngineInterface
import Regression
import ResultsStore

extension RegressionGate {
    /// Everything a gate needs but its candidate, fixed before anything is measured: `run --gate`
    /// knows its candidate only once the run is stored.
    package struct Settings: Sendable {
        /// A baseline name, a run id, or `latest`; nil for the default policy.
        package var baseline: String?
        package var window: Int?
        package var configuration: RegressionConfiguration
        package var configurationFile: GateDecision.ConfigurationFile?
        package var confirmations: Int
        /// A baseline file, read once before anything is measured.
        package var baselineFile: BaselineFileChoice?
        /// The deadlines of the confirmation re-runs' engine calls.
        package var deadlines: EngineDeadlines
        /// How a re-measurement deals with the host's other work. When set (the nightly `run --gate`,
        /// `gate --confirm`), an alert withheld because the host was busy is measured once more on a
        /// quiet host (``RegressionGate/recheckWithheld(_:request:baseline:policy:)``), and
        /// confirmation re-runs measure the host's load too; nil: a withheld alert stays withheld.
        package var hostLoad: HostLoadPolicy?
        /// True when a comparison with another testbed's run or baseline file, named here, becomes
        /// the run's verdict (`--standing`); false keeps it a one-off that the verdict, later gates
        /// naming no baseline and the fleet view do not follow.
        package var standing: Bool

        package init(
            baseline: String? = nil, window: Int? = nil, configuration: RegressionConfiguration = .init(),
            configurationFile: GateDecision.ConfigurationFile? = nil, confirmations: Int = 0,
            baselineFile: BaselineFileChoice? = nil, deadlines: EngineDeadlines = .default,
            hostLoad: HostLoadPolicy? = nil, standing: Bool = false
        ) {
            self.hostLoad = hostLoad
            self.standing = standing
            self.baseline = baseline
            self.window = window
            self.configuration = configuration
            self.configurationFile = configurationFile
            self.confirmations = confirmations
            self.baselineFile = baselineFile
            self.deadlines = deadlines
        }

        /// True when the baseline is named here (a baseline, a window or a file), not taken from the
        /// run's verdict or the default policy.
        package var namesBaseline: Bool { baseline != nil || window != nil || baselineFile != nil }

        /// The gate of `candidate` with these settings.
        package func request(candidate: RunRecord) -> Request {
            Request(candidate: candidate, settings: self)
        }
    }
}
