import BenchModel
import Testing

/// Figures of one iteration that contradict what they are computed from, as their metrics
/// declare it (``Metric/Derivation``), and samples that cannot fit one after another in their spec.
@Suite struct SampleRelationsTests {
    private func sample(_ metric: String, _ value: Double, phases: PhaseTimings? = nil) -> Sample {
        Sample(metric: MetricID(metric), iteration: 0, value: value, phases: phases)
    }

    private func problem(_ sample: Sample, among others: [Sample]) -> String? {
        let iteration = Dictionary(uniqueKeysWithValues: (others + [sample]).map { ($0.metric, $0) })
        return SampleValidity.problem(with: sample, among: iteration)
    }

    @Test func aLifecycleTimeIsTheSumOfItsOwnDeclaredPhases() {
        let phases = PhaseTimings([.create: 0.05, .start: 0.09, .run: 0.04, .logs: 0.002, .remove: 0.006])
        #expect(problem(sample("creation.create_start_s", 0.14, phases: phases), among: []) == nil)
        // The value 3 × its own create and start phases.
        let tripled = problem(sample("creation.create_start_s", 0.42, phases: phases), among: [])
        #expect(
            tripled?.contains("is not the sum of its own phases create + start (0.140 s)") == true, "\(tripled ?? "")")
        // Every phase for a full cycle; create, start, run and logs for the overhead specs' sandbox side.
        #expect(problem(sample("e2e.cycle_s", 0.188, phases: phases), among: []) == nil)
        #expect(problem(sample("e2e.cycle_s", 0.3, phases: phases), among: []) != nil)
        #expect(problem(sample("overhead_simple.docker_s", 0.182, phases: phases), among: []) == nil)
        #expect(problem(sample("memory_limit.1g.cycle_s", 0.1, phases: phases), among: []) != nil)
        // Without phases there is nothing to compare with (the spec-wide sum still applies).
        #expect(problem(sample("creation.create_start_s", 0.42), among: []) == nil)
    }

    @Test func aPartIsNoLongerThanItsWhole() {
        let whole = sample("creation.create_start_s", 0.14)
        #expect(problem(sample("creation.create_s", 0.05), among: [whole]) == nil)
        let found = problem(sample("creation.create_s", 0.7), among: [whole])
        #expect(found?.contains("creation.create_s 0.700 s is longer than creation.create_start_s 0.140 s") == true)
        #expect(problem(sample("creation.start_s", 0.15), among: [whole]) != nil)
    }

    @Test func aSpeedupIsWhatItsOwnWallsGive() {
        let walls = [sample("parallel.sequential_wall_s", 2.0), sample("parallel.parallel_wall_s", 1.0)]
        #expect(problem(sample("parallel.speedup", 2.0), among: walls) == nil)
        #expect(problem(sample("parallel.efficiency", 0.4), among: walls) == nil)
        let speedup = problem(sample("parallel.speedup", 4.9), among: walls)
        #expect(
            speedup?.contains("parallel.speedup 4.90 is not what its own iteration gives") == true, "\(speedup ?? "")")
        #expect(problem(sample("parallel.efficiency", 0.98), among: walls) != nil)
        let efficiency = [sample("scaling.n5.efficiency", 0.3)]
        #expect(problem(sample("scaling.n5.speedup", 1.5), among: efficiency) == nil)
        #expect(problem(sample("scaling.n5.speedup", 4), among: efficiency) != nil)
        // Without the walls of its iteration a speedup has nothing to agree with.
        #expect(problem(sample("parallel.speedup", 4.9), among: []) == nil)
    }

    @Test func propertiesHeldCountsTheHoldsOfItsIteration() {
        let holds = [
            sample("security.holds.not_root", 1), sample("security.holds.cpu_limit", 0),
            sample("security.holds.no_network", 1),
        ]
        #expect(problem(sample("security.properties_held", 2), among: holds) == nil)
        let found = problem(sample("security.properties_held", 3), among: holds)
        #expect(found?.contains("but 2 of the 3 security.holds.<property> samples") == true, "\(found ?? "")")
    }

    @Test func oneMetricsSamplesFitOneAfterAnotherInTheirSpec() {
        let metric = MetricID("creation.create_start_s")
        #expect(SampleValidity.problem(sequential: metric, values: [0.3, 0.3, 0.3], wallSeconds: 1.0) == nil)
        let found = SampleValidity.problem(sequential: metric, values: [0.4, 0.4, 0.4], wallSeconds: 1.0)
        #expect(found?.contains("sum to 1.20 s, more than the 1.00 s their spec took") == true, "\(found ?? "")")
        // Ratios and counts are no durations; a spec without a wall time says nothing.
        #expect(SampleValidity.problem(sequential: "parallel.speedup", values: [3, 3], wallSeconds: 1) == nil)
        #expect(SampleValidity.problem(sequential: metric, values: [5, 5], wallSeconds: 0) == nil)
    }
}
