import BenchModel

/// What the suite knows of its specs: which of them the original pytest suite ran, and what each does.
extension SpecName {
    /// The original pytest suite's nine benchmarks (its test methods), in its order; the rest go beyond it.
    package static let original: [SpecName] = [
        .creation, .overheadSimple, .overheadCompute, .parallel, .cleanup, .cleanupAll, .e2e, .memoryLimit, .seccomp,
    ]

    /// One line for `--help` and the summary.
    package var summary: String {
        switch self {
        case .creation: return "create + start of a sandbox container"
        case .overheadSimple: return "sandbox vs. a fresh host interpreter, print('hello')"
        case .overheadCompute: return "sandbox vs. a fresh host interpreter, a sum of squares"
        case .overheadPandas: return "sandbox vs. a fresh host interpreter, a small pandas frame"
        case .parallel: return "5 sandboxes at once vs. one after another"
        case .cleanup: return "removal latency of each container"
        case .cleanupAll: return "removal of 5 live containers together"
        case .e2e: return "full cycle create → run → logs → remove"
        case .memoryLimit: return "full cycle at 512m, 1g and 2g memory limits"
        case .seccomp: return "full cycle with Docker's default seccomp profile, unconfined, and a profile file"
        case .warm: return "code run repeatedly in one running sandbox (exec) vs. the host interpreter"
        case .scaling: return "efficiency at 1, 2, 5 and 10 simultaneous sandboxes"
        case .security: return "isolation probes from inside a sandbox (violations must be 0)"
        }
    }
}
