import BenchModel
import Foundation
import Synchronization

/// Where a run reports what it is doing.
public protocol RunProgress: Sendable {
    func specStarted(_ spec: SpecName, iterations: Int)
    func iteration(spec: SpecName, done: Int, of total: Int)
    func specFinished(_ spec: SpecName, result: SpecResult)
    func message(_ text: String)
}

/// Reports nothing: for runs off a terminal, `--quiet`, and tests.
public struct SilentProgress: RunProgress {
    public init() {}
    public func specStarted(_ spec: SpecName, iterations: Int) {}
    public func iteration(spec: SpecName, done: Int, of total: Int) {}
    public func specFinished(_ spec: SpecName, result: SpecResult) {}
    public func message(_ text: String) {}
}

/// One updating line on a terminal's stderr: the spec, the iteration, the elapsed time.
public final class TerminalProgress: RunProgress {
    private struct State {
        var spec: SpecName?
        var lineShown = false
    }

    private let state = Mutex(State())
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    public init() {
        started = clock.now
    }

    private var elapsed: String {
        let seconds = (clock.now - started).components.seconds
        return String(format: "%d:%02d", seconds / 60, seconds % 60)
    }

    public func specStarted(_ spec: SpecName, iterations: Int) {
        state.withLock { $0.spec = spec }
        show("\(spec.rawValue) 0/\(iterations)")
    }

    public func iteration(spec: SpecName, done: Int, of total: Int) {
        show("\(spec.rawValue) \(done)/\(total)")
    }

    public func specFinished(_ spec: SpecName, result: SpecResult) {
        let failures = result.failures.isEmpty ? "" : ", \(result.failures.count) failed"
        finishLine("✓ \(spec.rawValue): \(result.samples.count) samples\(failures) in \(String(format: "%.1f", result.wallSeconds)) s")
    }

    public func message(_ text: String) {
        finishLine(text)
    }

    private func show(_ text: String) {
        write("\r\u{1B}[2K[\(elapsed)] \(text)")
        state.withLock { $0.lineShown = true }
    }

    private func finishLine(_ text: String) {
        write("\r\u{1B}[2K[\(elapsed)] \(text)\n")
        state.withLock { $0.lineShown = false }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
