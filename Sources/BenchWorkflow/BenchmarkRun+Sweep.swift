import BenchModel
import BenchSuite
import EngineInterface
import Foundation
import Logging
import ResultsStore
import Sandbox
import Synchronization

extension BenchmarkRun {
    /// How long the clean-up after an interruption may take, so that the run is stored as aborted
    /// well within the command's own limit after a signal.
    static let interruptedSweepLimit: Duration = .seconds(12)

    /// How long the sweep waits for creates still in flight, and for containers whose create
    /// returned without an answer to show up: the engine may make them late.
    static let settleLimit: Duration = .seconds(10)

    /// Removes what is left of this run's containers and code volumes, records how many
    /// containers there were as `run.leftover_containers`, and records every container the
    /// sandbox created that no spec recorded (a create that failed half-way, a start that hung).
    /// Runs in a task of its own: it must happen even when the run was cancelled. Within
    /// `limit`, when given: what the sweep found by then is stored, and the rest is left to the
    /// next run's reaper. Without `storing`, the containers are removed and nothing is stored: the
    /// store can no longer take the run (it was deleted, its file replaced, its server gone).
    func sweep(
        _ sandbox: Sandbox, runID: Int64, recorded results: [SpecResult], within limit: Duration? = nil,
        storing: Bool = true
    ) async -> SweepOutcome {
        let findings = SweepFindings()
        let settle = min(request.deadlines.call, Self.settleLimit)
        let work = Task { await Self.sweepEngine(sandbox, into: findings, settle: settle, logger: logger) }
        if let limit {
            _ = try? await Deadline.run(
                within: limit, followsCancellation: false, expired: { CancellationError() }, { await work.value })
            // What is not done by now is the next run's: the engine's client is about to shut down.
            work.cancel()
        } else {
            await work.value
        }
        let found = findings.snapshot
        let recorded = Set(results.flatMap { $0.containers.map(\.id) })
        // When the engine could not say what is left, the run's own account of its containers
        // does: every one not known to be removed counts as left behind, never zero by default.
        let unaccounted = found.listed ? [] : sandbox.ledger.all.filter { $0.removal?.removed != true }
        // A create that got no answer and whose container the engine did not list: not known to
        // be absent, so counted as left — the engine may make it after the run.
        let listedNames = Set(
            found.containers.flatMap { $0.names ?? [] }.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 })
        let unanswered = found.listed ? sandbox.ledger.unansweredCreates.filter { !listedNames.contains($0) } : []
        var result = SpecResult(
            spec: RunMetrics.spec,
            samples: [
                Sample(
                    metric: Metric.run.leftoverContainers.id, iteration: 0,
                    value: Double(found.containers.count + unaccounted.count + unanswered.count))
            ])
        // The run's host load: made from its specs' kept iterations, stored with its own metrics.
        result.samples += HostLoadSummary.samples(of: results)
        for name in unanswered {
            result.failures.append(
                SampleFailure(
                    metric: Metric.run.leftoverContainers.id, iteration: 0,
                    reason:
                        "the create of container \(name) got no answer from the engine and the container was not on it "
                        + "when the final sweep ended; the engine may still make it, and the next run removes it"))
        }
        if !found.listed {
            result.failures.append(
                SampleFailure(
                    metric: Metric.run.leftoverContainers.id, iteration: 0,
                    reason:
                        "the final sweep could not list the run's containers (\(found.listingError ?? "no answer in time")); "
                        + "\(unaccounted.count) of the \(sandbox.ledger.all.count) containers the run created are not known to be removed"
                ))
        }
        for container in found.containers {
            let outcome = found.removals[container.id]
            result.containers.append(
                ContainerRecord(
                    id: container.id, iteration: 0, removed: outcome?.removed ?? false,
                    removalError: outcome?.error ?? "not removed in time"))
            let spec = container.labels?[SandboxLabel.spec] ?? "unknown spec"
            let fate =
                outcome?.removed == true
                ? "removed by the final sweep"
                : "the final sweep could not remove it either (\(outcome?.error ?? "no answer in time")); the next run removes it"
            result.failures.append(
                SampleFailure(
                    metric: Metric.run.leftoverContainers.id, iteration: 0,
                    reason:
                        "container \(container.id.prefix(12)) (\(spec)) was still on the engine after the run; \(fate)")
            )
        }
        let swept = Set(found.containers.map(\.id))
        for entry in sandbox.ledger.all where !recorded.contains(entry.id) && !swept.contains(entry.id) {
            result.containers.append(
                ContainerRecord(
                    id: entry.id, iteration: 0, removed: entry.removal?.removed ?? false,
                    removalError: entry.removal?.error))
        }
        if !found.removedVolumes.isEmpty {
            result.notes.append(
                "The final sweep removed \(found.removedVolumes.count) code volumes whose containers were never created in full."
            )
        }
        if !found.unclaimedVolumes.isEmpty {
            result.notes.append(
                "\(found.unclaimedVolumes.count) unused volumes without labels were made on the engine during the run, "
                    + "more than the \(sandbox.ledger.cutShortCreates.count) creates the engine cut short could have made; "
                    + "not provably the run's, they were left: "
                    + found.unclaimedVolumes.map { String($0.prefix(12)) }.joined(separator: ", ") + ".")
        }
        for (name, reason) in found.failedVolumes {
            result.notes.append(
                "The code volume \(name.prefix(12)) could not be removed (\(reason)); the next run removes it.")
        }
        // Not stored is not lost silently: the run's read-back counts the sweep's result too.
        var stored = false
        if storing {
            do {
                try await store.recordSpec(result, for: runID)
                stored = true
            } catch {
                logger.info("could not store the final container sweep", metadata: ["error": "\(error)"])
            }
        }
        let removed = found.removals.values.filter(\.removed).count
        return SweepOutcome(
            found: found.containers.count + unaccounted.count + unanswered.count,
            left: found.containers.count - removed + unaccounted.count + unanswered.count, result: result,
            stored: stored)
    }

    private static func sweepEngine(
        _ sandbox: Sandbox, into findings: SweepFindings, settle: Duration, logger: Logger
    ) async {
        let reaper = SandboxReaper(engine: sandbox.engine)
        let clock = ContinuousClock()
        let start = clock.now
        // Creates still in flight settle first, so that what they make is listed.
        while sandbox.ledger.createsInFlight > 0, clock.now - start < settle, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
        do {
            var left = try await reaper.containers(ofRun: sandbox.runID, createdBy: sandbox.creator)
            findings.update {
                $0.containers = left
                $0.listed = true
            }
            await remove(left, of: sandbox, into: findings)
            // A create that got no answer may make its container late: looked for until the bound,
            // and removed when it shows up.
            while Self.missing(sandbox.ledger.unansweredCreates, from: left), clock.now - start < settle,
                !Task.isCancelled
            {
                try await Task.sleep(for: .milliseconds(500))
                let known = Set(left.map(\.id))
                let late = try await reaper.containers(ofRun: sandbox.runID, createdBy: sandbox.creator)
                    .filter { !known.contains($0.id) }
                left += late
                findings.update { $0.containers += late }
                await remove(late, of: sandbox, into: findings)
            }
        } catch {
            findings.update { $0.listingError = "\(error)" }
            if !Task.isCancelled {
                logger.info(
                    "could not list the run's containers after the run; the next run reaps them",
                    metadata: ["error": "\(error)"])
            }
        }
        guard !Task.isCancelled else { return }
        do {
            // Only volumes no container uses: a removed container took its own volume with it.
            for volume in try await reaper.danglingVolumes(ofRun: sandbox.runID, createdBy: sandbox.creator) {
                do {
                    try await sandbox.engine.removeVolume(volume.name)
                    findings.update { $0.removedVolumes.append(volume.name) }
                } catch {
                    findings.update { $0.failedVolumes.append((volume.name, "\(error)")) }
                }
            }
        } catch let error where !Task.isCancelled {
            logger.info(
                "could not list the run's volumes after the run; the next run reaps them",
                metadata: ["error": "\(error)"])
        } catch {
            // Given up: the sweep's time was up.
        }
        for name in sandbox.ledger.halfCreatedVolumes where !Task.isCancelled {
            do {
                if try await sandbox.engine.removeVolume(name) { findings.update { $0.removedVolumes.append(name) } }
            } catch {
                findings.update { $0.failedVolumes.append((name, "\(error)")) }
            }
        }
        guard !Task.isCancelled else { return }
        do {
            let (ours, ambiguous) = try await reaper.volumesOfCutShortCreates(sandbox.ledger.cutShortCreates)
            findings.update { $0.unclaimedVolumes = ambiguous }
            for name in ours where !Task.isCancelled {
                do {
                    if try await sandbox.engine.removeVolume(name) {
                        findings.update { $0.removedVolumes.append(name) }
                    }
                } catch {
                    findings.update { $0.failedVolumes.append((name, "\(error)")) }
                }
            }
        } catch let error where !Task.isCancelled {
            logger.info(
                "could not look for volumes that creates cut short left; remove unused unlabelled volumes by hand",
                metadata: ["error": "\(error)"])
        } catch {
            // Given up: the sweep's time was up.
        }
    }
}

extension BenchmarkRun {
    private static func remove(_ containers: [ContainerSummary], of sandbox: Sandbox, into findings: SweepFindings)
        async
    {
        await withTaskGroup(of: Void.self) { group in
            for container in containers {
                group.addTask {
                    let outcome = await sandbox.remove(container.id)
                    findings.update { $0.removals[container.id] = outcome }
                }
            }
        }
    }

    /// True when a container named in `names` is not among `containers`.
    static func missing(_ names: [String], from containers: [ContainerSummary]) -> Bool {
        let listed = Set(containers.flatMap { $0.names ?? [] })
        return names.contains { !listed.contains("/" + $0) && !listed.contains($0) }
    }
}

/// Containers a sweep found still on the engine, and how many of them it could not remove.
struct SweepOutcome {
    var found: Int
    var left: Int
    /// What the sweep handed to the store (the `run` spec: leftovers and their failures).
    var result: SpecResult
    /// True when the store took it.
    var stored: Bool

    /// "; 2 containers were removed after the interruption, 1 is left for the next run", or nothing.
    func clause(after event: String) -> String {
        guard found > 0 else { return "" }
        let removed = found - left
        var parts: [String] = []
        if removed > 0 { parts.append("\(removed) containers were removed after \(event)") }
        if left > 0 { parts.append("\(left) containers are left on the engine for the next run to remove") }
        return "; " + parts.joined(separator: ", ")
    }
}

/// What a sweep found and did so far: read when it ends, or when its time is up.
private final class SweepFindings: Sendable {
    struct State: Sendable {
        var containers: [ContainerSummary] = []
        /// True once the engine listed the run's containers.
        var listed = false
        var listingError: String?
        var removals: [String: ContainerRemoval.Outcome] = [:]
        var removedVolumes: [String] = []
        var failedVolumes: [(String, String)] = []
        /// Unlabelled volumes made during the run, more than its cut-short creates could have made: left.
        var unclaimedVolumes: [String] = []
    }

    private let state = Mutex(State())

    func update(_ change: (inout State) -> Void) {
        state.withLock { change(&$0) }
    }

    var snapshot: State { state.withLock { $0 } }
}
