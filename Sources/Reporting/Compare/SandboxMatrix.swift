import BenchModel
import Foundation
import Regression

/// What `compare` shows a person choosing a sandbox: one column per profile, all measured in the
/// same minutes in a rotating order, and one row per figure that weighs a sandbox's cost against
/// what it confines — creation, cold and warm exec overhead, parallel efficiency, memory per
/// sandbox (where the engine reports it) and the properties of the isolation standard it holds.
/// Each figure is the median of the run's samples; each column after the first is also set
/// against the first, and carries the verdict of its gate against the first (pair by pair, as `ab`).
package struct SandboxMatrix: Sendable, Equatable {
    /// One profile's run.
    package struct Column: Sendable, Equatable {
        /// A, B, C, …
        package var side: String
        /// Where the profile came from: `gvisor.json`.
        package var source: String
        /// The runtime the profile names (the engine's default when it names none).
        package var runtime: String
        package var runID: Int64
        package var runUUID: UUID
        package var status: RunStatus
        /// Each row's figure (nil: not measured, or not reported by the engine).
        package var figures: [Row: Double]
        /// Each property of the isolation standard: held or not; absent when not verifiable here.
        package var properties: [IsolationProperty: Bool]
        /// The gate of this column against the first; nil for the first column.
        package var verdict: Verdict?
        /// Each way the profile gives up isolation Docker's defaults or the standard keep (root,
        /// capabilities kept, …), as the profile says it before anything is measured: every view
        /// of the matrix names them, for the first column too, whose own weakenings no gate judges.
        package var weakenings: [String]

        package init(
            side: String, source: String, runtime: String, runID: Int64, runUUID: UUID, status: RunStatus,
            figures: [Row: Double], properties: [IsolationProperty: Bool], verdict: Verdict?,
            weakenings: [String] = []
        ) {
            self.side = side
            self.source = source
            self.runtime = runtime
            self.runID = runID
            self.runUUID = runUUID
            self.status = status
            self.figures = figures
            self.properties = properties
            self.verdict = verdict
            self.weakenings = weakenings
        }

        /// The medians of `results`, and the properties the security spec assessed.
        package init(
            side: String, source: String, runtime: String, runID: Int64, runUUID: UUID, status: RunStatus,
            results: [SpecResult], verdict: Verdict?, weakenings: [String] = []
        ) {
            var figures: [Row: Double] = [:]
            var properties: [IsolationProperty: Bool] = [:]
            let samples = results.flatMap(\.samples)
            for row in Row.allCases {
                let values = samples.filter { $0.metric == row.metric.id }.map(\.value)
                if !values.isEmpty { figures[row] = Statistics.median(values) }
            }
            for property in IsolationProperty.allCases {
                let values = samples.filter { $0.metric == property.metric }.map(\.value)
                // Held only when every iteration held it.
                if !values.isEmpty { properties[property] = values.allSatisfy { $0 >= 0.5 } }
            }
            self.init(
                side: side, source: source, runtime: runtime, runID: runID, runUUID: runUUID, status: status,
                figures: figures, properties: properties, verdict: verdict, weakenings: weakenings)
        }

        /// How many properties of the standard the column holds.
        package var held: Int { properties.values.filter { $0 }.count }
    }

    /// A column's gate against the first column.
    package struct Verdict: Sendable, Equatable {
        package var passed: Bool
        /// One sentence per alert, as the gate said it.
        package var alerts: [String]

        package init(passed: Bool, alerts: [String]) {
            self.passed = passed
            self.alerts = alerts
        }
    }

    /// The figures of the matrix, in the order they are shown.
    package enum Row: String, Sendable, CaseIterable {
        case creation
        case coldExecOverhead = "cold_exec_overhead"
        case warmExecOverhead = "warm_exec_overhead"
        case parallelEfficiency = "parallel_efficiency"
        case memoryPerSandbox = "memory_per_sandbox"
        case propertiesHeld = "isolation_properties_held"

        /// The metric whose median the row shows.
        package var metric: Metric {
            switch self {
            case .creation: Metric.creation.createStart
            case .coldExecOverhead: Metric.overhead.overhead(.simple)
            case .warmExecOverhead: Metric.warm.overhead
            case .parallelEfficiency: Metric.parallel.efficiency
            case .memoryPerSandbox: Metric.security.memory
            case .propertiesHeld: Metric.security.propertiesHeld
            }
        }

        package var title: String {
            switch self {
            case .creation: "creation (create + start)"
            case .coldExecOverhead: "cold exec overhead (new sandbox per run)"
            case .warmExecOverhead: "warm exec overhead (exec in a running sandbox)"
            case .parallelEfficiency: "parallel efficiency (5 at once)"
            case .memoryPerSandbox: "memory per idle sandbox"
            case .propertiesHeld: "isolation properties held"
            }
        }

        /// The row's figure as it reads: "0.412 s", "+38.0 %", "0.81", "42.1 MiB", "11 of 12".
        package func format(_ value: Double) -> String {
            switch self {
            case .memoryPerSandbox: DecimalText.fixed(value / 1024, decimals: 1) + " MiB"
            case .propertiesHeld: "\(Int(value.rounded())) of \(IsolationProperty.allCases.count)"
            case .parallelEfficiency: DecimalText.fixed(value, decimals: 2)
            default: ValueFormat.value(value, unit: metric.unit)
            }
        }

        /// Where a figure is missing: the engine's memory figure is not reported by every runtime.
        package var missing: String { self == .memoryPerSandbox ? "not reported" : "not measured" }
    }

    package var testbed: String
    package var suite: String
    /// When the first run started, and how long the whole comparison took.
    package var startedAt: Date
    package var seconds: Double
    package var columns: [Column]

    package init(testbed: String, suite: String, startedAt: Date, seconds: Double, columns: [Column]) {
        self.testbed = testbed
        self.suite = suite
        self.startedAt = startedAt
        self.seconds = seconds
        self.columns = columns
    }

    /// The cell of `row` in `column`: the figure, and for a later column how it compares with the first.
    package func cell(_ row: Row, _ column: Column) -> String {
        guard let value = column.figures[row] else { return row.missing }
        guard let first = columns.first, first != column, let base = first.figures[row] else {
            return row.format(value)
        }
        return row.format(value) + " (" + comparison(row, value, base) + ")"
    }

    /// "×7.1 of A", "+12.0 points", "−2 properties" …: how a later column's figure stands against the first's.
    func comparison(_ row: Row, _ value: Double, _ base: Double) -> String {
        let side = columns.first?.side ?? "A"
        switch row {
        case .creation, .memoryPerSandbox:
            guard base > 0 else { return "A: 0" }
            return "×" + DecimalText.fixed(value / base, decimals: value / base < 10 ? 2 : 1) + " of \(side)"
        case .coldExecOverhead, .warmExecOverhead:
            let points = value - base
            return (points >= 0 ? "+" : "−") + DecimalText.fixed(abs(points), decimals: 1) + " points"
        case .parallelEfficiency:
            let delta = value - base
            return (delta >= 0 ? "+" : "−") + DecimalText.fixed(abs(delta), decimals: 2)
        case .propertiesHeld:
            let delta = Int((value - base).rounded())
            return delta == 0 ? "as \(side)" : (delta > 0 ? "+\(delta)" : "−\(-delta)") + " vs \(side)"
        }
    }

    /// The properties of the standard the first column holds and `column` does not, and the reverse.
    package func propertyDifferences(_ column: Column) -> (lost: [IsolationProperty], gained: [IsolationProperty]) {
        guard let first = columns.first else { return ([], []) }
        let lost = IsolationProperty.allCases.filter { first.properties[$0] == true && column.properties[$0] != true }
        let gained = IsolationProperty.allCases.filter { column.properties[$0] == true && first.properties[$0] != true }
        return (lost, gained)
    }

    /// One sentence per column whose profile gives up isolation, naming every weakening:
    /// "B (root.json) gives up isolation a sandbox for untrusted code should keep: runs as root …".
    package func weakeningLines() -> [String] {
        columns.filter { !$0.weakenings.isEmpty }.map {
            "\($0.side) (\($0.source)) gives up isolation a sandbox for untrusted code should keep: "
                + $0.weakenings.joined(separator: "; ") + "."
        }
    }

    /// The verdict of a column in words: "A (the baseline)", "passed against A", "2 alerts against A".
    package func verdictText(_ column: Column) -> String {
        guard let verdict = column.verdict else { return "the baseline" }
        let side = columns.first?.side ?? "A"
        if verdict.passed { return "passed against \(side)" }
        return verdict.alerts.isEmpty
            ? "did not pass against \(side)" : "\(ValueFormat.count(verdict.alerts.count, "alert")) against \(side)"
    }
}
