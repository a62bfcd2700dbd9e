/// What the scheduler says one thread has done since it began: its time on a CPU and its time
/// runnable but waiting for one, as `/proc/<pid>/task/<tid>/schedstat` gives them (its first two
/// numbers, in nanoseconds; the kernel's `CONFIG_SCHED_INFO`, on in every distribution kernel).
///
/// The rest of a thread's time is time it was not runnable: asleep because it asked to be, or
/// held by something outside it — the cgroup freezer, a ptrace stop, a stop signal. That
/// remainder is what ``HeartbeatLedger`` reads a freeze from.
package struct ThreadSchedule: Sendable, Hashable {
    package var onCPUNanoseconds: Int64
    package var waitingNanoseconds: Int64

    package init(onCPUNanoseconds: Int64, waitingNanoseconds: Int64) {
        self.onCPUNanoseconds = onCPUNanoseconds
        self.waitingNanoseconds = waitingNanoseconds
    }

    /// The first two numbers of a schedstat file's bytes ("745952 76844 2\n"), or nil when the
    /// bytes do not start with two decimal numbers separated by a space.
    ///
    /// Read by hand, not through `String` and `split`: the heartbeat reads it every beat and
    /// should allocate nothing.
    package init?(schedstat bytes: some Collection<UInt8>) {
        var first: Int64?
        var current: Int64 = 0
        var digits = 0
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                guard digits < 18 else { return nil }
                current = current * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                guard digits > 0 else { return nil }
                guard let onCPU = first else {
                    first = current
                    current = 0
                    digits = 0
                    continue
                }
                onCPUNanoseconds = onCPU
                waitingNanoseconds = current
                return
            } else {
                return nil
            }
        }
        return nil
    }
}
