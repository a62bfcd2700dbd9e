import BenchWorkflow
import Foundation
import TestSupport
import Testing

@Suite struct RunLockTests {
    @Test func aSecondHolderIsRefusedWithTheFirstHoldersPid() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        let first = try RunLock(path: path)
        #expect(throws: RunLockError.held(path: path, pid: ProcessInfo.processInfo.processIdentifier)) {
            _ = try RunLock(path: path)
        }
        let message = RunLockError.held(path: path, pid: 42).description
        #expect(message.contains("process 42") && message.contains(path))
        withExtendedLifetime(first) {}
    }

    @Test func releasingTheLockLetsTheNextRunTakeIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run.lock")
        do { _ = try RunLock(path: path) }
        let second = try RunLock(path: path)
        withExtendedLifetime(second) {}
    }

    /// The sentence is neutral; the command line adds which variable to set (see the end-to-end tests).
    @Test func anUnusablePathSaysWhatHappened() {
        #expect(throws: RunLockError.self) { _ = try RunLock(path: "/proc/sandbox-bench.lock") }
        #expect(
            RunLockError.unusable(path: "/x", reason: "denied").description
                == "The run lock /x cannot be used (denied).")
    }
}
