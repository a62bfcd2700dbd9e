import BenchModel
import BenchSuite
import Testing

/// A spec records only what it declares: its recorder refuses any other metric, and any metric
/// declared otherwise than the catalogue's, so a spec's output cannot drift from its declaration.
@Suite struct SpecDeclarationTests {
    @Test(arguments: SpecName.allCases)
    func everySpecDeclaresItsMetricsAndItsRecorderTakesExactlyThose(spec: SpecName) {
        let declared = MetricCatalogue.metrics(ofSpec: spec.rawValue)
        #expect(!declared.isEmpty, "\(spec) declares no metric")
        let recorder = SpecRecorder(spec: spec.rawValue)
        #expect(Set(recorder.declared.keys) == Set(declared.map(\.id)))
        for metric in MetricCatalogue.all {
            let refusal = recorder.undeclared(metric)
            if metric.spec == spec.rawValue {
                #expect(refusal == nil, "\(spec) may not record its own \(metric)")
            } else {
                #expect(refusal == "the \(spec.rawValue) spec recorded \(metric), which it does not declare")
            }
        }
    }

    /// Every metric belongs to a spec of the suite, or to the run itself.
    @Test func everyDeclaredMetricBelongsToASpec() {
        for metric in MetricCatalogue.all {
            #expect(SpecName(rawValue: metric.spec) != nil || metric.spec == RunMetrics.spec, "\(metric)")
        }
    }

    @Test func aMetricDeclaredOtherwiseIsRefused() {
        let recorder = SpecRecorder(spec: SpecName.creation.rawValue)
        let unlike = Metric("creation.create_s", .count, .smallerIsBetter, meaning: "not what the spec declares")
        #expect(recorder.undeclared(unlike) == "the creation spec recorded creation.create_s unlike its declaration")
        #expect(recorder.undeclared(Metric.creation.create) == nil)
    }

    /// A recorder given its declarations takes those; the run's final sweep records the run's own.
    @Test func aRecorderTakesTheDeclarationsItIsGiven() {
        let recorder = SpecRecorder(spec: RunMetrics.spec, declared: Metric.run.all)
        #expect(recorder.undeclared(Metric.run.leftoverContainers) == nil)
        #expect(recorder.undeclared(Metric.cleanup.failures) != nil)
        recorder.record(Metric.run.leftoverContainers, iteration: 0, value: 2)
        #expect(recorder.result.values(of: Metric.run.leftoverContainers.id) == [2])
    }
}
