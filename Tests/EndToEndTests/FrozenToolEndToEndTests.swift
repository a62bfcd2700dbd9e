import BenchModel
import Foundation
import ResultsStore
import TestSupport
import Testing

/// The tool frozen for real, without a signal, by the cgroup freezer (as `docker pause` freezes a
/// containerised tool) for less than a second inside measured container starts: kept, each such
/// sample would be the freeze longer, unseen (before the heartbeat read the scheduler, a freeze
/// counted only beyond a second, and 0.9 s freezes made creation 5 to 8 times slower without a
/// word). Each frozen iteration is discarded and taken again, said on stderr and in the notes.
///
/// Under CI (`SANDBOX_BENCH_REQUIRE_DOCKER=1`, as root) a host without a freezer fails the test.
@Suite(
    .enabled(if: DockerRequirement.shouldRun && (DockerRequirement.isRequired || CgroupFreezer.unavailability == nil)),
    .serialized)
struct FrozenToolEndToEndTests {
    static let freeze = Duration.milliseconds(600)
    static let freezes = 2

    @Test func subSecondFreezesInsideMeasuredStartsAreDiscardedAndTakenAgain() async throws {
        if let why = CgroupFreezer.unavailability { Issue.record(Comment(rawValue: why)) }
        try #require(CgroupFreezer.unavailability == nil)
        let engine = try await PrivateEngine.start()
        let cli = try CommandLine()
        do {
            try await Self.freezeAndCheck(engine, cli)
        } catch {
            cli.remove()
            await engine.stop()
            throw error
        }
        cli.remove()
        await engine.stop()
    }

    static func freezeAndCheck(_ engine: PrivateEngine, _ cli: CommandLine) async throws {
        let iterations = 6
        let (outcome, frozen) = try await cli.run(
            [
                "run", "--spec", "creation", "--iterations", "\(iterations)", "--no-report", "--log-level", "info",
                "--label", "frozen",
            ], environment: engine.environment
        ) { process -> Int in
            guard await process.waitUntil(.stderr, contains: "spec started spec=creation") else { return 0 }
            let freezer = try CgroupFreezer.adopting(process.pid, name: "sandbox-bench-test-\(process.pid)")
            defer { freezer.remove() }
            var frozen = 0
            // Each freeze inside a start the runtime holds (the second start from the arming,
            // so never a warm-up's first): the tool frozen, the start let go, the tool thawed.
            for _ in 0..<Self.freezes {
                try engine.hang(atStart: 2)
                guard await engine.waitForBlockedStart() else {
                    engine.release()
                    break
                }
                try await freezer.freeze()
                engine.release()
                try await Task.sleep(for: Self.freeze)
                try freezer.thaw()
                frozen += 1
            }
            return frozen
        }
        #expect(frozen == Self.freezes, "\(outcome.stderr.suffix(2000))")
        #expect(outcome.exitCode == 0, "\(outcome.stderr.suffix(2000))")
        let said = outcome.stderr.split(separator: "\n").filter {
            $0.contains("discarded and taken again: the tool did not run for")
        }
        #expect(said.count == Self.freezes, "one warning per frozen iteration: \(outcome.stderr.suffix(3000))")
        #expect(said.allSatisfy { $0.contains("frozen without a signal") }, "\(said)")

        let store = try await cli.store()
        let run = try #require(try await store.runs().first)
        #expect(run.status == .completed)
        let values = try await store.samples(run: run.id, metric: .creationTime).map(\.sample.value)
        // Every iteration is there: each frozen one was taken again, keyed by its iteration.
        #expect(values.count == iterations, "\(values)")
        let notes = try await store.notes(run: run.id).filter { $0.spec == "creation" }.map(\.text)
        let discarded = try #require(notes.first { $0.contains("discarded as physically impossible") }, "\(notes)")
        let frozenDiscards = discarded.components(separatedBy: "the tool did not run for").count - 1
        #expect(frozenDiscards == Self.freezes, "\(discarded)")
        // What the tool found frozen is the freeze, less at most one beat: a freeze that began
        // while the heartbeat slept hides in that sleep (its deadline passes while it is frozen).
        for part in discarded.components(separatedBy: "the tool did not run for ").dropFirst() {
            let seconds = Double(part.prefix { $0 != " " }) ?? 0
            #expect(seconds >= Self.freeze / .seconds(1) - 0.05, "\(part.prefix(60))")
        }
        // Each freeze lay inside one attempt (a held start), and as many attempts were discarded
        // for a freeze as there were freezes: no kept sample holds one.
        await store.close()
        print("freeze figures: creation \(values) with \(Self.freezes) freezes of \(Self.freeze); \(discarded)")
    }
}
