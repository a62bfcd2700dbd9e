/// One measured value of one metric in one iteration of a spec.
package struct Sample: Sendable, Codable, Hashable {
    package var metric: MetricID
    package var iteration: Int
    package var value: Double
    /// The lifecycle phases of the container behind this sample, when one container produced it.
    package var phases: PhaseTimings?

    package init(metric: MetricID, iteration: Int, value: Double, phases: PhaseTimings? = nil) {
        self.metric = metric
        self.iteration = iteration
        self.value = value
        self.phases = phases
    }

    package var unit: MetricUnit { metric.unit }
}

/// A comparison of a spec's result with one of the original pytest suite's absolute targets ("mean < 3 s").
package struct CheckResult: Sendable, Codable, Hashable {
    package var name: String
    package var passed: Bool
    /// An informational check is shown but never fails a run (for example a speedup target
    /// on a host with fewer cores than containers).
    package var informational: Bool
    package var detail: String
    /// The metric the check judges, when there is one.
    package var metric: MetricID?

    package init(name: String, passed: Bool, informational: Bool = false, detail: String, metric: MetricID? = nil) {
        self.name = name
        self.passed = passed
        self.informational = informational
        self.detail = detail
        self.metric = metric
    }
}

/// An iteration that did not produce a valid sample: the code did not run, exited non-zero,
/// printed the wrong thing, or its container could not be created, started or removed.
package struct SampleFailure: Sendable, Codable, Hashable {
    package var metric: MetricID?
    package var iteration: Int
    package var reason: String
    /// What the container printed (stdout, then stderr), truncated.
    package var output: String

    package init(metric: MetricID? = nil, iteration: Int, reason: String, output: String = "") {
        self.metric = metric
        self.iteration = iteration
        self.reason = reason
        self.output = output
    }
}

/// Everything one spec produced: raw samples, checks against the original pytest suite's targets, failures
/// and notes ("pandas is not installed on the host: the direct side is not measurable").
package struct SpecResult: Sendable, Codable, Hashable {
    package var spec: String
    package var samples: [Sample]
    package var checks: [CheckResult]
    package var failures: [SampleFailure]
    package var notes: [String]
    /// Every container the spec created, whether or not its removal succeeded.
    package var containers: [ContainerRecord]
    /// Wall-clock seconds the spec took, warm-ups included.
    package var wallSeconds: Double

    package init(
        spec: String, samples: [Sample] = [], checks: [CheckResult] = [], failures: [SampleFailure] = [],
        notes: [String] = [], containers: [ContainerRecord] = [], wallSeconds: Double = 0
    ) {
        self.spec = spec
        self.samples = samples
        self.checks = checks
        self.failures = failures
        self.notes = notes
        self.containers = containers
        self.wallSeconds = wallSeconds
    }

    /// The metrics the spec produced, in name order.
    package var metrics: [MetricID] { Array(Set(samples.map(\.metric))).sorted() }

    package func values(of metric: MetricID) -> [Double] {
        samples.filter { $0.metric == metric }.map(\.value)
    }
}

/// One container a spec created, and what became of it.
package struct ContainerRecord: Sendable, Codable, Hashable {
    package var id: String
    package var iteration: Int
    /// True when the engine confirmed the removal (or the container was already gone).
    package var removed: Bool
    /// The daemon's reason when the removal finally failed.
    package var removalError: String?

    package init(id: String, iteration: Int, removed: Bool, removalError: String? = nil) {
        self.id = id
        self.iteration = iteration
        self.removed = removed
        self.removalError = removalError
    }
}
