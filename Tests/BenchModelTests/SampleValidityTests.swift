import BenchModel
import Testing

@Suite struct SampleValidityTests {
    /// A value and what must be said of it: nil when it can be a measurement.
    @Test(
        arguments: [
            ("creation.create_start_s", 0.41, nil),
            ("creation.create_start_s", 0, "is not a duration"),
            ("creation.create_start_s", -0.2, "is not a time of 0 s or more"),
            ("creation.create_start_s", .nan, "not a number"),
            ("creation.create_start_s", .infinity, "not a number"),
            ("warm.code_s", 0.000_000_8, nil),
            ("parallel.efficiency", 0.34, nil),
            ("parallel.efficiency", 1.05, nil),
            ("parallel.efficiency", 1.11, "above 1 (+10 % for noise)"),
            // A run whose tool was stopped for 20 s in the parallel spec: speedup 21.8, efficiency 4.35.
            ("parallel.efficiency", 4.35, "containers run at once finish no faster than one alone"),
            ("parallel.speedup", 5.4, nil),
            ("parallel.speedup", 21.8, "above 5 (+10 % for noise)"),
            ("scaling.n1.efficiency", 1.3, nil),
            ("scaling.n2.efficiency", 1.6, "above 1 (+50 % for noise)"),
            ("scaling.n10.speedup", 14, nil),
            ("scaling.n10.speedup", 16, "above 10 (+50 % for noise)"),
            ("scaling.n5.wall_s", 3.2, nil),
            ("overhead_simple.overhead_pct", -40, nil),
            ("overhead_simple.overhead_pct", 900, nil),
            ("overhead_simple.overhead_pct", -100, "took no time at all"),
            ("cleanup.failures", 0, nil),
            ("cleanup.failures", 2, nil),
            ("cleanup.failures", 1.5, "not a whole count"),
            ("e2e.failures", -1, "not a whole count of 0 or more"),
            ("security.holds.not_root", 1, nil),
            ("security.holds.not_root", 0, nil),
            ("security.holds.not_root", 2, "above 1: 1 means held, 0 not held"),
            ("security.holds.cpu_limit", 0.5, "not a whole number"),
            ("security.properties_held", 12, nil),
            ("security.properties_held", 13, "above 12: the isolation standard has 12 properties"),
            ("security.properties_held", 11.5, "not a whole number"),
        ] as [(String, Double, String?)])
    func aSampleIsPhysicalOrSaysWhyNot(metric: String, value: Double, problem: String?) {
        let found = SampleValidity.problem(with: Sample(metric: MetricID(metric), iteration: 0, value: value))
        if let problem {
            #expect(found?.contains(problem) == true, "\(metric) \(value): \(found ?? "nil")")
            #expect(found?.contains(metric) == true, "the problem names the metric: \(found ?? "nil")")
        } else {
            #expect(found == nil, "\(metric) \(value): \(found ?? "")")
        }
    }

    @Test func everyPhaseASampleCarriesIsADuration() {
        let phases = PhaseTimings([.create: 0.02, .start: 0.3, .run: 0.07])
        let sample = Sample(metric: .creationTime, iteration: 0, value: 0.32, phases: phases)
        #expect(SampleValidity.problem(with: sample) == nil)
        for bad in [0, -0.001, Double.nan] {
            var broken = phases
            broken[.start] = bad
            let problem = SampleValidity.problem(
                with: Sample(metric: .creationTime, iteration: 0, value: 0.32, phases: broken))
            #expect(problem?.contains("the start phase") == true, "\(bad): \(problem ?? "nil")")
        }
    }

    @Test func aLifecycleIsImpossibleWhenItsPhasesOutgrowItsWallTime() {
        let phases = PhaseTimings([.create: 0.02, .start: 0.3, .run: 0.07, .logs: 0.01, .remove: 0.02])
        #expect(SampleValidity.problem(phases: phases, wallSeconds: 0.42, container: "abc") == nil)
        #expect(SampleValidity.problem(phases: phases, wallSeconds: 0.5, container: "abc") == nil)
        let problem = SampleValidity.problem(phases: phases, wallSeconds: 0.3, container: "0123456789abcdef")
        #expect(problem?.contains("container 0123456789ab sum to") == true, "\(problem ?? "nil")")
    }

    /// The ceilings are declared with the metrics' meaning: a speedup of N containers at once is
    /// at most N, an efficiency at most 1, a property held at most 1 and the properties held at
    /// most the standard's count, which are whole numbers; a time or a count has none.
    @Test func onlyRatiosOfContainersAtOnceAndOfTheStandardHaveACeiling() {
        #expect(Metric.parallel.efficiency.ceiling?.limit == 1)
        #expect(Metric.parallel.speedup.ceiling?.limit == Double(ParallelBatch.containers))
        #expect(Metric.scaling.speedup(.n10).ceiling?.limit == 10)
        #expect(Metric.scaling.efficiency(.n2).ceiling?.limit == 1)
        #expect(Metric.security.holds(.notRoot).ceiling?.limit == 1)
        #expect(Metric.security.propertiesHeld.ceiling?.limit == Double(IsolationProperty.allCases.count))
        for metric in MetricCatalogue.all where metric.ceiling != nil {
            #expect(metric.unit == .ratio, "\(metric)")
            #expect(["parallel", "scaling", "security"].contains(metric.spec), "\(metric)")
            #expect(metric.isWhole == (metric.spec == "security"), "\(metric)")
        }
        #expect(
            MetricCatalogue.all.filter { $0.ceiling != nil }.count == 10 + IsolationProperty.allCases.count + 1)
    }
}
