import BenchModel

/// Where a run reports what it is doing.
package protocol RunProgress: Sendable {
    func specStarted(_ spec: SpecName, iterations: Int)
    func iteration(spec: SpecName, done: Int, of total: Int)
    func specFinished(_ spec: SpecName, result: SpecResult)
    /// Something worth saying on a terminal ("pulling the image").
    func message(_ text: String)
    /// Something wrong that does not stop the run; shown even off a terminal and with `--quiet`.
    func warning(_ text: String)
    /// A problem that does not stop the run, as the error that says what happened; the command
    /// line adds what to do about it.
    func warning(_ problem: any Error)
}

extension RunProgress {
    package func warning(_ problem: any Error) { warning("\(problem)") }
}

/// Reports nothing: for runs off a terminal, `--quiet`, and tests.
package struct SilentProgress: RunProgress {
    package init() {}
    package func specStarted(_ spec: SpecName, iterations: Int) {}
    package func iteration(spec: SpecName, done: Int, of total: Int) {}
    package func specFinished(_ spec: SpecName, result: SpecResult) {}
    package func message(_ text: String) {}
    package func warning(_ text: String) {}
    package func warning(_ problem: any Error) {}
}
