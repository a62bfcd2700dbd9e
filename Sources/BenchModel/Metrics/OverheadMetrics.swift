/// What the overhead specs record (`OverheadSpec`): one code sample each, in a fresh sandbox and
/// in a fresh host interpreter process, `overhead_<code>.*`.
package struct OverheadMetrics: MetricGroup {
    /// The code sample of each overhead spec.
    package enum Code: String, MetricParameter {
        case simple
        case compute
        case pandas

        /// The module the host interpreter needs to run the code: its host side is not measurable without it.
        package var hostModule: String? { self == .pandas ? "pandas" : nil }
    }

    package let docker = MetricFamily<Code>("overhead_<code>.docker_s") { name, _ in
        Metric(
            name, .time, .smallerIsBetter,
            meaning: "the code in a fresh sandbox until its output is in hand (create, start, run, logs)",
            phases: [.create, .start, .run, .logs], derivation: .sumOfPhases)
    }
    package let dockerCode = MetricFamily<Code>("overhead_<code>.docker_code_s") { name, _ in
        Metric(name, .time, .smallerIsBetter, meaning: "the interpreter's own timing of the code in the sandbox")
    }
    package let direct = MetricFamily<Code>("overhead_<code>.direct_s") { name, code in
        Metric(
            name, .time, .smallerIsBetter,
            meaning: "the code in a fresh host interpreter process, from its spawn until its exit and output read",
            role: .hostSide, hostModule: code.hostModule)
    }
    package let directCode = MetricFamily<Code>("overhead_<code>.direct_code_s") { name, code in
        Metric(
            name, .time, .smallerIsBetter, meaning: "the host interpreter's own timing of the code", role: .hostSide,
            hostModule: code.hostModule)
    }
    package let overhead = MetricFamily<Code>("overhead_<code>.overhead_pct") { name, code in
        Metric(
            name, .percentage, .smallerIsBetter,
            meaning: "how much longer the sandbox took than the host interpreter, iteration by iteration",
            hostModule: code.hostModule)
    }
}
