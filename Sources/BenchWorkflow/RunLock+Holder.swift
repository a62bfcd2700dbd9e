import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension RunLock {
    /// The process that holds a lock, as the kernel names it in `/proc/locks`, its command
    /// (`sandbox-bench run`) from `/proc/PID/cmdline`, and its user, the owner of `/proc/PID`.
    /// Read from the kernel, not from the lock file: the holder may be a user who could not write
    /// the file, and nothing is written to it. Any user who may read the host-wide lock may hold
    /// it — that is what makes it host-wide — so the holder is not always a sandbox-bench run:
    /// ``isSandboxBench`` says so.
    package struct Holder: Sendable, Hashable, CustomStringConvertible {
        package var pid: Int32
        /// The program's name and its command, without its other arguments (which may hold a
        /// database URL with a password); nil when the process is gone or may not be looked at.
        package var command: String?
        /// The user the process runs as (a name, else the uid); nil when the process is gone.
        package var user: String?
        /// False when the process runs another program than sandbox-bench; nil when unknown.
        package var isSandboxBench: Bool?

        package init(pid: Int32, command: String?, user: String? = nil, isSandboxBench: Bool? = nil) {
            self.pid = pid
            self.command = command
            self.user = user
            self.isSandboxBench = isSandboxBench
        }

        /// `process 1234 (python3 hold.py) of user nobody, not a sandbox-bench run`.
        package var description: String {
            "process \(pid)" + (command.map { " (\(TerminalSafe.inline($0)))" } ?? "")
                + (user.map { " of user \(TerminalSafe.inline($0))" } ?? "")
                + (isSandboxBench == false ? ", not a sandbox-bench run" : "")
        }

        /// The holder of the exclusive `flock` on the open file `descriptor`, or nil when none is listed.
        static func of(_ descriptor: Int32) -> Holder? {
            var status = stat()
            guard fstat(descriptor, &status) == 0, let locks = procLocks(),
                let pid = holder(in: locks, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            else { return nil }
            let command = command(of: pid)
            return Holder(
                pid: pid, command: command, user: user(of: pid),
                isSandboxBench: command.map { _ in runsSandboxBench(pid) })
        }

        /// The name of the user that owns `/proc/PID` (the process's effective user), else its uid.
        static func user(of pid: Int32) -> String? {
            var status = stat()
            guard stat("/proc/\(pid)", &status) == 0 else { return nil }
            var entry = passwd()
            var found: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: 4096)
            guard getpwuid_r(status.st_uid, &entry, &buffer, buffer.count, &found) == 0, found != nil,
                let name = entry.pw_name
            else { return String(status.st_uid) }
            return String(cString: name)
        }

        /// True when the process runs this executable (its `/proc/PID/exe`, when this user may read
        /// it), or a program named `sandbox-bench`.
        static func runsSandboxBench(_ pid: Int32) -> Bool {
            let files = FileManager.default
            if let theirs = try? files.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
                let ours = try? files.destinationOfSymbolicLink(atPath: "/proc/self/exe"), theirs == ours
            {
                return true
            }
            guard let data = files.contents(atPath: "/proc/\(pid)/cmdline"),
                let program = data.split(separator: 0).first
            else { return false }
            return URL(fileURLWithPath: String(decoding: program, as: UTF8.self)).lastPathComponent == "sandbox-bench"
        }

        /// The text of `/proc/locks`, read to its end: a proc file has no size to read up to.
        private static func procLocks() -> String? {
            let descriptor = Glibc.open("/proc/locks", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = Glibc.read(descriptor, &chunk, chunk.count)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
                bytes += chunk[..<count]
            }
        }

        /// The pid of the granted FLOCK on the inode, in the text of `/proc/locks`
        /// (`1: FLOCK  ADVISORY  WRITE 1234 fe:00:16224717 0 EOF`; a waiter's line has `->`).
        package static func holder(in locks: String, device: UInt64, inode: UInt64) -> Int32? {
            let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
            let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
            for line in locks.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE", let pid = Int32(fields[4])
                else { continue }
                let identity = fields[5].split(separator: ":")
                guard identity.count == 3, UInt64(identity[0], radix: 16) == major,
                    UInt64(identity[1], radix: 16) == minor, UInt64(identity[2]) == inode
                else { continue }
                return pid
            }
            return nil
        }

        /// `sandbox-bench run`: the program's file name and its first argument that is not an option.
        static func command(of pid: Int32) -> String? {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else {
                return nil
            }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let program = arguments.first.map({ URL(fileURLWithPath: $0).lastPathComponent }) else { return nil }
            let command = arguments.dropFirst().first { !$0.hasPrefix("-") }
            return ([program] + (command.map { [$0] } ?? [])).joined(separator: " ")
        }
    }
}
