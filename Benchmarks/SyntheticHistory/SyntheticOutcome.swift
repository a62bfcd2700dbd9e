import BenchModel

/// How a synthetic run ends, and what a real run that ended so stores.
package enum SyntheticOutcome: Sendable, Hashable {
    case completed
    /// The Docker engine stopped answering after the first `afterSpecs` specs were recorded.
    case failed(afterSpecs: Int)
    /// The run was interrupted by SIGTERM after the first `afterSpecs` specs were recorded.
    case aborted(afterSpecs: Int)

    package var status: RunStatus {
        switch self {
        case .completed: .completed
        case .failed: .failed
        case .aborted: .aborted
        }
    }

    /// The reason stored with the run; nil for a completed one.
    package var reason: String? {
        switch self {
        case .completed: nil
        case .failed: "The Docker engine stopped answering on /var/run/docker.sock."
        case .aborted: "Interrupted by SIGTERM."
        }
    }

    /// The specs a run that ends so gets to record, in the order it runs them.
    package func recordedSpecs(of specs: [SpecResult]) -> [SpecResult] {
        switch self {
        case .completed: specs
        case .failed(let count), .aborted(let count): Array(specs.prefix(count))
        }
    }
}
