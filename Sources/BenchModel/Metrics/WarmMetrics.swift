/// What the warm spec records (`WarmSpec`).
package struct WarmMetrics: MetricGroup {
    package let exec = Metric(
        "warm.exec_s", .time, .smallerIsBetter,
        meaning: "the code run by exec in an already-running sandbox, until its output is in hand")
    package let code = Metric(
        "warm.code_s", .time, .smallerIsBetter, meaning: "the interpreter's own timing of the code in that sandbox")
    package let direct = Metric(
        "warm.direct_s", .time, .smallerIsBetter, meaning: "the code in a fresh host interpreter process",
        role: .hostSide)
    package let overhead = Metric(
        "warm.overhead_pct", .percentage, .smallerIsBetter,
        meaning: "how much longer exec in a running sandbox took than the host interpreter, iteration by iteration")
}
