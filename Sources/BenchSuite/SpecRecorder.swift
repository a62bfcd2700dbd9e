import BenchModel
import Synchronization

/// Collects what a spec measures as it goes, so that an interrupted spec still hands over
/// everything measured before the interruption.
package final class SpecRecorder: Sendable {
    private let state: Mutex<SpecResult>
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    package init(spec: String) {
        state = Mutex(SpecResult(spec: spec))
        started = clock.now
    }

    package func record(_ metric: MetricID, iteration: Int, value: Double, phases: PhaseTimings? = nil) {
        state.withLock { $0.samples.append(Sample(metric: metric, iteration: iteration, value: value, phases: phases)) }
    }

    package func fail(_ metric: MetricID? = nil, iteration: Int, reason: String, output: String = "") {
        state.withLock {
            $0.failures.append(
                SampleFailure(metric: metric, iteration: iteration, reason: reason, output: String(output.prefix(4000)))
            )
        }
    }

    package func check(
        _ name: String, passed: Bool, informational: Bool = false, detail: String, metric: MetricID? = nil
    ) {
        state.withLock {
            $0.checks.append(
                CheckResult(name: name, passed: passed, informational: informational, detail: detail, metric: metric))
        }
    }

    package func note(_ text: String) {
        state.withLock { $0.notes.append(text) }
    }

    package func container(_ record: ContainerRecord) {
        state.withLock { $0.containers.append(record) }
    }

    package func values(of metric: MetricID) -> [Double] {
        state.withLock { $0.values(of: metric) }
    }

    /// Everything recorded so far, with the spec's wall time up to now.
    package var result: SpecResult {
        let elapsed = clock.now - started
        return state.withLock { result in
            var copy = result
            copy.wallSeconds = elapsed.seconds
            return copy
        }
    }
}
