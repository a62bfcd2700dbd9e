/// What the creation spec records (`CreationSpec`).
package struct CreationMetrics: MetricGroup {
    package let create = Metric(
        "creation.create_s", .time, .smallerIsBetter,
        meaning: "the engine's create of a sandbox container, the code delivered into it", phases: [.create],
        derivation: .partOf(MetricID("creation.create_start_s")))
    package let start = Metric(
        "creation.start_s", .time, .smallerIsBetter, meaning: "the start of the created container", phases: [.start],
        derivation: .partOf(MetricID("creation.create_start_s")))
    /// The first default rule watches it.
    package let createStart = Metric(
        "creation.create_start_s", .time, .smallerIsBetter,
        meaning: "create + start of one sandbox container: the original pytest suite's creation time",
        phases: [.create, .start], derivation: .sumOfPhases)
}
