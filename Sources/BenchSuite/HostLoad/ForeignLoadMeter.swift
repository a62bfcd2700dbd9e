import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Measures the host's foreign load: the machine's busy CPU time (``ProcStat/Machine``) minus the
/// CPU time of the measurement's own processes over the same interval.
///
/// The measurement's processes are this process and its children, the engine — the `dockerd`
/// that serves the run's socket and every process below it (its `containerd`, …) — and the
/// engine's shims (`containerd-shim*` whose `-address` is the engine's containerd), with every
/// process below them: the runtime (`runc`, `runsc`) and the sandboxes' own processes, since a
/// shim is its containers' subreaper. Each counts with what it reaped (cutime + cstime). Time of
/// a process that ended goes to whoever reaped it: a counted parent, or init, which reaps the
/// engine's shims (their parent is 1). What init reaped during the interval is counted as the
/// measurement's, so an ended shim's runtime and sandbox time is not taken for foreign load; the
/// price is that another tenant's orphans that end during an iteration are missed (an
/// under-estimate bounded by init's reaped time). A process that ended during the interval has
/// its time before the interval subtracted, since its reaper's total counts it again.
///
/// Init reaps more than the engine's shims where the tenant's commands are its children (a
/// container's or a VM's agent as PID 1): one such command ending during an iteration would count
/// its whole life as the measurement's and hide a busy iteration. So the foreign load is also
/// counted directly — the CPU time of every other process over the interval (a process that ended
/// has its earlier time subtracted when a process still here reaped it), init's own time but not
/// what it reaped, plus steal — and the larger of the two counts is the load. Both can only
/// under-count (the first by what init reaped of other work, the second by the last moments of
/// other processes init reaped), neither counts the measurement's own processes.
///
/// A tenant that waits on the disk takes little CPU and still slows the engine, whose metadata
/// and layers are on a disk too: the meter also reads the kernel's I/O pressure
/// (`/proc/pressure/io`, "some": the time during which at least one task waited for I/O) at each
/// mark, as the share of the interval (``HostLoad/ioWaitShare``). It cannot tell whose the wait
/// was; the measurement's own is small (``HostLoad/busyIOWaitShare``). Nil where the kernel has no
/// pressure stall information.
///
/// Not the containers' cgroups: a cgroup's usage counts the sandboxes' processes a second time,
/// as their shim reaps them (see docs/regression.md, "Foreign load").
package struct ForeignLoadMeter: HostLoadProbe {
    package struct Mark: Sendable {
        var instant: ContinuousClock.Instant
        var uptime: UInt64
        var machine: ProcStat.Machine
        var own: [Key: UInt64]
        var reapedByInit: UInt64
        /// Every other process's CPU time so far (init's without what it reaped) and its parent.
        var others: [Key: Other]
        /// Microseconds some task of the host has waited for I/O since boot (``ProcStat/ioStalled(_:)``).
        package var ioStalled: UInt64? = nil
    }

    package struct Key: Hashable, Sendable {
        var pid: Int32
        var started: UInt64
    }

    package struct Other: Hashable, Sendable {
        var total: UInt64
        var parent: Int32
    }

    /// The engine's daemon and the containerd address its shims name.
    package struct Engine: Sendable, Hashable {
        package var daemon: Int32
        package var containerdAddress: String

        package init(daemon: Int32, containerdAddress: String) {
            self.daemon = daemon
            self.containerdAddress = containerdAddress
        }
    }

    package let engine: Engine
    private let clock = ContinuousClock()

    package init(engine: Engine) {
        self.engine = engine
    }

    /// The meter of the engine serving `socketPath`, when this host runs it; nil when no
    /// `dockerd` here serves it (a remote engine: its load cannot be told from another's).
    package init?(engineSocket socketPath: String) {
        guard let engine = Self.engine(serving: socketPath) else { return nil }
        self.init(engine: engine)
    }

    package func mark() -> Mark {
        let machine = ProcStat.read("/proc/stat").flatMap(ProcStat.machine) ?? ProcStat.Machine(busy: 0, steal: 0)
        let processes = ProcStat.processes()
        let own = Set(ownProcesses(processes).map(\.pid))
        var mark = Self.mark(
            machine: machine, processes: processes, own: own, uptime: ProcStat.uptimeTicks(), instant: clock.now)
        mark.ioStalled = ProcStat.read("/proc/pressure/io").flatMap(ProcStat.ioStalled)
        return mark
    }

    package func load(since start: Mark) -> HostLoad? {
        Self.load(from: start, to: mark(), cpus: Double(max(1, ProcessInfo.processInfo.activeProcessorCount)))
    }

    /// A mark of what `/proc` said: the machine's time, and every process's, the measurement's
    /// own (the pids in `own`) apart.
    package static func mark(
        machine: ProcStat.Machine, processes: [ProcStat.Process], own: Set<Int32>, uptime: UInt64,
        instant: ContinuousClock.Instant
    ) -> Mark {
        var ownTimes: [Key: UInt64] = [:]
        var others: [Key: Other] = [:]
        for process in processes {
            let key = Key(pid: process.pid, started: process.started)
            if own.contains(process.pid) {
                ownTimes[key] = process.own + process.reaped
            } else {
                let total = process.pid == 1 ? process.own : process.own + process.reaped
                others[key] = Other(total: total, parent: process.parent)
            }
        }
        return Mark(
            instant: instant, uptime: uptime, machine: machine, own: ownTimes,
            reapedByInit: processes.first { $0.pid == 1 }?.reaped ?? 0, others: others)
    }

    /// The foreign load between two marks, on a machine of `cpus` CPUs: the larger of the machine's
    /// busy time less the measurement's, and the other processes' time counted one by one.
    package static func load(from start: Mark, to end: Mark, cpus: Double) -> HostLoad? {
        let seconds = (end.instant - start.instant).seconds
        guard seconds > 0, end.machine.busy >= start.machine.busy, end.machine.busy > 0 else { return nil }
        let ticks = ProcStat.ticksPerSecond * seconds
        let steal = Int64(end.machine.steal) - Int64(start.machine.steal)
        var own = Int64(end.reapedByInit) - Int64(start.reapedByInit)
        own += growth(of: end.own, since: start.own, startedAfter: start.uptime)
        for (key, before) in start.own where end.own[key] == nil {
            own -= Int64(before)
        }
        let busy = Int64(end.machine.busy - start.machine.busy)
        let alive = Set(end.others.keys.map(\.pid)).union(end.own.keys.map(\.pid))
        var others = growth(
            of: end.others.mapValues(\.total), since: start.others.mapValues(\.total),
            startedAfter: start.uptime)
        for (key, before) in start.others where end.others[key] == nil {
            // Reaped by a process still here, whose reaped time now counts all of it again.
            if before.parent != 1, alive.contains(before.parent) { others -= Int64(before.total) }
        }
        let foreign = max(busy - max(0, own), max(0, others) + max(0, steal), 0)
        // The machine's counters and the processes' are read a moment apart: over a short interval
        // the difference can exceed what the CPUs could do, which no load can.
        return HostLoad(
            foreignCores: min(cpus, Double(foreign) / ticks), stealCores: Double(max(0, steal)) / ticks,
            seconds: seconds, ioWaitShare: ioWaitShare(from: start, to: end, seconds: seconds))
    }

    /// The share of the interval during which some task waited for I/O: the growth of the
    /// kernel's stall time over the interval's length, at most 1 (the two are read a moment apart).
    /// It counts the measurement's own waits too — PSI says that a task waited, not whose — which
    /// on a quiet host stay far below ``HostLoad/busyIOWaitShare``.
    package static func ioWaitShare(from start: Mark, to end: Mark, seconds: Double) -> Double? {
        guard let before = start.ioStalled, let after = end.ioStalled, after >= before, seconds > 0 else { return nil }
        return min(1, Double(after - before) / 1e6 / seconds)
    }

    /// What the processes of `end` spent since `start`: the growth of those in both, the whole
    /// time of those started since (`startedAfter`, in ticks since boot).
    private static func growth(of end: [Key: UInt64], since start: [Key: UInt64], startedAfter: UInt64) -> Int64 {
        var total: Int64 = 0
        for (key, ticks) in end {
            if let before = start[key] {
                total += Int64(ticks) - Int64(before)
            } else if key.started >= startedAfter {
                total += Int64(ticks)
            }
        }
        return total
    }

    /// This process, the engine's daemon, the engine's shims, and every process below them.
    /// (`arguments` reads a process's arguments: `/proc`, or a test's.)
    package func ownProcesses(
        _ processes: [ProcStat.Process], arguments: (Int32) -> [String] = ProcStat.arguments(of:)
    ) -> [ProcStat.Process] {
        var children: [Int32: [ProcStat.Process]] = [:]
        for process in processes { children[process.parent, default: []].append(process) }
        var roots = Set([getpid(), engine.daemon])
        var anotherEnginesShim = false
        var endedShims: [Int32] = []
        for process in processes where process.command.hasPrefix("containerd-shim") {
            guard !process.zombie else {
                endedShims.append(process.pid)
                continue
            }
            guard let address = Self.address(of: arguments(process.pid)) else { continue }
            if address == engine.containerdAddress {
                roots.insert(process.pid)
            } else {
                anotherEnginesShim = true
            }
        }
        // An ended shim init has not reaped yet has no arguments left to say whose it is. Where
        // init reaps late (an agent as PID 1), each iteration's shim is such a zombie at the end
        // mark, with the runtime's and the sandbox's time: taken for other work, it made a quiet
        // host read as 0.3–0.5 cores busy per iteration. It is the measurement's unless another
        // engine's shims run here; then it stays foreign (the safe side: measured again).
        if !anotherEnginesShim { roots.formUnion(endedShims) }
        var found: [ProcStat.Process] = []
        var queue = processes.filter { roots.contains($0.pid) }
        var seen = Set<Int32>()
        while let next = queue.popLast() {
            guard seen.insert(next.pid).inserted else { continue }
            found.append(next)
            queue += children[next.pid] ?? []
        }
        return found
    }

    /// The value of `-address` (or `--address`) among a shim's arguments.
    package static func address(of arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "-address" || argument == "--address" {
                return index + 1 < arguments.count ? arguments[index + 1] : nil
            }
            for prefix in ["-address=", "--address="] where argument.hasPrefix(prefix) {
                return String(argument.dropFirst(prefix.count))
            }
        }
        return nil
    }

    /// The `dockerd` listening on `socketPath` (named by `-H`/`--host`, or the default socket when
    /// it names none) and the containerd address of its shims: its `--containerd`, else its own
    /// containerd's under its exec root (`--exec-root`, default /var/run/docker).
    package static func engine(serving socketPath: String) -> Engine? {
        let wanted = URL(fileURLWithPath: socketPath).standardizedFileURL.path
        let defaults = ["/var/run/docker.sock", "/run/docker.sock"]
        for process in ProcStat.processes() where process.command == "dockerd" {
            let arguments = ProcStat.arguments(of: process.pid)
            let hosts = values(of: ["-H", "--host"], in: arguments).map {
                $0.hasPrefix("unix://") ? String($0.dropFirst("unix://".count)) : $0
            }
            let serves = hosts.isEmpty ? defaults.contains(wanted) : hosts.contains(wanted)
            guard serves else { continue }
            let execRoot = values(of: ["--exec-root"], in: arguments).last ?? "/var/run/docker"
            let containerd =
                values(of: ["--containerd"], in: arguments).last ?? execRoot + "/containerd/containerd.sock"
            return Engine(daemon: process.pid, containerdAddress: containerd)
        }
        return nil
    }

    /// Every value of an option, as `--name value` or `--name=value`.
    package static func values(of names: [String], in arguments: [String]) -> [String] {
        var found: [String] = []
        for (index, argument) in arguments.enumerated() {
            for name in names {
                if argument == name, index + 1 < arguments.count { found.append(arguments[index + 1]) }
                if argument.hasPrefix(name + "=") { found.append(String(argument.dropFirst(name.count + 1))) }
            }
        }
        return found
    }
}
