import BenchModel

/// A spec produced no valid sample: the run is stored as `failed` and the command exits 4.
package struct SuiteFailure: CategorizedError, Sendable, Equatable {
    package var runID: Int64
    package var specs: [String]

    package init(runID: Int64, specs: [String]) {
        self.runID = runID
        self.specs = specs
    }

    package var kind: FailureKind { .suiteFailure }

    package var description: String {
        "Run \(runID) failed: no valid samples from \(specs.joined(separator: ", "))."
    }
}
