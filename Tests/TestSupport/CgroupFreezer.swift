import Foundation

/// The kernel's cgroup freezer, as `docker pause` and systemd use it: a process moved into a
/// cgroup of its own is frozen and thawed without any signal, so that it cannot tell, but for the
/// time it did not run. cgroup v1's freezer controller (`freezer.state`) where it is mounted,
/// else cgroup v2's `cgroup.freeze`. The cgroup is made under the process's own, and the process
/// goes back there when the freezer is removed. Needs root (CI runs as root).
package final class CgroupFreezer: Sendable {
    enum Version: Sendable { case v1, v2 }

    /// What could not be done to a cgroup, in one sentence.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    private let version: Version
    /// The cgroup made for the test.
    private let folder: String
    /// The cgroup the process came from, to go back to.
    private let origin: String

    private init(version: Version, folder: String, origin: String) {
        self.version = version
        self.folder = folder
        self.origin = origin
    }

    /// Why this host cannot freeze a process, or nil when it can.
    package static var unavailability: String? {
        if getuid() != 0 { return "the cgroup freezer needs root" }
        if hierarchy(of: getpid()) == nil {
            return "no cgroup freezer: neither cgroup v1's freezer controller nor cgroup v2 "
                + "is mounted under /sys/fs/cgroup"
        }
        return nil
    }

    /// Moves process `pid` (all its threads, and every thread it starts later) into a new cgroup
    /// of its own, named `name`, under the one it is in.
    package static func adopting(_ pid: Int32, name: String) throws -> CgroupFreezer {
        guard let (version, mount, path) = hierarchy(of: pid) else {
            throw Failure(description: unavailability ?? "no cgroup freezer")
        }
        let origin = mount + (path == "/" ? "" : path)
        let folder = origin + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let freezer = CgroupFreezer(version: version, folder: folder, origin: origin)
        do {
            try write("\(pid)\n", to: folder + "/cgroup.procs")
        } catch {
            freezer.remove()
            throw error
        }
        return freezer
    }

    /// Freezes the cgroup and returns once every task in it is frozen.
    package func freeze() async throws {
        switch version {
        case .v1:
            try Self.write("FROZEN\n", to: folder + "/freezer.state")
            try await waitUntil {
                (try? String(contentsOfFile: self.folder + "/freezer.state", encoding: .utf8))?
                    .hasPrefix("FROZEN") == true
            }
        case .v2:
            try Self.write("1\n", to: folder + "/cgroup.freeze")
            try await waitUntil {
                (try? String(contentsOfFile: self.folder + "/cgroup.events", encoding: .utf8))?
                    .contains("frozen 1") == true
            }
        }
    }

    package func thaw() throws {
        switch version {
        case .v1: try Self.write("THAWED\n", to: folder + "/freezer.state")
        case .v2: try Self.write("0\n", to: folder + "/cgroup.freeze")
        }
    }

    /// Thaws, moves every process left in the cgroup back where it came from, and removes it.
    package func remove() {
        try? thaw()
        let left = (try? String(contentsOfFile: folder + "/cgroup.procs", encoding: .utf8)) ?? ""
        for pid in left.split(separator: "\n") { try? Self.write("\(pid)\n", to: origin + "/cgroup.procs") }
        rmdir(folder)
    }

    private func waitUntil(_ condition: @escaping @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw Failure(description: "\(folder) did not freeze in 30 s") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// The freezer's hierarchy for `pid`: the version, its mount and the process's path in it.
    private static func hierarchy(of pid: Int32) -> (Version, String, String)? {
        guard let lines = try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8) else { return nil }
        let entries = lines.split(separator: "\n").map { $0.split(separator: ":", maxSplits: 2).map(String.init) }
        let v1 = "/sys/fs/cgroup/freezer"
        if let entry = entries.first(where: { $0.count == 3 && $0[1].split(separator: ",").contains("freezer") }),
            FileManager.default.fileExists(atPath: v1 + "/cgroup.procs")
        {
            return (.v1, v1, entry[2])
        }
        guard let entry = entries.first(where: { $0.count == 3 && $0[0] == "0" && $0[1].isEmpty }) else { return nil }
        for mount in ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"]
        where FileManager.default.fileExists(atPath: mount + "/cgroup.controllers") {
            return (.v2, mount, entry[2])
        }
        return nil
    }

    private static func write(_ text: String, to path: String) throws {
        let file = open(path, O_WRONLY | O_CLOEXEC)
        guard file >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(file) }
        let written = text.withCString { Foundation.write(file, $0, strlen($0)) }
        guard written == text.utf8.count else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
