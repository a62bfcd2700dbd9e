import Foundation

/// How many CPUs and how much memory the host the sandboxes run on has: a limit at or above it
/// limits nothing (`--cpus 2` on a 2-core host, `--memory 1000g` on a 23 GB one), which is how the
/// isolation standard judges the limits in force (``IsolationAssessment``).
package struct HostCapacity: Sendable, Hashable {
    package var cpus: Int
    package var memoryBytes: Int64

    package init(cpus: Int, memoryBytes: Int64) {
        self.cpus = cpus
        self.memoryBytes = memoryBytes
    }

    /// This machine, whose engine the tool reaches over a Unix socket.
    package static var thisMachine: HostCapacity {
        HostCapacity(
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: Int64(clamping: ProcessInfo.processInfo.physicalMemory))
    }
}
