import BenchModel
import BenchSuite
import Testing

@Suite struct SuitePlanTests {
    @Test func originalIsExactlyTheOriginalSuitesNineBenchmarksWithItsCounts() {
        let plan = SuitePlan(suite: .original)
        #expect(
            plan.specs.map(\.name.rawValue) == [
                "creation", "overhead_simple", "overhead_compute", "parallel", "cleanup", "cleanup_all", "e2e",
                "memory_limit", "seccomp",
            ])
        let counts = Dictionary(uniqueKeysWithValues: plan.specs.map { ($0.name, $0.settings) })
        #expect(counts[.creation] == SpecSettings(iterations: 10, warmups: 1))
        #expect(counts[.overheadSimple]?.iterations == 10)
        #expect(counts[.overheadCompute]?.iterations == 5)
        #expect(counts[.parallel]?.iterations == 1)
        #expect(counts[.cleanup]?.iterations == 10)
        #expect(counts[.cleanupAll]?.iterations == 1)
        #expect(counts[.e2e]?.iterations == 10)
        #expect(counts[.memoryLimit]?.iterations == 5)
        #expect(counts[.seccomp]?.iterations == 5)
    }

    @Test func fullAndQuickRunEverySpec() {
        #expect(SuitePlan(suite: .full).specs.map(\.name) == SpecName.allCases)
        #expect(SuitePlan(suite: .quick).specs.map(\.name) == SpecName.allCases)
        let quick = SuitePlan(suite: .quick).specs
        #expect(
            quick.filter { ![.creation, .parallel].contains($0.name) }.allSatisfy {
                $0.settings.iterations <= 2 && $0.settings.warmups == 0
            })
        // The figures the default rules compare get enough samples for a median.
        #expect(quick.first { $0.name == .creation }?.settings == SpecSettings(iterations: 5, warmups: 1))
        #expect(quick.first { $0.name == .parallel }?.settings.iterations == 3)
    }

    @Test func specFilterKeepsSuiteOrderAndIterationsOverrideEveryCount() {
        let plan = SuitePlan(suite: .original, only: [.e2e, .warm, .creation], iterations: 3)
        #expect(plan.specs.map(\.name) == [.creation, .e2e, .warm])
        #expect(plan.specs.allSatisfy { $0.settings.iterations == 3 })
        #expect(plan.specs.first?.settings.warmups == 1)
    }
}
