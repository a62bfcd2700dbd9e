import BenchModel
import BenchSuite
import Foundation
import SuiteTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The host's foreign load: what makes an iteration busy, what a busy iteration costs (it is
/// measured again, from a budget of its own), what a spec and a run store of it, and how the meter
/// reads `/proc` and tells the measurement's own processes from the rest of the host.
@Suite struct HostLoadTests {
    static func probe(_ loads: [Double], thenCores: Double = 0.05) -> AnyHostLoadProbe {
        AnyHostLoadProbe(ScriptedHostLoad(loads, thenCores: thenCores), window: .milliseconds(1), retakeWait: .zero)
    }

    /// A spec's load from its stored samples: foreign load in % of one core, and I/O wait in %
    /// of the iteration, `ioWait[i]` for iteration i where given.
    static func specLoad(_ cores: [Double], ioWait: [Double] = []) -> HostLoad.SpecLoad? {
        HostLoad.SpecLoad(
            foreignPercents: cores.enumerated().map {
                Sample(metric: Metric.hostLoad.foreignCPU(.creation).id, iteration: $0.offset, value: $0.element * 100)
            },
            ioWaitPercents: ioWait.enumerated().map {
                Sample(metric: Metric.hostLoad.ioWait(.creation).id, iteration: $0.offset, value: $0.element * 100)
            })
    }

    @Test func anIterationIsBusyAboveHalfACoreAndASpecWhenMoreThanATenthOfItsIterationsWere() throws {
        #expect(!HostLoad(foreignCores: 0.5, stealCores: 0, seconds: 1).isBusy)
        #expect(HostLoad(foreignCores: 0.51, stealCores: 0, seconds: 1).isBusy)
        #expect(Self.specLoad([]) == nil, "no load measured: no figure")
        let one = try #require(Self.specLoad([0.9] + Array(repeating: 0.1, count: 9)))
        #expect(!one.isBusy, "1 busy of 10 is a tenth: not more")
        #expect(one.busyIterations == 1 && one.iterations == 10)
        #expect(Self.specLoad([0.9, 0.8] + Array(repeating: 0.1, count: 8))?.isBusy == true)
        #expect(Self.specLoad([0.6])?.isBusy == true)
        #expect(Self.specLoad([0.6])?.medianIOWaitShare == nil, "no I/O wait stored: none said")
    }

    /// A tenant that waits on the disk takes little CPU: an iteration during which some task
    /// waited for I/O more than ``HostLoad/busyIOWaitShare`` of the time is busy too, whatever its
    /// foreign CPU; a spec counts such iterations with the CPU-busy ones, pairing them by iteration.
    @Test func anIterationDuringWhichTheHostWaitedOnTheDiskIsBusyToo() throws {
        let limit = HostLoad.busyIOWaitShare
        #expect(!HostLoad(foreignCores: 0.1, stealCores: 0, seconds: 1, ioWaitShare: limit).isBusy)
        #expect(HostLoad(foreignCores: 0.1, stealCores: 0, seconds: 1, ioWaitShare: limit + 0.01).isBusy)
        #expect(!HostLoad(foreignCores: 0.1, stealCores: 0, seconds: 1, ioWaitShare: nil).isBusy)
        // Two of ten iterations waited on the disk, none used CPU: busy, by the I/O wait alone.
        let waited = Array(repeating: 0.02, count: 8) + [0.9, 0.95]
        let load = try #require(Self.specLoad(Array(repeating: 0.1, count: 10), ioWait: waited))
        #expect(load.isBusy)
        #expect(load.busyIterations == 2)
        #expect(load.medianIOWaitShare == 0.02)
        #expect(load.description.contains("2 of 10 kept iterations busy"), "\(load)")
        #expect(load.description.contains("some task waiting for I/O 2.0 % of the time"), "\(load)")
        // The I/O wait of iteration 9 pairs with iteration 9's CPU, not with another's: one busy
        // iteration (by CPU and I/O both) is a tenth, not busy.
        let same = try #require(
            Self.specLoad(Array(repeating: 0.1, count: 9) + [0.9], ioWait: Array(repeating: 0.02, count: 9) + [0.9]))
        #expect(same.busyIterations == 1 && !same.isBusy)
        // Paired by iteration number, not by position: I/O figures stored out of order and with a
        // gap (iteration 1 has none) still fall on their own iterations.
        let foreign = [0.9, 0.1, 0.1].enumerated().map {
            Sample(metric: Metric.hostLoad.foreignCPU(.creation).id, iteration: $0.offset, value: $0.element * 100)
        }
        let ioWait = [(2, 90.0), (0, 1.0)].map {
            Sample(metric: Metric.hostLoad.ioWait(.creation).id, iteration: $0.0, value: $0.1)
        }
        let paired = try #require(HostLoad.SpecLoad(foreignPercents: foreign, ioWaitPercents: ioWait))
        #expect(paired.busyIterations == 2, "iteration 0 by its CPU, iteration 2 by its I/O wait")
        #expect(paired.medianIOWaitShare == 0.9, "the median of the two iterations that measured it")
    }

    @Test func anIterationBusyWithIOIsMeasuredAgainAndSaysWhy() async throws {
        let recorder = SpecRecorder(spec: "creation", busyRetakes: 3)
        let host = ScriptedHostLoad(
            loads: [ScriptedHostLoad.cpu(0.1, ioWaitShare: 0.8), ScriptedHostLoad.cpu(0.1, ioWaitShare: 0.04)])
        var reasons: [String] = []
        try await recorder.attempt(
            0, continuity: SimulatedContinuity(),
            load: AnyHostLoadProbe(host, window: .milliseconds(1), retakeWait: .zero),
            { iteration in recorder.record(Metric.creation.createStart, iteration: iteration, value: 0.2) },
            retaking: { reasons.append($0) })
        #expect(host.intervals == 2)
        #expect(reasons.first?.contains("some task waited for I/O 80.0 % of the time, above") == true, "\(reasons)")
        #expect(reasons.first?.contains("cores of foreign load") == false, "the CPU was not why: \(reasons)")
        let result = recorder.result
        #expect(result.values(of: Metric.hostLoad.ioWait(.creation).id) == [4], "% of the iteration")
        #expect(result.notes.first?.contains("iteration 1 (0.100 cores, I/O wait 80.0 %)") == true, "\(result.notes)")
    }

    @Test func aBusyIterationIsMeasuredAgainAndTheKeptOneStoresItsLoad() async throws {
        let recorder = SpecRecorder(spec: "creation", busyRetakes: 3)
        let takes = Mutex(0)
        var reasons: [String] = []
        try await recorder.attempt(
            0, continuity: SimulatedContinuity(), load: Self.probe([1.4, 0.1]),
            { iteration in
                let take = takes.withLock {
                    $0 += 1
                    return $0
                }
                recorder.record(Metric.creation.createStart, iteration: iteration, value: take == 1 ? 0.5 : 0.2)
            },
            retaking: { reasons.append($0) })
        #expect(takes.withLock { $0 } == 2)
        #expect(
            reasons == [
                "the host was busy with other work (1.40 cores of foreign load, above 0.500); later iterations of this "
                    + "spec measured under load are taken again without a line each"
            ])
        let result = recorder.result
        #expect(result.values(of: Metric.creation.createStart.id) == [0.2])
        #expect(result.values(of: Metric.hostLoad.foreignCPU(.creation).id) == [10], "% of one core")
        #expect(result.values(of: Metric.hostLoad.steal(.creation).id) == [1])
        #expect(
            result.notes == [
                "1 iteration was measured again because the host was busy with other work: iteration 1 (1.40 cores)."
            ])
    }

    @Test func whenTheBudgetOfBusyRetakesIsSpentABusyIterationIsKeptAndCounted() async throws {
        let recorder = SpecRecorder(spec: "creation", busyRetakes: 1)
        for iteration in 0..<2 {
            try await recorder.attempt(
                iteration, continuity: SimulatedContinuity(), load: Self.probe([], thenCores: 1.2)
            ) { iteration in
                recorder.record(Metric.creation.createStart, iteration: iteration, value: 0.3)
            }
        }
        let result = recorder.result
        #expect(result.values(of: Metric.creation.createStart.id) == [0.3, 0.3])
        #expect(result.values(of: Metric.hostLoad.foreignCPU(.creation).id) == [120, 120])
        #expect(result.notes.count == 1)
        // Iteration 1 was measured again once (the whole budget); its re-take and iteration 2 were kept busy.
        #expect(
            result.notes == [
                "1 iteration was measured again because the host was busy with other work: iteration 1 (1.20 cores); "
                    + "2 iterations were kept though the host was busy: no re-measurement was left."
            ])
    }

    @Test func onAHostThatStaysBusyOneWaitAndOneLineServeTheWholeSpec() async throws {
        let recorder = SpecRecorder(spec: "creation", busyRetakes: 6)
        let host = ScriptedHostLoad([], thenCores: 1.6)
        // A wait of 20 ms in windows of 1 ms: the first busy re-take waits it all, and finds the
        // host still busy; the later ones go on at once (one interval read per attempt).
        let probe = AnyHostLoadProbe(host, window: .milliseconds(1), retakeWait: .milliseconds(20))
        var reasons: [String] = []
        var afterFirstWait = 0
        for iteration in 0..<3 {
            try await recorder.attempt(
                iteration, continuity: SimulatedContinuity(), load: probe,
                { _ in }, retaking: { reasons.append($0) })
            if iteration == 0 { afterFirstWait = host.intervals }
        }
        #expect(reasons.count == 1, "one line for the spec: \(reasons)")
        #expect(reasons.first?.contains("without a line each") == true)
        // Iteration 1 spends the budget (7 attempts: 6 re-takes, the first after a wait of many
        // windows, the others at once) and is kept busy; iterations 2 and 3 are kept busy: one
        // interval each.
        // (How many windows the wait reads depends on how fast this host sleeps: at least one, and
        // no more than its 20 windows of at least 1 ms each.)
        #expect(afterFirstWait >= 7 + 1, "the first busy re-take waits: \(afterFirstWait)")
        #expect(afterFirstWait <= 7 + 21, "one wait only: \(afterFirstWait)")
        #expect(host.intervals - afterFirstWait == 2)
        #expect(recorder.result.notes.first?.contains("6 iterations were measured again") == true)
        #expect(recorder.result.notes.first?.contains("3 iterations were kept though the host was busy") == true)
    }

    @Test func aWarmUpIsNeverMeasuredAgainForLoadAndStoresNoLoad() async throws {
        let recorder = SpecRecorder(spec: "creation", busyRetakes: 3)
        let takes = Mutex(0)
        try await recorder.attempt(
            -1, continuity: SimulatedContinuity(), load: Self.probe([], thenCores: 1.8)
        ) { _ in takes.withLock { $0 += 1 } }
        #expect(takes.withLock { $0 } == 1)
        #expect(recorder.result.samples.isEmpty)
        #expect(recorder.result.notes.isEmpty)
    }

    @Test func anImpossibleIterationIsTakenAgainFromItsOwnBudgetNotTheBusyOne() async throws {
        let recorder = SpecRecorder(spec: "parallel", busyRetakes: 0)
        let takes = Mutex(0)
        try await recorder.attempt(0, continuity: SimulatedContinuity(), load: Self.probe([1.5])) {
            iteration in
            let take = takes.withLock {
                $0 += 1
                return $0
            }
            recorder.record(Metric.parallel.efficiency, iteration: iteration, value: take == 1 ? 4.2 : 0.4)
        }
        // The first take was impossible (and busy): retaken as impossible; the second is quiet.
        #expect(takes.withLock { $0 } == 2)
        #expect(recorder.result.values(of: .parallelEfficiency) == [0.4])
        #expect(recorder.result.values(of: Metric.hostLoad.foreignCPU(.parallel).id) == [5])
    }

    @Test func aSuiteOnABusyHostMeasuresItsBusyIterationsAgainAndSaysSo() async throws {
        var suite = InMemorySuite()
        // Iteration 2 is busy; after it, the host is quiet (0.05 cores) for the wait and the re-take.
        suite.hostLoad = Self.probe([0.1, 2.0])
        let result = try await suite.run(.creation, iterations: 3)
        let loads = result.values(of: Metric.hostLoad.foreignCPU(.creation).id)
        #expect(loads == [10, 5, 5])
        #expect(result.values(of: Metric.creation.createStart.id).count == 3)
        #expect(
            suite.progress.warnings.contains { $0.contains("iteration 2 discarded and taken again: the host was busy") }
        )
        #expect(
            Metric.hostLoad.load(ofSpec: "creation") { id in result.samples.filter { $0.metric == id } }?.isBusy
                == false)
    }

    @Test func theRunsFiguresAreTheMeanLoadAndTheCountOfBusySpecs() {
        let quiet = SpecResult(
            spec: "creation",
            samples: [10.0, 30.0].enumerated().map {
                Sample(metric: Metric.hostLoad.foreignCPU(.creation).id, iteration: $0.offset, value: $0.element)
            })
        let busy = SpecResult(
            spec: "e2e",
            samples: [110.0, 130.0].enumerated().map {
                Sample(metric: Metric.hostLoad.foreignCPU(.e2e).id, iteration: $0.offset, value: $0.element)
            })
        let samples = HostLoadSummary.samples(of: [quiet, busy])
        let byMetric = Dictionary(uniqueKeysWithValues: samples.map { ($0.metric, $0.value) })
        #expect(abs((byMetric[Metric.run.foreignCPU.id] ?? 0) - 70) < 1e-9)
        #expect(byMetric[Metric.run.busySpecs.id] == 1)
        #expect(HostLoadSummary.busySpecs(of: [quiet, busy]).map(\.spec) == ["e2e"])
        #expect(HostLoadSummary.busySpecs(of: [quiet, busy]).map(\.load.medianCores) == [1.3], "the median, in cores")
        #expect(byMetric[Metric.run.ioWait.id] == nil, "no I/O wait measured: no figure, not 0")
        var waited = quiet
        waited.samples += [2.0, 80.0].enumerated().map {
            Sample(metric: Metric.hostLoad.ioWait(.creation).id, iteration: $0.offset, value: $0.element)
        }
        let withIO = Dictionary(
            uniqueKeysWithValues: HostLoadSummary.samples(of: [waited, busy]).map { ($0.metric, $0.value) })
        #expect(withIO[Metric.run.ioWait.id] == 41, "the mean over the iterations that measured it")
        #expect(withIO[Metric.run.busySpecs.id] == 2, "creation's second iteration waited on the disk 80 % of the time")
        #expect(HostLoadSummary.samples(of: [SpecResult(spec: "creation")]).isEmpty, "no load measured: nothing")
    }

    @Test func theKernelsIOPressureIsReadAsItsStallTimeAndItsShareOfAnInterval() throws {
        let text =
            "some avg10=1.58 avg60=0.91 avg300=2.14 total=438762888\nfull avg10=1.17 avg60=0.66 avg300=0.57 total=123945520\n"
        #expect(ProcStat.ioStalled(text) == 438_762_888, "the some line's total, not the full line's")
        #expect(ProcStat.ioStalled("full avg10=0.00 avg60=0.00 avg300=0.00 total=5\n") == nil)
        #expect(ProcStat.ioStalled("some avg10=0.00 total=x\n") == nil)
        #expect(ProcStat.ioStalled("") == nil)
        let clock = ContinuousClock.now
        func mark(_ stalled: UInt64?, at seconds: Double) -> ForeignLoadMeter.Mark {
            var mark = ForeignLoadMeter.mark(
                machine: ProcStat.Machine(busy: 1000, steal: 0), processes: [], own: [], uptime: 0,
                instant: clock + .seconds(seconds))
            mark.ioStalled = stalled
            return mark
        }
        // 0.15 s of stall over a 0.5 s interval: 30 %.
        #expect(
            ForeignLoadMeter.ioWaitShare(from: mark(1_000_000, at: 0), to: mark(1_150_000, at: 0.5), seconds: 0.5)
                == 0.3)
        // Read a moment after the clock: never more than the whole interval.
        #expect(ForeignLoadMeter.ioWaitShare(from: mark(0, at: 0), to: mark(600_000, at: 0.5), seconds: 0.5) == 1)
        #expect(ForeignLoadMeter.ioWaitShare(from: mark(nil, at: 0), to: mark(600_000, at: 0.5), seconds: 0.5) == nil)
        #expect(ForeignLoadMeter.ioWaitShare(from: mark(9, at: 0), to: mark(5, at: 0.5), seconds: 0.5) == nil)
        // This host's own reading: where its kernel reports I/O pressure, the meter reads it.
        let meter = ForeignLoadMeter(engine: .init(daemon: 1, containerdAddress: "/nonexistent"))
        let start = meter.mark()
        let reported = ProcStat.read("/proc/pressure/io").flatMap(ProcStat.ioStalled) != nil
        #expect((start.ioStalled != nil) == reported)
    }

    @Test func procStatIsReadFieldByFieldWhateverTheCommandHolds() throws {
        let machine = try #require(ProcStat.machine("cpu  100 5 50 9000 20 3 2 7 0 0\ncpu0 1 2 3\n"))
        #expect(machine.busy == 100 + 5 + 50 + 3 + 2 + 7)
        #expect(machine.steal == 7)
        #expect(ProcStat.machine("intr 1 2 3") == nil)
        // A command with a space and a closing parenthesis: fields count from its last ")".
        let fields = "S 41 42 42 0 -1 4194560 100 0 0 0 250 30 12 8 20 0 1 0 98765 1000 10"
        let process = try #require(ProcStat.process("4242 (a) b) c) \(fields)"))
        #expect(process.pid == 4242)
        #expect(process.command == "a) b) c")
        #expect(process.parent == 41)
        #expect(process.own == 280)
        #expect(process.reaped == 20)
        #expect(process.started == 98765)
        #expect(ProcStat.process("4242 (x) S 1") == nil)
    }

    @Test func theMeasurementsOwnProcessesAreTheToolTheEngineTheirShimsAndEveryProcessBelow() {
        func process(_ pid: Int32, _ parent: Int32, _ command: String) -> ProcStat.Process {
            ProcStat.Process(pid: pid, parent: parent, command: command, started: 1, own: 0, reaped: 0)
        }
        let me = getpid()
        let meter = ForeignLoadMeter(engine: .init(daemon: 100, containerdAddress: "/run/x/containerd.sock"))
        let processes = [
            process(1, 0, "init"), process(100, 1, "dockerd"), process(101, 100, "containerd"),
            process(102, 101, "containerd-shim"), process(me, 1, "sandbox-bench"), process(900_001, me, "python3"),
            process(900_002, 900_001, "sh"), process(200, 1, "stress-ng"), process(201, 200, "stress-ng-cpu"),
        ]
        let own = Set(meter.ownProcesses(processes).map { $0.pid })
        #expect(own == [100, 101, 102, me, 900_001, 900_002])
    }

    @Test func anEndedShimInitHasNotReapedIsTheMeasurementsUnlessAnotherEnginesShimsRun() {
        let me = getpid()
        let meter = ForeignLoadMeter(engine: .init(daemon: 100, containerdAddress: "/run/x/containerd.sock"))
        let zombie = ProcStat.Process(
            pid: 103, parent: 1, command: "containerd-shim", started: 1, own: 5, reaped: 7, zombie: true)
        let base = [
            ProcStat.Process(pid: 1, parent: 0, command: "init", started: 1, own: 0, reaped: 0),
            ProcStat.Process(pid: 100, parent: 1, command: "dockerd", started: 1, own: 0, reaped: 0),
            ProcStat.Process(pid: me, parent: 1, command: "sandbox-bench", started: 1, own: 0, reaped: 0), zombie,
        ]
        let arguments: (Int32) -> [String] = { pid in
            switch pid {
            case 102: ["containerd-shim-runc-v2", "-address", "/run/x/containerd.sock"]
            case 200: ["containerd-shim-runc-v2", "-address", "/run/other/containerd.sock"]
            default: []
            }
        }
        let ours = ProcStat.Process(pid: 102, parent: 1, command: "containerd-shim", started: 1, own: 0, reaped: 0)
        #expect(Set(meter.ownProcesses(base + [ours], arguments: arguments).map(\.pid)) == [100, me, 102, 103])
        // A shim of another engine (its arguments name another containerd) is alive: the zombie
        // cannot be told apart from one of its own, and stays foreign.
        let other = ProcStat.Process(pid: 200, parent: 1, command: "containerd-shim", started: 1, own: 0, reaped: 0)
        #expect(Set(meter.ownProcesses(base + [ours, other], arguments: arguments).map(\.pid)) == [100, me, 102])
        #expect(ProcStat.process("103 (containerd-shim) Z 1 1 1 0 -1 0 0 0 0 0 5 0 7 0 20 0 1 0 1 0")?.zombie == true)
        #expect(ProcStat.process("103 (containerd-shim) S 1 1 1 0 -1 0 0 0 0 0 5 0 7 0 20 0 1 0 1 0")?.zombie == false)
    }

    /// Two marks one second apart, processes given as (pid, parent, own ticks, reaped ticks).
    static func marks(
        busy: (UInt64, UInt64), own: Set<Int32>, before: [(Int32, Int32, UInt64, UInt64)],
        after: [(Int32, Int32, UInt64, UInt64)]
    ) -> (ForeignLoadMeter.Mark, ForeignLoadMeter.Mark) {
        func processes(_ rows: [(Int32, Int32, UInt64, UInt64)]) -> [ProcStat.Process] {
            rows.map { ProcStat.Process(pid: $0.0, parent: $0.1, command: "p", started: 1, own: $0.2, reaped: $0.3) }
        }
        let start = ContinuousClock.now
        return (
            ForeignLoadMeter.mark(
                machine: .init(busy: busy.0, steal: 0), processes: processes(before), own: own, uptime: 1000,
                instant: start),
            ForeignLoadMeter.mark(
                machine: .init(busy: busy.1, steal: 0), processes: processes(after), own: own, uptime: 1100,
                instant: start.advanced(by: .seconds(1)))
        )
    }

    @Test func aCommandInitReapsDoesNotHideTheOtherWorkStillRunning() throws {
        let tick = ProcStat.ticksPerSecond / 100
        let me: Int32 = 500
        // A build (300) runs all along, 0.8 cores; a command (301) that ran for minutes ends and its
        // reaper is init (1), whose reaped time jumps by its whole life; the tool (500) uses little.
        let (start, end) = Self.marks(
            busy: (10_000, 10_000 + UInt64(95 * tick)), own: [me],
            before: [(1, 0, 10, 0), (300, 1, 5_000, 0), (301, 1, 9_000, 0), (me, 1, 40, 0)],
            after: [(1, 0, 10, 9_010), (300, 1, 5_000 + UInt64(80 * tick), 0), (me, 1, 40 + UInt64(5 * tick), 0)])
        let load = try #require(ForeignLoadMeter.load(from: start, to: end, cpus: 2))
        #expect(abs(load.foreignCores - 0.8) < 0.02, "the build's 0.8 cores, not 0: \(load.foreignCores)")
        #expect(load.isBusy)
    }

    @Test func aChildReapedByAnotherTenantsProcessIsCountedOnce() throws {
        let tick = ProcStat.ticksPerSecond / 100
        // 400 runs 0.5 cores itself and reaps 401, which had used 200 ticks and used 0.2 cores more.
        let (start, end) = Self.marks(
            busy: (10_000, 10_000 + UInt64(70 * tick)), own: [],
            before: [(1, 0, 0, 0), (400, 1, 100, 0), (401, 400, 200, 0)],
            after: [(1, 0, 0, 0), (400, 1, 100 + UInt64(50 * tick), 200 + UInt64(20 * tick))])
        let load = try #require(ForeignLoadMeter.load(from: start, to: end, cpus: 2))
        #expect(abs(load.foreignCores - 0.7) < 0.02, "\(load.foreignCores)")
    }

    @Test func theMeasurementsOwnShimsThatInitReapedAreNotForeign() throws {
        let tick = ProcStat.ticksPerSecond / 100
        let me: Int32 = 500
        // A shim (600, the engine's) ends during the iteration after 0.3 cores of runtime and sandbox
        // work; init reaps it. Nothing else runs.
        let (start, end) = Self.marks(
            busy: (10_000, 10_000 + UInt64(35 * tick)), own: [me, 600],
            before: [(1, 0, 0, 0), (me, 1, 40, 0), (600, 1, 10, 0)],
            after: [(1, 0, 0, 10 + UInt64(30 * tick)), (me, 1, 40 + UInt64(5 * tick), 0)])
        let load = try #require(ForeignLoadMeter.load(from: start, to: end, cpus: 2))
        #expect(load.foreignCores < 0.02, "\(load.foreignCores)")
    }

    @Test func anEngineAndItsShimsAreFoundByTheirOptions() {
        #expect(
            ForeignLoadMeter.address(of: ["containerd-shim-runc-v2", "-namespace", "moby", "-address", "/a.sock"])
                == "/a.sock")
        #expect(ForeignLoadMeter.address(of: ["shim", "--address=/b.sock"]) == "/b.sock")
        #expect(ForeignLoadMeter.address(of: ["shim", "-address"]) == nil)
        #expect(
            ForeignLoadMeter.values(of: ["-H", "--host"], in: ["dockerd", "-H", "unix:///x.sock", "--host=fd://"])
                == ["unix:///x.sock", "fd://"])
    }
}
