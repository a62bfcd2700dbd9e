import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the kernel's `/proc` says of CPU time: the machine's, from `/proc/stat`, and one
/// process's, from `/proc/PID/stat`, in clock ticks (`sysconf(_SC_CLK_TCK)`). Read with plain
/// `open`/`read`: these files are made by the kernel on reading, never wait on a disk, and are
/// read outside every measured section.
package enum ProcStat {
    /// The machine's CPU time, all CPUs, since boot.
    package struct Machine: Sendable, Hashable {
        /// user + nice + system + irq + softirq + steal: every tick a CPU was not idle or waiting
        /// for I/O. (`guest` is already part of `user`.)
        package var busy: UInt64
        package var steal: UInt64

        package init(busy: UInt64, steal: UInt64) {
            self.busy = busy
            self.steal = steal
        }
    }

    /// One process's CPU time, since it started.
    package struct Process: Sendable, Hashable {
        package var pid: Int32
        package var parent: Int32
        package var command: String
        /// When it started, in ticks since boot: with `pid`, a process's identity.
        package var started: UInt64
        /// utime + stime: its own.
        package var own: UInt64
        /// cutime + cstime: its children's that it reaped (and theirs).
        package var reaped: UInt64
        /// Ended, not yet reaped (state `Z`): its arguments are gone, its times are still there.
        package var zombie: Bool

        package init(
            pid: Int32, parent: Int32, command: String, started: UInt64, own: UInt64, reaped: UInt64,
            zombie: Bool = false
        ) {
            self.pid = pid
            self.parent = parent
            self.command = command
            self.started = started
            self.own = own
            self.reaped = reaped
            self.zombie = zombie
        }
    }

    package static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// The first line of `/proc/stat`: `cpu  user nice system idle iowait irq softirq steal …`.
    package static func machine(_ text: String) -> Machine? {
        guard let line = text.split(separator: "\n", maxSplits: 1).first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard fields.count >= 7 else { return nil }
        let steal = fields.count > 7 ? fields[7] : 0
        return Machine(busy: fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + steal, steal: steal)
    }

    /// `/proc/PID/stat`: `pid (comm) state ppid … utime stime cutime cstime … starttime …`. The
    /// command may hold spaces and parentheses: the fields after it start after its last `)`.
    package static func process(_ text: String) -> Process? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"),
            let pid = Int32(text[..<open].trimmingCharacters(in: .whitespaces))
        else { return nil }
        let command = String(text[text.index(after: open)..<close])
        // Fields from the state (field 3) on: state ppid pgrp session tty tpgid flags minflt
        // cminflt majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime.
        let rest = text[text.index(after: close)...].split(separator: " ")
        guard rest.count > 19, let parent = Int32(rest[1]), let utime = UInt64(rest[11]),
            let stime = UInt64(rest[12]), let cutime = UInt64(rest[13]), let cstime = UInt64(rest[14]),
            let started = UInt64(rest[19])
        else { return nil }
        return Process(
            pid: pid, parent: parent, command: command, started: started, own: utime + stime,
            reaped: cutime + cstime, zombie: rest[0] == "Z")
    }

    /// The microseconds since boot during which some task waited for I/O: the `total` of the
    /// `some` line of `/proc/pressure/io` (`some avg10=0.00 avg60=0.00 avg300=0.00 total=1234`).
    /// Nil without it: a kernel built without pressure stall information, or booted with `psi=0`
    /// (reading then fails).
    package static func ioStalled(_ text: String) -> UInt64? {
        for line in text.split(separator: "\n") where line.hasPrefix("some ") {
            for field in line.split(separator: " ") where field.hasPrefix("total=") {
                return UInt64(field.dropFirst("total=".count))
            }
        }
        return nil
    }

    /// The whole of a small file of `/proc`, or nil when it cannot be read (a process that ended).
    package static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// A process's arguments (`/proc/PID/cmdline`, NUL-separated).
    package static func arguments(of pid: Int32) -> [String] {
        (read("/proc/\(pid)/cmdline") ?? "").split(separator: "\0").map(String.init)
    }

    /// Every process now.
    package static func processes() -> [Process] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var found: [Process] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let first = name.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { continue }
            if let text = read("/proc/\(name)/stat"), let process = process(text) { found.append(process) }
        }
        return found
    }

    /// The time since boot, in ticks, as `starttime` counts it.
    package static func uptimeTicks() -> UInt64 {
        UInt64(Double(ProcessContinuity.nanoseconds(of: CLOCK_BOOTTIME)) / 1e9 * ticksPerSecond)
    }
}
