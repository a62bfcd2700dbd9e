import BenchModel

/// What a baseline file's specs must satisfy beyond their JSON types, so that a damaged or
/// hand-edited file is refused before anything compares with it or stores it.
enum BaselineFileCheck {
    static let maximumNameLength = 200

    static func specs(
        _ specs: [SpecResult], summaries: [MetricSummary], runSeconds: Double? = nil,
        invalid: (String, String) -> BaselineFileError
    ) throws(BaselineFileError) {
        var seen = Set<String>()
        var counts: [MetricID: Int] = [:]
        var values: [MetricID: [Double]] = [:]
        for (index, spec) in specs.enumerated() {
            let at = "specs[\(index)]"
            guard isName(spec.spec) else { throw invalid("\(at).spec", "\"\(spec.spec)\" is not a spec name.") }
            guard seen.insert(spec.spec).inserted else {
                throw invalid("\(at).spec", "the spec \(spec.spec) appears twice.")
            }
            guard spec.wallSeconds.isFinite, spec.wallSeconds >= 0 else {
                throw invalid("\(at).wallSeconds", "must be a time of 0 s or more.")
            }
            var iterations = Set<String>()
            for (sampleIndex, sample) in spec.samples.enumerated() {
                let sampleAt = "\(at).samples[\(sampleIndex)]"
                guard sample.iteration >= 0 else { throw invalid("\(sampleAt).iteration", "must be 0 or more.") }
                guard iterations.insert("\(sample.metric.rawValue)#\(sample.iteration)").inserted else {
                    throw invalid(
                        "\(sampleAt).iteration", "\(sample.metric.rawValue) has iteration \(sample.iteration) twice.")
                }
                guard isMetricName(sample.metric.rawValue) else {
                    throw invalid(
                        "\(sampleAt).metric",
                        "\"\(sample.metric.rawValue)\" is not a metric name such as creation.create_start_s.")
                }
                guard sample.metric.unit.admits(sample.value) else {
                    throw invalid(
                        "\(sampleAt).value",
                        "must be \(sample.metric.unit.admissibleValues) for \(sample.metric.rawValue).")
                }
                if let phases = sample.phases,
                    phases.recorded.contains(where: { !$0.seconds.isFinite || $0.seconds < 0 })
                {
                    throw invalid("\(sampleAt).phases", "every phase must be a time of 0 s or more.")
                }
                try BaselineFilePhysics.sample(
                    sample, in: spec, at: sampleAt, runSeconds: runSeconds, invalid: invalid)
                counts[sample.metric, default: 0] += 1
                values[sample.metric, default: []].append(sample.value)
            }
            try BaselineFilePhysics.wall(of: spec, at: at, runSeconds: runSeconds, invalid: invalid)
            try BaselineFilePhysics.relations(in: spec, at: at, invalid: invalid)
        }
        guard !counts.isEmpty else {
            throw invalid("specs", "the run has no samples, so there is nothing to compare with.")
        }
        // The summaries must describe these samples: a truncated or edited file is refused.
        var summarized = Set<MetricID>()
        for (index, summary) in summaries.enumerated() {
            guard let count = counts[summary.metric] else {
                throw invalid("summaries[\(index)].metric", "\(summary.metric.rawValue) has no samples in the file.")
            }
            guard summary.n == count else {
                throw invalid(
                    "summaries[\(index)].n",
                    "is \(summary.n), but the file holds \(count) samples of \(summary.metric.rawValue).")
            }
            guard summarized.insert(summary.metric).inserted else {
                throw invalid(
                    "summaries[\(index)].metric",
                    "\(summary.metric.rawValue) is summarized twice; a file has one "
                        + "summary per metric.")
            }
            try BaselineFilePhysics.summary(
                summary, of: values[summary.metric] ?? [], at: "summaries[\(index)]", invalid: invalid)
        }
        if let missing = counts.keys.sorted().first(where: { !summarized.contains($0) }) {
            throw invalid("summaries", "\(missing.rawValue) has samples but no summary.")
        }
    }

    /// `creation`, `memory_limit`: a spec's name.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= maximumNameLength && text.unicodeScalars.allSatisfy(isNameCharacter)
    }

    /// `spec.quantity` with any number of dots between non-empty parts: `memory_limit.512m.cycle_s`.
    static func isMetricName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && text.count <= maximumNameLength && parts.allSatisfy { isName(String($0)) }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }
}
