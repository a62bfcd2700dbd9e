import BenchModel
import EngineInterface
import Foundation
import ResultsStore
import Sandbox

extension BenchmarkRun {
    /// Ends a run whose engine failed: it hung past a deadline, or it went away (stopped,
    /// restarted). A lost engine is waited for, a bounded time, so that the run's containers and
    /// volumes can be removed once it answers again; measurements that span two lives of an
    /// engine mean nothing, so the run is not resumed. The run is stored as `failed` with the
    /// reason; returns the error the run ends with (an environment failure, exit 3).
    func endAfterEngineFault(_ fault: DockerEngineError, sandbox: Sandbox, runID: Int64, results: [SpecResult]) async
        -> any Error
    {
        let done = "after \(results.count) of \(request.plan.specs.count) specs"
        let ending: any Error
        let reason: String
        if fault.isDeadline {
            // An engine that hangs answers the sweep no better: it gets a bounded try, and the
            // next run's reaper removes what is left.
            let swept = await sweep(
                sandbox, runID: runID, recorded: results,
                within: min(request.deadlines.call, Self.interruptedSweepLimit))
            ending = fault
            reason = "\(fault) The run was ended \(done)" + swept.clause(after: "the engine stopped answering") + "."
        } else {
            progress.warning(
                "the Docker engine went away (\(fault)); waiting up to \(Self.seconds(request.deadlines.call)) s for it to answer again"
            )
            let returned = await Self.waitForEngine(sandbox.engine, within: request.deadlines.call).map { back in
                // The outage began when a call first found the engine gone, not when this wait began.
                back - (sandbox.engine.firstUnreachable ?? back)
            }
            let swept = await sweep(sandbox, runID: runID, recorded: results)
            let lost = EngineLost(
                cause: fault, returnedAfter: returned.map(Self.seconds), waited: Self.seconds(request.deadlines.call),
                done: done)
            ending = lost
            reason =
                lost.description
                + (swept.left > 0 ? " \(swept.left) of its containers are left for the next run to remove." : "")
        }
        do {
            try await store.finishRun(runID, status: .failed, reason: reason)
        } catch {
            logger.info("could not store the failed run", metadata: ["run": "\(runID)", "error": "\(error)"])
        }
        return ending
    }

    /// Pings the engine until it answers, for at most `limit`; when it answered, or nil.
    static func waitForEngine(_ engine: any ContainerEngine, within limit: Duration) async -> ContinuousClock.Instant? {
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < limit, !Task.isCancelled {
            // The old daemon may still answer on a connection it had; the new one takes new ones.
            if engine.acceptsConnections(), (try? await engine.ping()) == true { return clock.now }
            try? await Task.sleep(for: .milliseconds(500))
        }
        return nil
    }

    static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds < 10 ? String(format: "%.1f", seconds) : String(Int(seconds.rounded()))
    }
}

/// The engine went away during a run: an environment failure (exit 3) that says so.
package struct EngineLost: CategorizedError, Sendable {
    package var cause: DockerEngineError
    /// Seconds from the first call that found the engine gone until it answered again; nil when
    /// it did not within `waited`.
    package var returnedAfter: String?
    package var waited: String
    /// How far the run got: "after 3 of 13 specs".
    package var done: String

    package var kind: FailureKind { .environment }

    package var description: String {
        let back =
            returnedAfter.map {
                "it answered again \($0) s after a call first found it gone, and the run's containers were removed"
            }
            ?? "it did not answer again within \(waited) s"
        let what =
            if case .daemonUnreachable(let socketPath, let reason) = cause {
                "The Docker engine on \(socketPath) went away during the run (\(reason))"
            } else {
                "The Docker engine went away during the run (\(cause))"
            }
        return
            "\(what); \(back). The run was ended \(done) and stored as failed: measurements across a restart of the engine would mean nothing."
    }
}
