import BenchModel

/// How many times a spec measures, and with what.
package struct SpecSettings: Sendable, Codable, Equatable {
    /// Measured iterations (repetitions for the parallel and scaling specs).
    package var iterations: Int
    /// Iterations run first and not counted.
    package var warmups: Int

    package init(iterations: Int, warmups: Int = 0) {
        self.iterations = iterations
        self.warmups = warmups
    }
}

/// The named suites: `full` (what the nightly job runs), `original` (exactly the original pytest
/// suite's nine benchmarks with its counts) and `quick` (every spec with minimal counts, for smoke
/// checks and tests).
package enum SuiteName: String, Sendable, Codable, CaseIterable {
    case full
    case original
    case quick

    package var specs: [SpecName] {
        switch self {
        case .original: return SpecName.original
        case .full, .quick: return SpecName.allCases
        }
    }

    /// The counts of `spec` in this suite. The original pytest suite's own counts: creation 10
    /// (+1 warm-up), simple overhead 10, compute overhead 5, one parallel batch of 5, cleanup 10,
    /// cleanup_all one batch of 5, e2e 10, memory and seccomp 5 per configuration.
    package func settings(for spec: SpecName) -> SpecSettings {
        switch self {
        case .original, .full:
            let repetitions = self == .full ? 3 : 1
            switch spec {
            case .creation: return SpecSettings(iterations: 10, warmups: 1)
            case .overheadSimple: return SpecSettings(iterations: 10, warmups: 1)
            case .overheadCompute: return SpecSettings(iterations: 5, warmups: 1)
            case .overheadPandas: return SpecSettings(iterations: 5, warmups: 1)
            case .parallel: return SpecSettings(iterations: repetitions)
            case .cleanup: return SpecSettings(iterations: 10)
            case .cleanupAll: return SpecSettings(iterations: repetitions)
            case .e2e: return SpecSettings(iterations: 10, warmups: 1)
            case .memoryLimit: return SpecSettings(iterations: 5)
            case .seccomp: return SpecSettings(iterations: 5)
            case .warm: return SpecSettings(iterations: 10, warmups: 1)
            case .scaling: return SpecSettings(iterations: 2)
            case .security: return SpecSettings(iterations: 1)
            }
        case .quick:
            // Minimal counts, except for the two figures the default rules compare: a gate on
            // two samples would cry wolf on a shared machine.
            switch spec {
            case .creation: return SpecSettings(iterations: 5, warmups: 1)
            case .parallel: return SpecSettings(iterations: 3)
            case .cleanupAll, .scaling, .security: return SpecSettings(iterations: 1)
            default: return SpecSettings(iterations: 2)
            }
        }
    }
}

/// What one run measures: which specs, in which order, with which counts.
package struct SuitePlan: Sendable, Codable, Equatable {
    package var suite: SuiteName
    package var specs: [PlannedSpec]

    package struct PlannedSpec: Sendable, Codable, Equatable {
        package var name: SpecName
        package var settings: SpecSettings
    }

    /// The suite's specs, narrowed to `only` when it is not empty (in suite order), with every
    /// iteration count replaced by `iterations` when given.
    package init(suite: SuiteName, only: [SpecName] = [], iterations: Int? = nil) {
        self.suite = suite
        let chosen = only.isEmpty ? suite.specs : SpecName.allCases.filter(only.contains)
        specs = chosen.map { name in
            var settings = suite.settings(for: name)
            if let iterations { settings.iterations = iterations }
            return PlannedSpec(name: name, settings: settings)
        }
    }

    /// True when the plan measures every spec of its suite.
    package var isWholeSuite: Bool { specs.map(\.name) == suite.specs }

    /// How runs are listed: the suite's name, and the specs when the plan is narrowed to some
    /// (`full, specs: creation, parallel`).
    package var name: String {
        isWholeSuite
            ? suite.rawValue : "\(suite.rawValue), specs: \(specs.map(\.name.rawValue).joined(separator: ", "))"
    }
}
