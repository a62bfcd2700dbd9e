import BenchModel
import BenchSuite
import EngineInterface
import SuiteTestSupport
import Testing

/// The creation spec on the in-memory engine, its tool frozen without a signal (the cgroup
/// freezer, `docker pause`) inside a measured container start for less than a second: each such
/// iteration is discarded and taken again, said once on stderr and in the spec's notes, and the
/// kept samples are what an unfrozen start measures. A host that only delays the tool is no freeze.
@Suite struct FrozenToolTests {
    /// Creates take 20 ms, starts 300 ms, every other call 1 ms of the test clock.
    static func suite() -> InMemorySuite {
        let suite = InMemorySuite()
        suite.engine.setLatency { call in
            switch call.operation {
            case .create: .milliseconds(20)
            case .start: .milliseconds(300)
            default: .milliseconds(1)
            }
        }
        return suite
    }

    static func createStart(_ result: SpecResult) -> [Double] {
        result.values(of: Metric.creation.createStart.id)
    }

    @Test func subSecondFreezesInsideStartsAreDiscardedAndTakenAgain() async throws {
        let suite = Self.suite()
        let continuity = suite.continuity
        // The 2nd and 4th starts: iterations 2 and 3 (the re-take of 2 is the 3rd start).
        suite.engine.on(
            .start, times: 2, where: { [2, 4].contains($0.ordinal) },
            .perform { continuity.freeze(for: .milliseconds(400)) })
        let result = try await suite.run(.creation, iterations: 5)
        let kept = Self.createStart(result)
        #expect(kept.count == 5)
        #expect(kept.allSatisfy { abs($0 - kept[0]) < 1e-9 }, "no kept sample holds a freeze: \(kept)")
        #expect(kept[0] < 0.4, "\(kept)")
        let note = try #require(result.notes.first { $0.contains("discarded as physically impossible") })
        #expect(note.contains("iteration 2 (3 samples): the tool did not run for 0.400 s of its"), "\(note)")
        #expect(note.contains("iteration 3 (3 samples): the tool did not run for 0.400 s of its"), "\(note)")
        let warnings = suite.progress.warnings.filter { $0.contains("discarded and taken again") }
        #expect(warnings.count == 2, "once per discard: \(warnings)")
        #expect(warnings.allSatisfy { $0.contains("frozen without a signal") }, "\(warnings)")
    }

    /// A freeze too short to move a sample by more than the host's noise (below 10 ms, and below
    /// 2 % of its iteration) is kept, without a word.
    @Test func aFreezeBelowTheMaterialShareIsKept() async throws {
        let suite = Self.suite()
        let continuity = suite.continuity
        suite.engine.on(.start, where: { $0.ordinal == 2 }, .perform { continuity.freeze(for: .milliseconds(9)) })
        let result = try await suite.run(.creation, iterations: 3)
        let kept = Self.createStart(result)
        #expect(kept.count == 3)
        #expect(abs(kept[1] - kept[0] - 0.009) < 1e-9, "\(kept)")
        #expect(result.notes.allSatisfy { !$0.contains("discarded") }, "\(result.notes)")
        #expect(suite.progress.warnings.allSatisfy { !$0.contains("discarded") })
    }

    /// A busy host makes the tool wait for a CPU, which the heartbeat sees waiting: the sample
    /// grows, and is kept (the host-load check is what judges a busy host).
    @Test func aHostThatOnlyDelaysTheToolIsNoFreeze() async throws {
        let suite = Self.suite()
        let continuity = suite.continuity
        suite.engine.on(.start, where: { $0.ordinal == 2 }, .perform { continuity.delay(by: .milliseconds(400)) })
        let result = try await suite.run(.creation, iterations: 3)
        let kept = Self.createStart(result)
        #expect(kept.count == 3)
        #expect(abs(kept[1] - kept[0] - 0.4) < 1e-9, "\(kept)")
        #expect(result.notes.allSatisfy { !$0.contains("discarded") }, "\(result.notes)")
    }

    /// A tool frozen in every start runs out of re-takes: the spec keeps no sample, and says why.
    @Test func aToolFrozenInEveryIterationFailsTheSpec() async throws {
        let suite = Self.suite()
        let continuity = suite.continuity
        suite.engine.on(.start, times: 100, .perform { continuity.freeze(for: .milliseconds(300)) })
        let result = try await suite.run(.creation, iterations: 3)
        #expect(Self.createStart(result).isEmpty)
        let reasons = result.failures.map(\.reason)
        #expect(
            reasons.contains {
                $0.hasPrefix("a measurement was impossible again (the tool did not run for 0.300 s")
                    && $0.hasSuffix("after \(SpecRecorder.retakesPerSpec) re-takes: no sample of this spec is kept")
            }, "\(reasons)")
    }
}
