import BenchModel

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
