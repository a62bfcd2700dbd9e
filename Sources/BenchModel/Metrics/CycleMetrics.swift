/// What the e2e spec records (`EndToEndSpec`).
package struct EndToEndMetrics: MetricGroup {
    package let cycle = Metric(
        "e2e.cycle_s", .time, .smallerIsBetter,
        meaning: "the full cycle create → start → run → logs → remove of one sandbox",
        phases: LifecyclePhase.allCases, derivation: .sumOfPhases)
    package let failures = Metric(
        "e2e.failures", .count, .smallerIsBetter, meaning: "cycles that did not end in a valid sample",
        role: .failureCount)
}

/// What the memory_limit spec records (`MemoryLimitSpec`).
package struct MemoryLimitMetrics: MetricGroup {
    /// The memory limits the cycle is measured at.
    package enum Size: String, MetricParameter {
        case mb512 = "512m"
        case gb1 = "1g"
        case gb2 = "2g"

        package var bytes: Int64 {
            switch self {
            case .mb512: 512 << 20
            case .gb1: 1 << 30
            case .gb2: 2 << 30
            }
        }
    }

    package let cycle = MetricFamily<Size>("memory_limit.<size>.cycle_s") { name, _ in
        Metric(
            name, .time, .smallerIsBetter, meaning: "the full cycle with the container's memory limit at that size",
            phases: LifecyclePhase.allCases, derivation: .sumOfPhases)
    }
}

/// What the seccomp spec records (`SeccompSpec`).
package struct SeccompMetrics: MetricGroup {
    /// The syscall filters the cycle is measured under.
    package enum Case: String, MetricParameter {
        /// Docker's default seccomp profile.
        case dockerDefault = "default"
        /// No seccomp filter.
        case unconfined
        /// The profile file the run names.
        case profile
    }

    package let cycle = MetricFamily<Case>("seccomp.<case>.cycle_s") { name, _ in
        Metric(
            name, .time, .smallerIsBetter,
            meaning: "the full cycle under Docker's default profile, without seccomp, or under the profile file",
            phases: LifecyclePhase.allCases, derivation: .sumOfPhases)
    }
    package let overhead = Metric(
        "seccomp.overhead_pct", .percentage, .smallerIsBetter,
        meaning: "how much longer the cycle took under Docker's default profile than unconfined")
    package let profileOverhead = Metric(
        "seccomp.profile_overhead_pct", .percentage, .smallerIsBetter,
        meaning: "how much longer the cycle took under the profile file than unconfined")
    package let profileViolations = Metric(
        "seccomp.profile_violations", .count, .smallerIsBetter,
        meaning: "operations the profile file lets through that Docker's default profile refuses, probed once")
}
