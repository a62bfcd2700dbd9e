import BenchModel

/// A spec produced no valid sample: the run is stored as `failed` and the command exits 4.
public struct SuiteFailure: CategorizedError {
    public var runID: Int64
    public var specs: [String]

    public init(runID: Int64, specs: [String]) {
        self.runID = runID
        self.specs = specs
    }

    public var kind: FailureKind { .suiteFailure }

    public var description: String {
        "Run \(runID) failed: no valid samples from \(specs.joined(separator: ", ")); `sandbox-bench runs show \(runID)` lists each failure with the container's output."
    }
}
