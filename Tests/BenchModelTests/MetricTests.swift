import BenchModel
import Testing

@Suite struct MetricTests {
    @Test(arguments: [
        (Metric.creation.createStart, MetricUnit.seconds, Direction.smallerIsBetter, "creation"),
        (Metric.overhead.overhead(.simple), .percent, .smallerIsBetter, "overhead_simple"),
        (Metric.parallel.speedup, .ratio, .largerIsBetter, "parallel"),
        (Metric.parallel.efficiency, .ratio, .largerIsBetter, "parallel"),
        (Metric.cleanup.failures, .count, .smallerIsBetter, "cleanup"),
        (Metric.security.violations, .count, .smallerIsBetter, "security"),
        (Metric.memoryLimit.cycle(.mb512), .seconds, .smallerIsBetter, "memory_limit"),
        (Metric.scaling.efficiency(.n10), .ratio, .largerIsBetter, "scaling"),
        (Metric.run.leftoverContainers, .count, .smallerIsBetter, "run"),
    ])
    func theDeclarationGivesUnitDirectionAndSpec(metric: Metric, unit: MetricUnit, direction: Direction, spec: String) {
        #expect(metric.unit == unit)
        #expect(metric.direction == direction)
        #expect(metric.spec == spec)
        // A name read back from a store is its declaration.
        #expect(metric.id.declaration == metric)
        #expect(metric.id.unit == unit && metric.id.direction == direction)
    }

    @Test func phasesAreOrderedAsTheLifecycle() {
        var timings = PhaseTimings()
        timings[.remove] = 0.02
        timings[.create] = 0.03
        timings[.start] = 0.3
        #expect(timings.recorded.map(\.phase) == [.create, .start, .remove])
        #expect(abs(timings.total - 0.35) < 1e-12)
    }
}

@Suite struct DescriptiveStatisticsTests {
    @Test func summaryOfKnownValues() throws {
        let summary = try #require(MetricSummary(metric: "e2e.cycle_s", values: [4, 1, 3, 2, 5]))
        #expect(summary.n == 5)
        #expect(summary.mean == 3)
        #expect(summary.median == 3)
        #expect(summary.min == 1)
        #expect(summary.max == 5)
        #expect(abs(summary.stddev - 1.5811388300841898) < 1e-12)
        // position 0.95 * 4 = 3.8 → 4 + 0.8 * (5 - 4)
        #expect(abs(summary.p95 - 4.8) < 1e-12)
    }

    @Test func medianOfEvenCountInterpolates() {
        #expect(Statistics.median([1, 2, 3, 10]) == 2.5)
    }

    @Test func singleValueHasZeroSpread() throws {
        let summary = try #require(MetricSummary(metric: "parallel.speedup", values: [1.7]))
        #expect(summary.stddev == 0)
        #expect(summary.p95 == 1.7)
    }

    @Test func noValuesNoSummary() {
        #expect(MetricSummary(metric: "parallel.speedup", values: []) == nil)
    }
}

@Suite struct EnvironmentFingerprintTests {
    @Test func differencesNameTheFieldsThatMoveFigures() {
        let base = EnvironmentFingerprint(host: "a", cpuCount: 2, kernel: "6.1", runcVersion: "1.1.5")
        var current = base
        current.host = "b"
        current.runcVersion = "1.1.12"
        current.cpuCount = 4
        let differences = base.differences(to: current)
        #expect(differences.map(\.field) == ["runc version", "CPU count"])
        #expect(differences.first?.baseline == "1.1.5")
        #expect(differences.first?.current == "1.1.12")
    }
}
