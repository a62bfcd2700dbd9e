import BenchModel

/// What a baseline file's figures must be to have been measured, as the tool's own samples must
/// (``SampleValidity``): a file is compared with as it is, so a hand-edited value — creation at
/// 1e300 s, which passes any slowdown, a duration of 0 s, an efficiency of 7 — is refused,
/// naming the entry, rather than judged against.
enum BaselineFilePhysics {
    /// How far a spec's wall may exceed the run's: the run's times are wall-clock readings to the
    /// millisecond, a spec's wall a monotonic one.
    static let clockSlack = 1.0

    /// A sample: physically possible (``SampleValidity``), filed under its own spec, and, for a
    /// duration and for the phases it carries, within the time its spec took.
    static func sample(
        _ sample: Sample, in spec: SpecResult, at keyPath: String, runSeconds: Double?,
        invalid: (String, String) -> BaselineFileError
    ) throws(BaselineFileError) {
        guard sample.metric.spec == spec.spec else {
            throw invalid(
                "\(keyPath).metric",
                "\(sample.metric.rawValue) is filed under the spec \(spec.spec); its samples belong to "
                    + "\(sample.metric.spec).")
        }
        if let problem = SampleValidity.problem(with: sample) {
            throw invalid("\(keyPath).value", "cannot have been measured: \(problem).")
        }
        // The spec's wall when the file has it, else the run's: a time measured in it is no longer.
        let (bound, what): (Double?, String) =
            spec.wallSeconds > 0
            ? (spec.wallSeconds, "its spec took")
            : (runSeconds.map { $0 + clockSlack }, "its run took")
        guard let bound else { return }
        if sample.metric.unit == .seconds, sample.value > bound {
            throw invalid(
                "\(keyPath).value",
                "cannot have been measured: \(sample.metric.rawValue) \(seconds(sample.value)) is "
                    + "longer than the \(MetricUnit.seconds.format(bound)) \(what).")
        }
        if let phases = sample.phases, phases.total > bound {
            throw invalid(
                "\(keyPath).phases",
                "cannot have been measured: the phases sum to \(seconds(phases.total)), more than "
                    + "the \(MetricUnit.seconds.format(bound)) \(what).")
        }
    }

    /// The figures of one spec agree with each other as its metrics declare
    /// (``SampleValidity/problem(with:among:)``), and one metric's samples, taken one iteration
    /// after another, fit in the time the spec took
    /// (``SampleValidity/problem(sequential:values:wallSeconds:)``).
    static func relations(
        in spec: SpecResult, at keyPath: String, invalid: (String, String) -> BaselineFileError
    ) throws(BaselineFileError) {
        var iterations: [Int: [MetricID: Sample]] = [:]
        for sample in spec.samples { iterations[sample.iteration, default: [:]][sample.metric] = sample }
        var sums: [MetricID: [Double]] = [:]
        for (index, sample) in spec.samples.enumerated() {
            let sampleAt = "\(keyPath).samples[\(index)].value"
            if let problem = SampleValidity.problem(with: sample, among: iterations[sample.iteration] ?? [:]) {
                throw invalid(sampleAt, "cannot have been measured: \(problem).")
            }
            sums[sample.metric, default: []].append(sample.value)
            if let problem = SampleValidity.problem(
                sequential: sample.metric, values: sums[sample.metric] ?? [], wallSeconds: spec.wallSeconds)
            {
                throw invalid(sampleAt, "cannot have been measured: \(problem).")
            }
        }
    }

    /// A spec took no longer than its run.
    static func wall(
        of spec: SpecResult, at keyPath: String, runSeconds: Double?, invalid: (String, String) -> BaselineFileError
    ) throws(BaselineFileError) {
        guard let runSeconds, spec.wallSeconds > runSeconds + clockSlack else { return }
        throw invalid(
            "\(keyPath).wallSeconds",
            "\(MetricUnit.seconds.format(spec.wallSeconds)) is longer than the run itself "
                + "(\(MetricUnit.seconds.format(runSeconds)) from run.startedAt to run.endedAt).")
    }

    /// A summary says what its metric's samples say: the tool writes it from them.
    static func summary(
        _ summary: MetricSummary, of values: [Double], at keyPath: String,
        invalid: (String, String) -> BaselineFileError
    ) throws(BaselineFileError) {
        guard let expected = MetricSummary(metric: summary.metric, values: values) else { return }
        let fields: [(String, Double, Double)] = [
            ("mean", summary.mean, expected.mean), ("median", summary.median, expected.median),
            ("min", summary.min, expected.min), ("max", summary.max, expected.max),
            ("stddev", summary.stddev, expected.stddev), ("p95", summary.p95, expected.p95),
        ]
        for (field, stated, computed) in fields where !agree(stated, computed) {
            throw invalid(
                "\(keyPath).\(field)",
                "is \(stated), but the file's samples of \(summary.metric.rawValue) give \(computed).")
        }
    }

    /// A time as every view shows it, or with an exponent where that would be hundreds of digits.
    private static func seconds(_ value: Double) -> String {
        value < 1e9 ? MetricUnit.seconds.format(value) : "\(value) s"
    }

    /// Equal but for the last bits a decimal round trip or another order of summing can change.
    private static func agree(_ a: Double, _ b: Double) -> Bool {
        guard a.isFinite, b.isFinite else { return false }
        return abs(a - b) <= 1e-9 * Swift.max(abs(a), abs(b), 1e-9)
    }
}
