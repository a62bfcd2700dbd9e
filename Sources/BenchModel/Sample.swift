/// One measured value of one metric in one iteration of a spec.
public struct Sample: Sendable, Codable, Hashable {
    public var metric: MetricID
    public var iteration: Int
    public var value: Double
    /// The lifecycle phases of the container behind this sample, when one container produced it.
    public var phases: PhaseTimings?

    public init(metric: MetricID, iteration: Int, value: Double, phases: PhaseTimings? = nil) {
        self.metric = metric
        self.iteration = iteration
        self.value = value
        self.phases = phases
    }

    public var unit: MetricUnit { metric.unit }
}

/// A comparison of a spec's result with one of the original pytest suite's absolute targets ("mean < 3 s").
public struct CheckResult: Sendable, Codable, Hashable {
    public var name: String
    public var passed: Bool
    /// An informational check is shown but never fails a run (for example a speedup target
    /// on a host with fewer cores than containers).
    public var informational: Bool
    public var detail: String
    /// The metric the check judges, when there is one.
    public var metric: MetricID?

    public init(name: String, passed: Bool, informational: Bool = false, detail: String, metric: MetricID? = nil) {
        self.name = name
        self.passed = passed
        self.informational = informational
        self.detail = detail
        self.metric = metric
    }
}

/// An iteration that did not produce a valid sample: the code did not run, exited non-zero,
/// printed the wrong thing, or its container could not be created, started or removed.
public struct SampleFailure: Sendable, Codable, Hashable {
    public var metric: MetricID?
    public var iteration: Int
    public var reason: String
    /// What the container printed (stdout, then stderr), truncated.
    public var output: String

    public init(metric: MetricID? = nil, iteration: Int, reason: String, output: String = "") {
        self.metric = metric
        self.iteration = iteration
        self.reason = reason
        self.output = output
    }
}

/// Everything one spec produced: raw samples, checks against the original pytest suite's targets, failures
/// and notes ("pandas is not installed on the host: the direct side is not measurable").
public struct SpecResult: Sendable, Codable, Hashable {
    public var spec: String
    public var samples: [Sample]
    public var checks: [CheckResult]
    public var failures: [SampleFailure]
    public var notes: [String]
    /// Every container the spec created, whether or not its removal succeeded.
    public var containers: [ContainerRecord]
    /// Wall-clock seconds the spec took, warm-ups included.
    public var wallSeconds: Double

    public init(
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
    public var metrics: [MetricID] { Array(Set(samples.map(\.metric))).sorted() }

    public func values(of metric: MetricID) -> [Double] {
        samples.filter { $0.metric == metric }.map(\.value)
    }
}

/// One container a spec created, and what became of it.
public struct ContainerRecord: Sendable, Codable, Hashable {
    public var id: String
    public var iteration: Int
    /// True when the engine confirmed the removal (or the container was already gone).
    public var removed: Bool
    /// The daemon's reason when the removal finally failed.
    public var removalError: String?

    public init(id: String, iteration: Int, removed: Bool, removalError: String? = nil) {
        self.id = id
        self.iteration = iteration
        self.removed = removed
        self.removalError = removalError
    }
}
