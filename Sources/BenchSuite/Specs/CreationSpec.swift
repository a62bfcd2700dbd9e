import BenchModel

/// Create + start of a sandbox container: the original pytest suite's "container creation" time, measured as the
/// two phases it names rather than the whole execute call.
enum CreationSpec {
    static let metrics = Metric.creation

    static func run(_ context: SpecContext, _ recorder: SpecRecorder) async throws {
        try await context.iterate(.creation) { iteration in
            let lifecycle = try await context.lifecycle(
                .simple, spec: .creation, iteration: iteration, metric: metrics.createStart, recorder: recorder)
            let phases = lifecycle.result.phases
            guard lifecycle.isValid, iteration >= 0, let create = phases[.create], let start = phases[.start] else {
                return
            }
            recorder.record(metrics.create, iteration: iteration, value: create)
            recorder.record(metrics.start, iteration: iteration, value: start)
            recorder.record(metrics.createStart, iteration: iteration, value: create + start, phases: phases)
        }
        recorder.checkMean(metrics.createStart, below: 3.0, name: "creation mean < 3 s")
    }
}

extension SpecRecorder {
    /// The original pytest suite's "mean < target" checks; a metric without valid samples fails its check.
    func checkMean(_ metric: Metric, below target: Double, name: String, informational: Bool = false) {
        let values = values(of: metric)
        guard !values.isEmpty else {
            check(
                name, passed: false, informational: informational, detail: "no valid samples of \(metric)",
                metric: metric)
            return
        }
        let mean = Statistics.mean(values)
        check(
            name, passed: mean < target, informational: informational,
            detail:
                "mean \(metric.unit.format(mean)) over \(values.count) samples (target < \(metric.unit.format(target)))",
            metric: metric)
    }
}
