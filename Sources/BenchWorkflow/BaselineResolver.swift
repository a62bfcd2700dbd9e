import BenchModel
import ResultsStore

/// Decides which stored runs a candidate is compared with, inside one read of the store.
///
/// A named baseline (or a run id) when one is asked for; otherwise, for a run gated before, the
/// baseline of its verdict (its latest standing decision) — a baseline file's stored content
/// included — and never "no baseline" instead; otherwise the baseline called `default`; otherwise
/// the latest completed run before the candidate whose verdict did not fail. With a window of K,
/// the last K completed runs before the candidate. A run that did not complete is never a baseline.
package struct BaselineResolver {
    package static let defaultName = "default"

    package let reader: any ResultsReader

    package init(_ reader: any ResultsReader) {
        self.reader = reader
    }

    /// The candidate run: an id, or `latest` (see ``choose(_:testbed:)``).
    package func candidate(_ text: String?, testbed: String = Testbed.defaultName) throws -> RunRecord {
        try choose(text, testbed: testbed).run
    }

    /// The baseline for `candidate`: `requested` is a baseline name, a run id, or `latest`; nil
    /// means the default policy. Returns nil when there is nothing to compare with yet.
    package func resolve(for candidate: RunRecord, requested: String? = nil, window: Int? = nil) throws -> Resolution? {
        try resolve(for: candidate, requested: requested, window: window, file: nil)
    }

    /// The baseline for `candidate`: a baseline file when one is given; otherwise as above, except
    /// that a run with a standing decision is compared, by default, with that decision's baseline —
    /// so that neither a later gate nor a view can turn its verdict into another without a
    /// baseline being named. When that baseline can no longer be compared with (its runs deleted,
    /// its file's content not kept here), this throws rather than fall back.
    package func resolve(for candidate: RunRecord, requested: String?, window: Int?, file: BaselineFileChoice?) throws
        -> Resolution?
    {
        if let file { return try Resolution.file(file, in: reader) }
        if requested == nil, window == nil, let verdict = try reader.decisions(run: candidate.id).verdict {
            switch try decidedBaseline(of: candidate, decision: verdict) {
            case .available(let resolution): return resolution
            case .gone(let why):
                throw ComparisonInputError.verdictBaselineGone(
                    run: candidate.id, baseline: verdict.baseline.label ?? verdict.baseline.kind, why: why)
            case .none: break
            }
        }
        if let window {
            let (runs, skipped) = try latestCleanRuns(before: candidate, count: window)
            guard !runs.isEmpty else {
                if skipped.isEmpty { return nil }
                throw ComparisonInputError.noCleanRunInWindow(run: candidate.id, skipped: skipped.map(\.id))
            }
            return Resolution(window: Array(runs.reversed()), skipped: skipped.map(\.id), testbed: candidate.testbed)
        }
        switch requested {
        case .some("latest"):
            return try reader.latestCompletedRun(before: candidate).map {
                Resolution(stored: "latest", runs: [$0], testbed: candidate.testbed)
            }
        case .some(let text) where Int64(text) != nil:
            let run = try reader.run(Int64(text)!)
            try Self.requireCompleted(run)
            return Resolution(stored: "run", runs: [run], testbed: candidate.testbed)
        case .some(let name):
            return try named(name, testbed: candidate.testbed)
        case .none:
            if try reader.baseline(named: Self.defaultName, testbed: candidate.testbed) != nil {
                return try named(Self.defaultName, testbed: candidate.testbed)
            }
            return try latestCleanRun(before: candidate).map {
                Resolution(stored: "fallback", runs: [$0], testbed: candidate.testbed)
            }
        }
    }

    /// The latest completed run before `candidate` that raised no alert and whose verdict did not
    /// fail otherwise (a metric missing): a run that lost its samples is no reference.
    func latestCleanRun(before candidate: RunRecord) throws -> RunRecord? {
        var before = candidate
        while true {
            let page = try reader.runs(.completedMainRuns(before: before, withoutAlerts: true, limit: 8))
            guard let last = page.last else { return nil }
            let verdicts = try reader.latestDecisions(runs: page.map(\.id))
            // A run measured on a busy host is no reference: every later run would look faster.
            let busy = try BusyRuns.busySpecs(of: page.map(\.id), in: reader)
            if let clean = page.first(where: { (verdicts[$0.id].map(\.passed) ?? true) && busy[$0.id] == nil }) {
                return clean
            }
            before = last
        }
    }

    /// The latest `count` completed runs before `candidate` whose verdict did not fail (as
    /// ``latestCleanRun(before:)`` takes one), newest first, and the completed runs passed over
    /// on the way because their verdict failed or they were measured on a busy host (``BusyRuns``):
    /// a window of runs that raised the same alert would make a regression the reference after a
    /// few nights.
    func latestCleanRuns(before candidate: RunRecord, count: Int) throws -> (runs: [RunRecord], skipped: [RunRecord]) {
        var clean: [RunRecord] = []
        var skipped: [RunRecord] = []
        var before = candidate
        while clean.count < count {
            let page = try reader.runs(.completedMainRuns(before: before, limit: max(count - clean.count, 8)))
            guard let last = page.last else { break }
            let verdicts = try reader.latestDecisions(runs: page.map(\.id))
            // A run measured on a busy host is no reference either: its timings are the host's.
            let busy = try BusyRuns.busySpecs(of: page.map(\.id), in: reader)
            for run in page where clean.count < count {
                // A run never gated is clean unless alerts were stored with it.
                let passed = try verdicts[run.id].map(\.passed) ?? reader.alerts(run: run.id).isEmpty
                if passed, busy[run.id] == nil { clean.append(run) } else { skipped.append(run) }
            }
            before = last
        }
        return (clean, skipped)
    }

    /// Checks, before anything is measured, that `requested` (a name, a run id or `latest`) can
    /// be a baseline of a run of `testbed`: a gate that would refuse it after minutes of
    /// measuring refuses it now (exit 2) and stores nothing.
    package func requireUsable(_ requested: String, testbed: String) throws {
        if requested == "latest" { return }
        if let id = Int64(requested) { return try Self.requireCompleted(try reader.run(id)) }
        guard let baseline = try reader.baseline(named: requested, testbed: testbed) else {
            throw StoreError.unknownBaseline(name: requested, testbed: testbed)
        }
        try Self.requireCompleted(try reader.run(baseline.runID))
    }

    /// The baseline `name` of the candidate's testbed.
    private func named(_ name: String, testbed: String) throws -> Resolution {
        guard let baseline = try reader.baseline(named: name, testbed: testbed) else {
            throw StoreError.unknownBaseline(name: name, testbed: testbed)
        }
        let run = try reader.run(baseline.runID)
        try Self.requireCompleted(run)
        return Resolution(stored: "named", runs: [run], name: name, testbed: testbed)
    }

    /// Throws ``ComparisonInputError/notCompleted(id:status:)`` unless `run` completed.
    static func requireCompleted(_ run: RunRecord) throws {
        guard run.status == .completed else {
            throw ComparisonInputError.notCompleted(id: run.id, status: run.status)
        }
    }
}
