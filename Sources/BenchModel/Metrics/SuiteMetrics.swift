/// Every spec's declarations, one group each, in suite order: `Metric.creation.createStart`,
/// `Metric.scaling.wall(.n5)`. The catalogue is made of these groups (``MetricCatalogue``).
extension Metric {
    package static let creation = CreationMetrics()
    package static let overhead = OverheadMetrics()
    package static let parallel = ParallelMetrics()
    package static let cleanup = CleanupMetrics()
    package static let cleanupAll = CleanupAllMetrics()
    package static let e2e = EndToEndMetrics()
    package static let memoryLimit = MemoryLimitMetrics()
    package static let seccomp = SeccompMetrics()
    package static let warm = WarmMetrics()
    package static let scaling = ScalingMetrics()
    package static let security = SecurityMetrics()
    /// Every spec's host load, recorded beside its own metrics.
    package static let hostLoad = HostLoadMetrics()
    /// The run's own, recorded after its last spec.
    package static let run = RunMetrics()

    /// The groups, in suite order: a new spec's group goes here.
    static let groups: [any MetricGroup] = [
        creation, overhead, parallel, cleanup, cleanupAll, e2e, memoryLimit, seccomp, warm, scaling, security, hostLoad,
        run,
    ]
}
