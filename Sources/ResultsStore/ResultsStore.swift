import BenchModel
import Foundation

/// Where runs are kept: every run, sample, baseline and alert. A backend (SQLite, the embedded
/// default; a server database for a fleet) implements this protocol and ``ResultsReader``; the
/// workflow and the reports use nothing else.
///
/// Every write is one transaction: all of it is stored, or none of it. Every call runs off the
/// cooperative thread pool, so a write between two specs never holds a thread the measurements need.
package protocol ResultsStore: Sendable {
    /// How messages name the store: a file path, or a URL without its password.
    var displayName: String { get }

    /// Runs `body` on one consistent snapshot: everything it reads belongs to the same moment,
    /// even while another process writes a run.
    func read<T: Sendable>(_ body: @escaping @Sendable (any ResultsReader) throws -> T) async throws -> T

    /// Stores a new run as `running`, owned by this process, and returns its id.
    func beginRun(_ run: NewRun) async throws -> Int64
    /// Stores what the run ran on; a second call for the same run replaces the first.
    func recordEnvironment(_ environment: EnvironmentFingerprint, for runID: Int64) async throws
    /// Stores everything one spec produced: raw samples with their phases, a summary per metric,
    /// checks, failures, notes, containers and the spec's wall time. A sample whose value is not a
    /// finite number is kept as a failure of its iteration instead.
    func recordSpec(_ spec: SpecResult, for runID: Int64, recordedAt: Date) async throws
    /// Closes a running run as completed, failed or aborted.
    func finishRun(_ runID: Int64, status: RunStatus, reason: String?, endedAt: Date) async throws

    /// Deletes a run and everything recorded for it; refuses a baseline's run or a live running
    /// run unless `force` (which also removes its baselines).
    func deleteRun(_ runID: Int64, force: Bool) async throws
    /// Deletes the runs started more than `keepDays` days before `now`, except baselines' runs and
    /// running runs; with `dryRun`, only says which.
    /// Deletes the runs (of `testbed`, or of every testbed) started more than `keepDays` ago, but
    /// not one a baseline points to or a stored decision of a run that stays compared with.
    func prune(keepDays: Int, now: Date, dryRun: Bool, testbed: String?) async throws -> PruneOutcome

    /// Points the baseline `name` of the run's testbed at a completed run, creating it or moving it.
    func setBaseline(name: String, run runID: Int64, note: String?, createdAt: Date) async throws
    /// Removes the baseline `name` of `testbed`; its run stays.
    func removeBaseline(named name: String, testbed: String) async throws

    /// Stores one gate evaluation of a run and the alerts that stood in it, with the content of
    /// the baseline file it compared with (kept once per SHA-256). Earlier decisions are kept; a
    /// standing decision becomes the run's verdict and the run's alerts become these, while a
    /// one-off (`standing` false) leaves the verdict and its alerts as they are. Returns the
    /// decision's id.
    @discardableResult
    func recordDecision(_ decision: DecisionRecord, alerts: [AlertRecord], baselineFile: StoredBaselineFile?)
        async throws -> Int64

    /// Stores a finished run as it is (its UUID, testbed, times, status, samples, decisions), idempotent
    /// by UUID: a run already present is left as it is. A confirmation run's parent is found by
    /// UUID; when this store does not hold it, the run is stored without one.
    func importRun(_ run: PortableRun) async throws -> ImportOutcome

    /// Brings the decisions of `run` that the store's run `runID` (the same run, by UUID) lacks:
    /// in one transaction, compares its decisions with `run`'s (``DecisionCatchUp``) and, when it
    /// holds the first of them, adds the later ones — each sealed anew here — with the content of
    /// the baseline files in `baselineFiles` (kept once per SHA-256, in every case); when one of
    /// them stands, the run's alerts become `run`'s, its verdict's. Returns what it found; a
    /// diverged run is left as it is.
    func catchUpDecisions(of run: PortableRun, baselineFiles: [StoredBaselineFile], into runID: Int64)
        async throws -> DecisionCatchUp

    /// Refuses (`StoreError.foreignSchemaObject`) a database whose tables carry triggers, rules,
    /// row-level security or views sandbox-bench did not create, or whose tables it defines
    /// otherwise: what it stores or reads could differ from what was written. Opening a store for
    /// writing does this before anything is written; a command that judges runs from a store it
    /// opened read-only (`diff`, `report`) calls it.
    func auditSchema() async throws

    /// Releases connections; the store is not used afterwards.
    func close() async

    /// The database now at this store's location, opened afresh for writing, after this store
    /// found its file deleted or replaced (`StoreError.databaseReplaced`): nil when there is none
    /// there, or for a backend whose location cannot change under it.
    func reopened() async throws -> (any ResultsStore)?
}

extension ResultsStore {
    package func reopened() async throws -> (any ResultsStore)? { nil }
}

extension ResultsStore {
    package func recordSpec(_ spec: SpecResult, for runID: Int64) async throws {
        try await recordSpec(spec, for: runID, recordedAt: Date())
    }

    package func finishRun(_ runID: Int64, status: RunStatus, reason: String? = nil) async throws {
        try await finishRun(runID, status: status, reason: reason, endedAt: Date())
    }

    package func deleteRun(_ runID: Int64) async throws {
        try await deleteRun(runID, force: false)
    }

    package func prune(keepDays: Int, now: Date = Date(), testbed: String? = nil) async throws -> PruneOutcome {
        try await prune(keepDays: keepDays, now: now, dryRun: false, testbed: testbed)
    }

    package func prune(keepDays: Int, now: Date, dryRun: Bool) async throws -> PruneOutcome {
        try await prune(keepDays: keepDays, now: now, dryRun: dryRun, testbed: nil)
    }

    /// Stores a decision that compared with no baseline file.
    @discardableResult
    package func recordDecision(_ decision: DecisionRecord, alerts: [AlertRecord]) async throws -> Int64 {
        try await recordDecision(decision, alerts: alerts, baselineFile: nil)
    }

    package func setBaseline(name: String, run runID: Int64, note: String? = nil) async throws {
        try await setBaseline(name: name, run: runID, note: note, createdAt: Date())
    }

    /// The run with `id`; throws `StoreError.unknownRun` when there is none.
    package func run(_ id: Int64) async throws -> RunRecord {
        try await read { try $0.run(id) }
    }
}

/// Read queries on one snapshot of a store (see ``ResultsStore/read(_:)``). Synchronous: a
/// backend runs the whole body off the cooperative pool, inside one read transaction.
package protocol ResultsReader {
    /// The run with `id`; throws `StoreError.unknownRun` when there is none.
    func run(_ id: Int64) throws -> RunRecord
    /// The runs `query` selects, in its order.
    func runs(_ query: RunQuery) throws -> [RunRecord]
    /// The raw samples of a run with their phases, optionally of one metric, in spec, metric and iteration order.
    func samples(run runID: Int64, metric: MetricID?) throws -> [RecordedSample]
    /// The raw samples of `metric` in each of `runs` that has some, each run's in iteration order:
    /// a history's samples in one query where round trips cost (a default reads run by run).
    func samples(of metric: MetricID, runs: [Int64]) throws -> [Int64: [RecordedSample]]
    /// The summary of every metric of a run, in metric name order.
    func summaries(run runID: Int64) throws -> [MetricSummary]
    /// The summary of `metric` in each of `runs` that has one.
    func summaries(of metric: MetricID, runs: [Int64]) throws -> [Int64: MetricSummary]
    /// The specs of a run in the order they were recorded, with their wall time.
    func specRecords(run runID: Int64) throws -> [SpecRecord]
    func checks(run runID: Int64) throws -> [RecordedCheck]
    func failures(run runID: Int64) throws -> [RecordedFailure]
    func notes(run runID: Int64) throws -> [RecordedNote]
    func containers(run runID: Int64) throws -> [RecordedContainer]
    /// What a run ran on, or nil when it was not recorded (the engine was unreachable).
    func environment(run runID: Int64) throws -> EnvironmentFingerprint?
    /// The run with `uuid`, or nil when this store does not hold it.
    func run(uuid: UUID) throws -> RunRecord?
    /// Every testbed with a stored run, in name order.
    func testbeds() throws -> [String]
    /// Every baseline of every testbed, by testbed and name.
    func baselines() throws -> [BaselineRecord]
    /// The gate decisions of a run, oldest first, one-offs included; the latest standing one is
    /// the run's verdict (``Swift/Array/verdict``).
    func decisions(run runID: Int64) throws -> [DecisionRecord]
    /// The verdict of each of `runs` that was gated: its latest standing decision.
    func latestDecisions(runs: [Int64]) throws -> [Int64: DecisionRecord]
    /// Throws ``StoreError/damaged(store:message:)`` when a run's decisions are not those its head
    /// seals (`DecisionChain`): for a reader of alerts that reads no decision itself.
    func checkDecisionChains(runs: [Int64]) throws
    /// The content of a baseline file a decision compared with, by its `sha256:<hex>`; nil when
    /// this store does not keep it (a decision copied from another store, or stored by an earlier
    /// sandbox-bench, which kept no content).
    func baselineFile(sha256: String) throws -> StoredBaselineFile?
    /// The alerts stored for a run, in the order the gate reported them.
    func alerts(run runID: Int64) throws -> [AlertRecord]
    /// The number of alerts stored for each of `runs` (runs without alerts are absent).
    func alertCounts(runs: [Int64]) throws -> [Int64: Int]
}

/// A spec of a stored run.
package struct SpecRecord: Sendable, Codable, Hashable {
    package var spec: String
    package var wallSeconds: Double

    package init(spec: String, wallSeconds: Double) {
        self.spec = spec
        self.wallSeconds = wallSeconds
    }
}
