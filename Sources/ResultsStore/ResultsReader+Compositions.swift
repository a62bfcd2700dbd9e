import BenchModel
import Foundation

/// What several primitive queries make together. Written once against ``ResultsReader``, so
/// that every backend answers them alike.
extension ResultsReader {
    package func samples(of metric: MetricID, runs: [Int64]) throws -> [Int64: [RecordedSample]] {
        var samples: [Int64: [RecordedSample]] = [:]
        for id in runs {
            let recorded = try self.samples(run: id, metric: metric)
            if !recorded.isEmpty { samples[id] = recorded }
        }
        return samples
    }

    /// Everything stored about one run: what `runs show --json` prints and `export` writes.
    package func detail(run runID: Int64) throws -> RunDetail {
        let run = try run(runID)
        return RunDetail(
            run: run, environment: try environment(of: run), summaries: try summaries(run: runID),
            specs: try specs(run: runID), alerts: try alerts(run: runID),
            baselines: try baselines().filter { $0.runID == runID }.map(\.name),
            confirmationRunIDs: try runs(RunQuery(parent: runID, order: .oldestFirst)).map(\.id),
            decisions: try decisions(run: runID))
    }

    /// Every spec of a run as it was recorded, in recording order; the samples of a spec come in
    /// metric and iteration order.
    package func specs(run runID: Int64) throws -> [SpecResult] {
        let samples = Dictionary(grouping: try samples(run: runID, metric: nil), by: \.spec)
        let checks = Dictionary(grouping: try checks(run: runID), by: \.spec)
        let failures = Dictionary(grouping: try failures(run: runID), by: \.spec)
        let notes = Dictionary(grouping: try notes(run: runID), by: \.spec)
        let containers = Dictionary(grouping: try containers(run: runID), by: \.spec)
        return try specRecords(run: runID).map { record in
            SpecResult(
                spec: record.spec, samples: samples[record.spec]?.map(\.sample) ?? [],
                checks: checks[record.spec]?.map(\.check) ?? [], failures: failures[record.spec]?.map(\.failure) ?? [],
                notes: notes[record.spec]?.map(\.text) ?? [],
                containers: containers[record.spec]?.map(\.container) ?? [],
                wallSeconds: record.wallSeconds)
        }
    }

    /// The latest completed main run, or the latest one before `run`.
    package func latestCompletedRun(before run: RunRecord? = nil) throws -> RunRecord? {
        try runs(.completedMainRuns(before: run, limit: 1)).first
    }

    /// The newest main run, whatever its status; of `testbed` when one is given.
    package func latestMainRun(testbed: String? = nil) throws -> RunRecord? {
        try runs(RunQuery(testbed: testbed, purposes: [.main], limit: 1)).first
    }

    /// The baseline `name` of `testbed`, or nil.
    /// The baseline of exactly that name (its stored, composed form; Swift's `==` would also take
    /// another spelling of it that an older version stored beside it) in exactly that testbed.
    package func baseline(named name: String, testbed: String) throws -> BaselineRecord? {
        let name = BaselineName.normalized(name)
        return try baselines().first {
            $0.name.unicodeScalars.elementsEqual(name.unicodeScalars)
                && $0.testbed.unicodeScalars.elementsEqual(testbed.unicodeScalars)
        }
    }

    /// Runs newest first with the median of each of `keyMetrics`, their alert count and baselines.
    package func overviews(
        _ query: RunQuery = RunQuery(limit: 20),
        keyMetrics: [MetricID] = [Metric.creation.createStart.id, Metric.parallel.efficiency.id]
    ) throws -> [RunOverview] {
        let runs = try runs(query)
        let ids = runs.map(\.id)
        let figures = try keyMetrics.map { metric in (metric, try summaries(of: metric, runs: ids)) }
        // A list that counts alerts says nothing of a run whose decisions were deleted or moved.
        try checkDecisionChains(runs: ids)
        let alertCounts = try alertCounts(runs: ids)
        let baselines = Dictionary(grouping: try baselines(), by: \.runID)
        return runs.map { run in
            var keyFigures: [String: Double] = [:]
            for (metric, summaries) in figures {
                if let summary = summaries[run.id] { keyFigures[metric.rawValue] = summary.median }
            }
            return RunOverview(
                run: run, keyFigures: keyFigures, alertCount: alertCounts[run.id] ?? 0,
                baselines: (baselines[run.id] ?? []).map(\.name).sorted())
        }
    }

    /// One point per main run in `runs`, with the metric's summary when the run has it. Failed,
    /// aborted and running runs are points too, so that charts can show gaps.
    package func history(of metric: MetricID, runs: [RunRecord]) throws -> [HistoryPoint] {
        let summaries = try summaries(of: metric, runs: runs.map(\.id))
        return runs.map { run in
            HistoryPoint(
                runID: run.id, startedAt: run.startedAt, status: run.status, label: run.label,
                summary: summaries[run.id])
        }
    }
}
