import BenchModel
import BenchSuite
import EngineInterface
import EngineTestSupport
import SuiteTestSupport
import Testing

/// What each spec computes from the times it reads, on an in-memory engine whose clock moves
/// only by each call's scripted latency: every figure is known in advance, exactly, and no
/// daemon is needed.
@Suite struct SpecArithmeticTests {
    /// Latencies in binary fractions of a second, so that their sums are exact.
    static let latencies: [EngineOperation: Duration] = [
        .create: .milliseconds(500), .upload: .milliseconds(250), .start: .milliseconds(125), .wait: .seconds(1),
        .logs: .milliseconds(62.5), .remove: .seconds(2), .createExec: .milliseconds(31.25),
        .startExec: .milliseconds(250), .inspectExec: .milliseconds(15.625),
    ]

    static func suite(
        python: SuitePython = SuitePython(), host: ScriptedInterpreter? = ScriptedInterpreter(), cpuCount: Int = 8
    ) -> InMemorySuite {
        let suite = InMemorySuite(python: python, host: host, cpuCount: cpuCount)
        suite.engine.setLatency { Self.latencies[$0.operation] ?? .zero }
        return suite
    }

    static func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= 1e-9 * max(1, abs(expected))
    }

    @Test func creationIsTheCreateWithTheCodesDeliveryPlusTheStart() async throws {
        let result = try await Self.suite().run(.creation, iterations: 3, warmups: 1)
        #expect(result.failures.isEmpty, "\(result.failures)")
        // create 0.5 + upload 0.25; start 0.125.
        #expect(result.values(of: "creation.create_s").count == 3)
        #expect(result.values(of: "creation.create_s").allSatisfy { Self.close($0, 0.75) })
        #expect(result.values(of: "creation.start_s").allSatisfy { Self.close($0, 0.125) })
        #expect(result.values(of: .creationTime).allSatisfy { Self.close($0, 0.875) })
        // The warm-up's container is recorded too, and every container was removed.
        #expect(result.containers.count == 4)
        #expect(result.containers.allSatisfy { $0.removed })
        #expect(result.checks.first { $0.name == "creation mean < 3 s" }?.passed == true)
    }

    @Test func aSlowCreateFailsTheMeanCheckByItsOwnArithmetic() async throws {
        let suite = Self.suite()
        suite.engine.setLatency { $0.operation == .create ? .seconds(3) : Self.latencies[$0.operation] ?? .zero }
        let result = try await suite.run(.creation, iterations: 2)
        // create 3 + upload 0.25 + start 0.125.
        #expect(result.values(of: .creationTime).count == 2)
        #expect(result.values(of: .creationTime).allSatisfy { Self.close($0, 3.375) })
        let check = try #require(result.checks.first { $0.name == "creation mean < 3 s" })
        #expect(!check.passed)
    }

    @Test func overheadIsTheSandboxUntilItsOutputOverTheHostProcess() async throws {
        let host = ScriptedInterpreter(seconds: { _ in 0.125 }, codeSeconds: 0.0625)
        let result = try await Self.suite(python: SuitePython(codeSeconds: 0.25), host: host)
            .run(.overheadSimple, iterations: 4)
        #expect(result.failures.isEmpty, "\(result.failures)")
        // Until the output: create 0.5 + upload 0.25 + start 0.125 + run 1 + logs 0.0625; the removal is not in it.
        let docker = result.values(of: "overhead_simple.docker_s")
        #expect(docker.count == 4)
        #expect(docker.allSatisfy { Self.close($0, 1.9375) })
        #expect(result.values(of: "overhead_simple.direct_s").allSatisfy { Self.close($0, 0.125) })
        #expect(result.values(of: "overhead_simple.overhead_pct").allSatisfy { Self.close($0, 1450) })
        // Each interpreter's own timing of the code, as it printed it.
        #expect(result.values(of: "overhead_simple.docker_code_s").allSatisfy { Self.close($0, 0.25) })
        #expect(result.values(of: "overhead_simple.direct_code_s").allSatisfy { Self.close($0, 0.0625) })
        #expect(host.processes.count == 4)
        #expect(result.checks.first { $0.name == "overhead_simple overhead < 5 %" }?.passed == false)
    }

    @Test func anOverheadWithoutAHostInterpreterHasOnlyTheSandboxSide() async throws {
        let result = try await Self.suite(host: nil).run(.overheadSimple, iterations: 2)
        #expect(result.values(of: "overhead_simple.docker_s").count == 2)
        #expect(result.values(of: "overhead_simple.direct_s").isEmpty)
        #expect(result.values(of: "overhead_simple.overhead_pct").isEmpty)
        #expect(result.notes.contains { $0.contains("not measurable") })
    }

    @Test func aMissingHostModuleMakesTheDirectSideUnmeasurable() async throws {
        let result = try await Self.suite(host: ScriptedInterpreter(modules: [])).run(.overheadPandas, iterations: 1)
        #expect(result.values(of: "overhead_pandas.docker_s").count == 1)
        #expect(result.values(of: "overhead_pandas.direct_s").isEmpty)
        #expect(result.notes.contains { $0.contains("No module named 'pandas'") })
    }

    @Test func warmExecIsTheExecsCreateStartAndInspectInOneRunningContainer() async throws {
        let suite = Self.suite()
        let result = try await suite.run(.warm, iterations: 2)
        #expect(result.failures.isEmpty, "\(result.failures)")
        // createExec 0.03125 + startExec 0.25 + inspectExec 0.015625, against the host's 0.125.
        #expect(result.values(of: "warm.exec_s").count == 2)
        #expect(result.values(of: "warm.exec_s").allSatisfy { Self.close($0, 0.296875) })
        #expect(result.values(of: "warm.overhead_pct").allSatisfy { Self.close($0, 137.5) })
        // One container for every iteration, removed after them.
        #expect(suite.engine.calls(.create).count == 1)
        #expect(result.containers.count == 1)
        #expect(result.containers.allSatisfy { $0.removed })
    }

    @Test func parallelSpeedupIsSequentialOverParallelWallAndEfficiencyItsFifth() async throws {
        let result = try await Self.suite(cpuCount: 2).run(.parallel, iterations: 2)
        #expect(result.failures.isEmpty, "\(result.failures)")
        let parallel = result.values(of: "parallel.parallel_wall_s")
        let sequential = result.values(of: "parallel.sequential_wall_s")
        let speedups = result.values(of: "parallel.speedup")
        #expect(parallel.count == 2 && sequential.count == 2 && speedups.count == 2)
        for index in 0..<2 {
            #expect(Self.close(speedups[index], sequential[index] / parallel[index]))
            #expect(Self.close(result.values(of: .parallelEfficiency)[index], speedups[index] / 5))
        }
        // Each mode's wall spans its five lifecycles: at least the five until-output times plus removals.
        #expect(sequential.allSatisfy { $0 >= 5 * (1.9375 + 2) - 1e-9 })
        // Two cores for five containers: said, and the speedup check only informs.
        #expect(result.notes.contains { $0.contains("2 CPU cores for 5 simultaneous containers") })
        #expect(result.checks.first { $0.name == "parallel speedup ≥ 2.0" }?.informational == true)
        #expect(result.containers.count == 20)
    }

    @Test func aRemovalTheEngineRefusesIsTriedThriceThenACountedFailure() async throws {
        let suite = Self.suite()
        suite.engine.refuseRemovals(500)
        let result = try await suite.run(.creation, iterations: 1)
        #expect(result.values(of: .creationTime).isEmpty)
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.reason.contains("could not be removed") == true)
        #expect(result.containers.count == 1)
        #expect(result.containers.first?.removed == false)
        #expect(suite.engine.calls(.remove).count == 3)
    }

    @Test func aRemovalRefusedOnceIsRetriedAndItsDelayCountsInTheRemovalPhase() async throws {
        let suite = Self.suite()
        suite.engine.on(.remove, .refuse(status: 500, message: "device or resource busy"))
        let result = try await suite.run(.creation, iterations: 1)
        #expect(result.failures.isEmpty, "\(result.failures)")
        #expect(result.containers.allSatisfy { $0.removed })
        #expect(suite.engine.calls(.remove).count == 2)
        // A refused call answers at once: the removal took the 0.1 s pause and the second call's 2 s.
        let phases = try #require(result.samples.first { $0.metric == .creationTime }?.phases)
        #expect(Self.close(phases[.remove], 2.1))
    }

    @Test func aContainerLostWhileRunningIsACountedFailureNotAnEngineFault() async throws {
        let suite = Self.suite()
        suite.engine.on(.wait, .loseContainer)
        let result = try await suite.run(.creation, iterations: 2)
        #expect(result.values(of: .creationTime).count == 1)
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.reason.contains("No such container") == true)
    }

    @Test func aStartTheEngineRefusesIsACountedFailure() async throws {
        let suite = Self.suite()
        suite.engine.on(.start, .refuse(status: 500, message: "OCI runtime create failed"))
        let result = try await suite.run(.creation, iterations: 2)
        #expect(result.values(of: .creationTime).count == 1)
        #expect(result.failures.first?.reason.contains("OCI runtime create failed") == true)
        #expect(result.containers.count == 2)
        #expect(result.containers.allSatisfy { $0.removed })
    }

    @Test func codeThatPrintsTheWrongThingIsNotASample() async throws {
        let python = SuitePython(override: { $0.isExec ? nil : .prints("goodbye\n") })
        let result = try await Self.suite(python: python).run(.creation, iterations: 2)
        #expect(result.values(of: .creationTime).isEmpty)
        #expect(result.failures.count == 2)
        #expect(result.checks.first { $0.name == "creation mean < 3 s" }?.passed == false)
    }

    @Test func everySpecOfTheQuickSuiteRecordsExactlyTheCatalogue() async throws {
        var suite = Self.suite(host: ScriptedInterpreter(modules: ["pandas"]))
        // A nightly run measures the host's load around every iteration: every spec's host-load figures too.
        suite.hostLoad = AnyHostLoadProbe(ScriptedHostLoad([]), window: .milliseconds(1), retakeWait: .zero)
        let results = try await suite.run(SuitePlan(suite: .quick))
        #expect(results.map(\.spec) == SuitePlan(suite: .quick).specs.map(\.name.rawValue))
        // The run's own figures (the sweep's leftovers, the host-load summary) are made from the specs'.
        let recorded = Set((results.flatMap(\.samples) + HostLoadSummary.samples(of: results)).map(\.metric))
        let catalogue = Set(MetricCatalogue.names).subtracting([MetricID.leftoverContainers])
        #expect(recorded.subtracting(catalogue).isEmpty, "not in the catalogue: \(recorded.subtracting(catalogue))")
        #expect(catalogue.subtracting(recorded).isEmpty, "not recorded: \(catalogue.subtracting(recorded).sorted())")
        #expect(results.flatMap(\.failures).isEmpty, "\(results.flatMap(\.failures).map(\.reason))")
        #expect(results.flatMap(\.containers).allSatisfy { $0.removed })
        #expect(try await suite.engine.listContainers(labels: []).isEmpty)
    }
}
