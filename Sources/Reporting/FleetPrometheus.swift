/// The fleet's silence as Prometheus gauges, for the textfile collector: per testbed, the seconds
/// since its latest run, its usual interval and whether it is overdue (1) or not (0).
package enum FleetPrometheus {
    package static func render(_ report: FleetReport) -> String {
        var text = PrometheusExposition()
        let silences = report.testbeds.compactMap { testbed in testbed.silence.map { (testbed.testbed, $0) } }
        text.gauge(
            "sandbox_bench_testbed_seconds_since_last_run",
            help: "Seconds since the testbed's latest run started.",
            samples: silences.map {
                PrometheusExposition.Sample(labels: [("testbed", $0.0)], value: $0.1.silentSeconds)
            })
        text.gauge(
            "sandbox_bench_testbed_usual_interval_seconds",
            help: "The median gap between the starts of the testbed's runs (known from four runs on).",
            samples: silences.compactMap { entry in
                entry.1.usualIntervalSeconds.map {
                    PrometheusExposition.Sample(labels: [("testbed", entry.0)], value: $0)
                }
            })
        text.gauge(
            "sandbox_bench_testbed_overdue",
            help: "1 when the testbed has not reported for longer than \(Int(TestbedSilence.factor)) "
                + "times its usual interval, else 0.",
            samples: silences.map {
                PrometheusExposition.Sample(labels: [("testbed", $0.0)], value: $0.1.overdue ? 1 : 0)
            })
        return text.text
    }
}
