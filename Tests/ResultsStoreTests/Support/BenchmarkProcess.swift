import Foundation
import Synchronization
import TestSupport

/// The `store-benchmark` executable built next to the test bundle, started as a separate
/// process (the package makes this test target depend on it, so it is built).
// Process is not Sendable; this object starts it once and afterwards only reads its state
// and signals it, which Foundation allows from any thread. The output buffers are mutex-guarded.
final class BenchmarkProcess: @unchecked Sendable {
    struct Finished: Equatable {
        var runID: Int64
        var status: String
        var samples: Int
    }

    private let process: Process
    private let output = Mutex(Data())
    private let errors = Mutex(Data())
    private let drained = DispatchGroup()

    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try BuiltBinary.locate("store-benchmark").url
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        drain(stdout.fileHandleForReading) { chunk in self.output.withLock { $0.append(chunk) } }
        drain(stderr.fileHandleForReading) { chunk in self.errors.withLock { $0.append(chunk) } }
    }

    private func drain(_ handle: FileHandle, _ append: @escaping @Sendable (Data) -> Void) {
        drained.enter()
        let group = drained
        Thread.detachNewThread {
            while case let chunk = handle.availableData, !chunk.isEmpty {
                append(chunk)
            }
            group.leave()
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// The runs the process reported as finished so far (it reports a run after its last commit).
    var finishedRuns: [Finished] {
        let text = output.withLock { String(decoding: $0, as: UTF8.self) }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 4, fields[0] == "finished", let id = Int64(fields[1]),
                let samples = Int(fields[3].dropFirst("samples=".count))
            else { return nil }
            return Finished(runID: id, status: String(fields[2]), samples: samples)
        }
    }

    var standardError: String { errors.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Waits until the process has reported `count` finished runs, or has exited.
    func waitForFinishedRuns(_ count: Int) {
        while finishedRuns.count < count && process.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit (and be reaped) and for its output to be read; returns its exit status.
    @discardableResult
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        drained.wait()
        return process.terminationStatus
    }

    var terminationReason: Process.TerminationReason { process.terminationReason }
}
