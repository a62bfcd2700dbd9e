import BenchModel
import Testing

@testable import BenchWorkflow

/// What a run handed over against what the store holds: every difference is named.
@Suite struct RunReadbackTests {
    @Test func theReadBackNamesEveryDifference() {
        let written = [
            SpecResult(
                spec: "creation",
                samples: (0..<6).map { Sample(metric: .creationTime, iteration: $0, value: 0.3) }
                    + [Sample(metric: .creationTime, iteration: 6, value: .nan)],
                containers: [ContainerRecord(id: "c1", iteration: 0, removed: true, removalError: nil)])
        ]
        let handedOver = RunReadback(handedOver: written)
        #expect(handedOver.differences(from: handedOver).isEmpty)
        var lost = handedOver
        lost.counts[.init(kind: "samples", subject: "creation.create_start_s")] = nil
        lost.counts[.init(kind: "containers", subject: "creation")] = 2
        #expect(
            handedOver.differences(from: lost) == [
                "holds 2 creation containers where the run wrote 1",
                "kept 0 of 6 creation.create_start_s samples",
            ])
        // The sample that was not a finite number is kept as a failure of its iteration.
        #expect(handedOver.counts[.init(kind: "failures", subject: "creation")] == 1)
        let many = (1...5).map { "kept 0 of 1 m\($0) samples" }
        #expect(
            RunNotKept.list(many)
                == "kept 0 of 1 m1 samples, kept 0 of 1 m2 samples, kept 0 of 1 m3 samples and 2 more differences")
    }
}
