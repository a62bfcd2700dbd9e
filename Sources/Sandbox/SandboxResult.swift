import BenchModel

/// What happened to one piece of code in one sandbox container.
package struct SandboxResult: Sendable {
    /// The name sandbox-bench gave the container (`sandbox-bench-…`); removal uses it, so a
    /// container whose create answer was lost is still found.
    package var containerName: String
    package var containerID: String?
    package var exitCode: Int?
    package var stdout: String = ""
    package var stderr: String = ""
    /// True when output beyond the capture limit was dropped.
    package var outputTruncated = false
    package var oomKilled = false
    package var timedOut = false
    /// Seconds per lifecycle phase. `create` includes delivering the code into the container.
    package var phases = PhaseTimings()
    /// Seconds from the start of the create to the end of the removal: the phases, timed one
    /// after another within it, cannot sum to more.
    package var wallSeconds: Double = 0
    /// Why the code did not run to an exit status (create, start, wait or logs failed), or nil.
    package var failure: String?
    package var removal = ContainerRemoval.Outcome.notAttempted

    package init(containerName: String) {
        self.containerName = containerName
    }

    /// The code ran to completion and exited 0, and nothing went wrong on the way.
    package var succeeded: Bool { failure == nil && exitCode == 0 && !timedOut && !oomKilled }

    /// A one-line account of a run that did not succeed, for failure records.
    package var failureReason: String? {
        if let failure { return failure }
        if timedOut { return "timed out and was killed" }
        if oomKilled { return "killed by the kernel for exceeding the memory limit (OOM)" }
        if let exitCode, exitCode != 0 { return "exited with status \(exitCode)" }
        return nil
    }

    /// Stdout then stderr, for failure records.
    package var combinedOutput: String {
        switch (stdout.isEmpty, stderr.isEmpty) {
        case (_, true): return stdout
        case (true, false): return stderr
        case (false, false): return stdout + "\n" + stderr
        }
    }

    /// The container as the results database records it.
    package var containerRecord: ContainerRecord? {
        guard let containerID else { return nil }
        return ContainerRecord(id: containerID, iteration: 0, removed: removal.removed, removalError: removal.error)
    }
}
