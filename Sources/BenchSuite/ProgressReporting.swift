import BenchModel
import Foundation

/// Where a run reports what it is doing.
public protocol RunProgress: Sendable {
    func specStarted(_ spec: SpecName, iterations: Int)
    func iteration(spec: SpecName, done: Int, of total: Int)
    func specFinished(_ spec: SpecName, result: SpecResult)
    /// Something worth saying on a terminal ("pulling the image").
    func message(_ text: String)
    /// Something wrong that does not stop the run; shown even off a terminal and with `--quiet`.
    func warning(_ text: String)
}

/// Reports nothing: for runs off a terminal, `--quiet`, and tests.
public struct SilentProgress: RunProgress {
    public init() {}
    public func specStarted(_ spec: SpecName, iterations: Int) {}
    public func iteration(spec: SpecName, done: Int, of total: Int) {}
    public func specFinished(_ spec: SpecName, result: SpecResult) {}
    public func message(_ text: String) {}
    public func warning(_ text: String) {}
}

/// Off a terminal, or with `--quiet`: no progress, only warnings, one line each on stderr.
public struct WarningsOnlyProgress: RunProgress {
    public init() {}
    public func specStarted(_ spec: SpecName, iterations: Int) {}
    public func iteration(spec: SpecName, done: Int, of total: Int) {}
    public func specFinished(_ spec: SpecName, result: SpecResult) {}
    public func message(_ text: String) {}
    public func warning(_ text: String) {
        FileHandle.standardError.write(Data("sandbox-bench: warning: \(text)\n".utf8))
    }
}

/// One updating line on a terminal's stderr: the spec, the iteration, the elapsed time.
public final class TerminalProgress: RunProgress {
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

    public func warning(_ text: String) {
        finishLine("warning: \(text)")
    }

    private func show(_ text: String) {
        write("\r\u{1B}[2K[\(elapsed)] \(text)")
    }

    private func finishLine(_ text: String) {
        write("\r\u{1B}[2K[\(elapsed)] \(text)\n")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
