import BenchModel
import BenchSuite
import CommandLineSupport
import Foundation

/// Off a terminal, or with `--quiet`: no progress, only warnings, one line each on stderr.
struct WarningsOnlyProgress: RunProgress {
    init() {}
    func specStarted(_ spec: SpecName, iterations: Int) {}
    func iteration(spec: SpecName, done: Int, of total: Int) {}
    func specFinished(_ spec: SpecName, result: SpecResult) {}
    func message(_ text: String) {}
    func warning(_ text: String) {
        FailureReport.warn(text)
    }

    func warning(_ problem: any Error) {
        warning(ErrorAdvice.sentence(for: problem))
    }
}

/// Progress on a terminal's stderr: one updating line (the spec, the iteration, the elapsed
/// time) where the terminal takes escape sequences; where it does not (``TerminalKind/plain``),
/// a line per spec started and finished, with no escape sequence at all.
final class TerminalProgress: RunProgress {
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let escapes: Bool

    init(escapes: Bool) {
        started = clock.now
        self.escapes = escapes
    }

    /// The progress for stderr: none off a terminal or with `quiet`, only warnings then.
    static func forStandardError(quiet: Bool) -> any RunProgress {
        switch TerminalKind.ofStandardError() {
        case _ where quiet, .none: WarningsOnlyProgress()
        case .plain: TerminalProgress(escapes: false)
        case .ansi: TerminalProgress(escapes: true)
        }
    }

    private var elapsed: String {
        let seconds = (clock.now - started).components.seconds
        return String(format: "%d:%02d", seconds / 60, seconds % 60)
    }

    func specStarted(_ spec: SpecName, iterations: Int) {
        if escapes {
            show("\(spec.rawValue) 0/\(iterations)")
        } else {
            finishLine("\(spec.rawValue): \(iterations) iterations")
        }
    }

    func iteration(spec: SpecName, done: Int, of total: Int) {
        if escapes { show("\(spec.rawValue) \(done)/\(total)") }
    }

    func specFinished(_ spec: SpecName, result: SpecResult) {
        let failures = result.failures.isEmpty ? "" : ", \(result.failures.count) failed"
        finishLine(
            "✓ \(spec.rawValue): \(result.samples.count) samples\(failures) in \(String(format: "%.1f", result.wallSeconds)) s"
        )
    }

    func message(_ text: String) {
        finishLine(text)
    }

    func warning(_ text: String) {
        finishLine("warning: \(text)")
    }

    func warning(_ problem: any Error) {
        warning(ErrorAdvice.sentence(for: problem))
    }

    // The text is escaped; the only control sequence written is this line's own erase, and only
    // where the terminal takes escape sequences.
    private func show(_ text: String) {
        write("\r\u{1B}[2K[\(elapsed)] \(TerminalSafe.inline(text))")
    }

    private func finishLine(_ text: String) {
        write((escapes ? "\r\u{1B}[2K" : "") + "[\(elapsed)] \(TerminalSafe.inline(text))\n")
    }

    private func write(_ text: String) {
        StandardError.write(text)
    }
}
