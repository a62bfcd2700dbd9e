import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process as the runs table and the container labels remember it: host, pid, and a start
/// identity that a later process reusing the same pid does not share. On Linux the identity is the boot id and the
/// process's start time in clock ticks since boot; elsewhere it is empty and only the pid is checked.
package struct ProcessIdentity: Equatable, Sendable {
    package var host: String
    package var pid: Int32
    package var start: String

    package init(host: String, pid: Int32, start: String) {
        self.host = host
        self.pid = pid
        self.start = start
    }

    package static var current: ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(host: hostName, pid: pid, start: startIdentity(of: pid) ?? "")
    }

    package static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when this process is known to have ended: it ran on this host, and no live process
    /// with its pid and start identity exists. A process on another host is never declared gone.
    package var isGone: Bool {
        guard host == Self.hostName else { return false }
        if start.isEmpty {
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        return Self.startIdentity(of: pid) != start
    }

    /// "boot id:start ticks" of a live process, nil when it does not exist, is a zombie, or
    /// `/proc` is not there.
    package static func startIdentity(of pid: Int32) -> String? {
        guard let bootID = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let endOfName = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3, starttime is field 22.
        let fields = stat[stat.index(after: endOfName)...].split(separator: " ")
        guard fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
        return bootID.trimmingCharacters(in: .whitespacesAndNewlines) + ":" + fields[19]
    }
}
