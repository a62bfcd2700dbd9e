import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// A Docker engine of the tests' own, for faults that must not touch the shared engine other
/// tests use at the same time: a second `dockerd` (with `--bridge=none`, no iptables, no IP
/// forwarding) with its own data root, exec root (where it starts its own containerd), pid
/// file, socket, containerd namespace and cgroup parent, and the sandbox image loaded into it.
///
/// Its default runtime is a wrapper around runc that blocks `runc create` — the runtime's part
/// of starting a container — while ``hang()`` is in force: an engine whose runtime hangs. It is
/// registered in the engine's own configuration file, so nothing outside its folder changes.
/// ``restart()`` stops and starts the engine (an engine that goes away in the middle of a run).
/// ``stop()`` ends it and removes its folder; an engine left by a test process that died is
/// stopped by the next ``start()``.
package final class PrivateEngine: Sendable {
    package let directory: String
    package var socketPath: String { directory + "/docker.sock" }
    /// `DOCKER_HOST` for a process that is to use this engine.
    package var dockerHost: String { "unix://" + socketPath }
    package var environment: [String: String] { ["DOCKER_HOST": dockerHost] }

    static let folderPrefix = "/tmp/sbpe-"
    static let runtimeName = "sandbox-bench-fault"
    private var hangMarker: String { directory + "/hang" }
    private var delayFile: String { directory + "/delay" }
    private var blockedMarker: String { directory + "/hang.blocked" }
    private var hangTargetFile: String { directory + "/hang.at" }
    private var startCountFile: String { directory + "/hang.count" }
    private var pidFile: String { directory + "/dockerd.pid" }
    /// The authorization plugin ``refuseRemovals()`` registers; the engine finds it by its socket.
    package var authorizationPlugin: String { "sbpe-\(identity)-refuse-removal" }
    private var pluginSocket: String { Self.pluginFolder + "/" + authorizationPlugin + ".sock" }
    private var pluginPIDFile: String { directory + "/plugin.pid" }
    static let pluginFolder = "/run/docker/plugins"
    private var identity: String { String(directory.dropFirst(Self.folderPrefix.count)) }

    /// Whether the engine registers gVisor (`runsc`) beside its default runtime.
    package let registersGVisor: Bool

    /// The name gVisor is registered under, with the arguments that work on these machines: no
    /// network of its own, and the ptrace platform (no KVM inside the test machines).
    package static let gVisorRuntime = "runsc"
    package static let gVisorArguments = ["--network=none", "--platform=ptrace"]

    /// Where Debian's `runsc` package puts the runtime; nil when it is not installed.
    package static var gVisorPath: String? {
        ["/usr/bin/runsc", "/usr/local/bin/runsc"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private init(directory: String, registersGVisor: Bool = false) {
        self.directory = directory
        self.registersGVisor = registersGVisor
    }

    /// Starts an engine and loads `image` from the shared engine into it; with `gVisor`, `runsc`
    /// is registered too (in the engine's own configuration file), and its absence is an error.
    package static func start(image: String = "sandbox-bench/python:bookworm", gVisor: Bool = false) async throws
        -> PrivateEngine
    {
        if gVisor && gVisorPath == nil {
            throw PrivateEngineError("runsc is not installed: apt-get install -y runsc (Debian's gVisor package)")
        }
        await stopEnginesOfDeadTestProcesses()
        // Short: the socket's path must fit in a sockaddr_un.
        let directory = folderPrefix + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/exec", withIntermediateDirectories: true)
        let engine = PrivateEngine(directory: directory, registersGVisor: gVisor)
        do {
            try "\(getpid())\n".write(toFile: directory + "/owner.pid", atomically: true, encoding: .utf8)
            try engine.writeRuntimeWrapper()
            try engine.writeConfiguration()
            try await engine.launch()
            try await Shell.run(
                "docker save \(Shell.quote(image)) | docker -H \(Shell.quote(engine.dockerHost)) load -q")
        } catch {
            await engine.stop()
            throw error
        }
        return engine
    }

    /// Makes the runtime block on every container start from now on, until ``release()``.
    package func hang() throws {
        _ = FileManager.default.createFile(atPath: hangMarker, contents: nil)
    }

    /// Makes the runtime block the `number`-th container start from now on (1: the next one), and
    /// every start after it, until ``release()``: a hang that falls inside a chosen iteration of a
    /// spec rather than its warm-up, however late the test arms it.
    package func hang(atStart number: Int) throws {
        // A start let go by an earlier release can have marked itself blocked after it.
        try? FileManager.default.removeItem(atPath: blockedMarker)
        try "0\n".write(toFile: startCountFile, atomically: true, encoding: .utf8)
        try "\(number)\n".write(toFile: hangTargetFile, atomically: true, encoding: .utf8)
    }

    /// Lets blocked starts, and later ones, go on.
    package func release() {
        try? FileManager.default.removeItem(atPath: hangTargetFile)
        try? FileManager.default.removeItem(atPath: startCountFile)
        try? FileManager.default.removeItem(atPath: hangMarker)
        try? FileManager.default.removeItem(atPath: blockedMarker)
    }

    /// Makes every container start from now on take `seconds` longer in the runtime, until
    /// ``restoreSpeed()``: a slower engine, which the tool cannot tell apart from a real regression.
    package func slowDown(by seconds: Double) throws {
        try String(format: "%.3f\n", seconds).write(toFile: delayFile, atomically: true, encoding: .utf8)
    }

    /// Container starts take their own time again.
    package func restoreSpeed() {
        try? FileManager.default.removeItem(atPath: delayFile)
    }

    /// What the test's authorization plugin does to the requests it is asked about.
    package enum AuthorizationFault: String, Sendable {
        /// Refuses every container removal (`403 … authorization denied by plugin`).
        case refuseRemovals = "refuse-delete"
        /// Holds every container removal unanswered: an engine that hangs on removals.
        case hangRemovals = "hang-delete"
        /// Holds every container create unanswered: an engine that hangs on creates.
        case hangCreates = "hang-create"
    }

    private var authorizationModeFile: String { directory + "/authorization-mode" }

    /// Makes the engine refuse every container removal from now on, until ``allowRemovals()``, the
    /// way an authorization plugin of the site refuses it (`403 … authorization denied by plugin`):
    /// a plugin of the test's own (a small HTTP server on a Unix socket in the engine's plugin
    /// folder) is registered in the engine's configuration, which the engine reloads (SIGHUP).
    package func refuseRemovals() async throws {
        try await inject(.refuseRemovals)
    }

    /// Registers the test's authorization plugin (see ``refuseRemovals()``) doing `fault`, until
    /// ``allowRemovals()``. A hung request is answered (refused) once the fault is lifted.
    package func inject(_ fault: AuthorizationFault) async throws {
        try AuthorizationFault.refuseRemovals.rawValue.write(
            toFile: authorizationModeFile, atomically: true, encoding: .utf8)
        let script = directory + "/refuse-removal.py"
        try Self.refusingPlugin.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: Self.pluginFolder, withIntermediateDirectories: true)
        try await Shell.run(
            "setsid python3 \(Shell.quote(script)) \(Shell.quote(pluginSocket)) \(Shell.quote(pluginPIDFile)) \(Shell.quote(authorizationModeFile)) >>\(Shell.quote(directory + "/plugin.log")) 2>&1 < /dev/null &"
        )
        let socket = pluginSocket
        guard await poll(within: .seconds(30), { DockerRequirement.socketAcceptsConnections(socket) }) else {
            throw PrivateEngineError(
                "the authorization plugin did not listen on \(socket) within 30 s; see \(directory)/plugin.log")
        }
        try writeConfiguration(authorizationPlugins: [authorizationPlugin])
        try await reload(refusing: true)
        try fault.rawValue.write(toFile: authorizationModeFile, atomically: true, encoding: .utf8)
    }

    /// Lets the engine remove (and create) containers again: hung requests are answered, the plugin
    /// is unregistered, stopped and its socket removed.
    package func allowRemovals() async throws {
        try AuthorizationFault.refuseRemovals.rawValue.write(
            toFile: authorizationModeFile, atomically: true, encoding: .utf8)
        try writeConfiguration(authorizationPlugins: [])
        try await reload(refusing: false)
        stopPlugin()
    }

    /// True once a container start is blocked in the runtime.
    package var hasBlockedStart: Bool { FileManager.default.fileExists(atPath: blockedMarker) }

    /// Waits until a container start is blocked in the runtime; false when none was within `limit`.
    package func waitForBlockedStart(within limit: Duration = .seconds(120)) async -> Bool {
        await poll(within: limit) { self.hasBlockedStart }
    }

    /// Stops the engine (SIGTERM: it stops its containers and its containerd) and starts it again,
    /// `pause` after it has gone: an outage of at least that long.
    package func restart(after pause: Duration = .zero) async throws {
        try await terminate()
        try await Task.sleep(for: pause)
        try await launch()
    }

    /// Stops the engine and removes its folder, its mounts and its cgroups.
    package func stop() async {
        release()
        restoreSpeed()
        try? await terminate()
        stopPlugin()
        await Self.removeRemains(of: directory)
    }

    /// The pid of the running `dockerd`, or nil.
    package var daemonPID: Int32? {
        Self.pid(in: pidFile)
    }

    // MARK: - The engine's process

    private func launch() async throws {
        let arguments = [
            "dockerd", "--bridge=none", "--iptables=false", "--ip-forward=false", "--ip-masq=false",
            "--data-root", directory + "/data", "--exec-root", directory + "/exec", "--pidfile", pidFile,
            "-H", dockerHost, "--config-file", directory + "/daemon.json", "--containerd-namespace", "sbpe-\(identity)",
            "--containerd-plugins-namespace", "sbpe-\(identity)-plugins", "--cgroup-parent", "/sbpe-\(identity)",
            "--shutdown-timeout", "2",
        ]
        // `setsid` and `&`: the engine outlives the shell that starts it, in a session of its own.
        try await Shell.run(
            "setsid \(arguments.map(Shell.quote).joined(separator: " ")) >>\(Shell.quote(directory + "/dockerd.log")) 2>&1 < /dev/null &"
        )
        let socketPath = socketPath
        guard await poll(within: .seconds(60), { DockerRequirement.socketAcceptsConnections(socketPath) }) else {
            throw PrivateEngineError(
                "the private engine did not answer on \(socketPath) within 60 s; see \(directory)/dockerd.log")
        }
        try await Shell.run("docker -H \(Shell.quote(dockerHost)) version >/dev/null")
    }

    private func terminate() async throws {
        guard let pid = daemonPID, kill(pid, 0) == 0 else { return }
        kill(pid, SIGTERM)
        if await poll(within: .seconds(60), { kill(pid, 0) != 0 }) { return }
        kill(pid, SIGKILL)
        _ = await poll(within: .seconds(10)) { kill(pid, 0) != 0 }
    }

    private func writeConfiguration(authorizationPlugins: [String] = []) throws {
        var runtimes: [String: Any] = [Self.runtimeName: ["path": directory + "/fault-runtime"]]
        if registersGVisor, let path = Self.gVisorPath {
            runtimes[Self.gVisorRuntime] = ["path": path, "runtimeArgs": Self.gVisorArguments]
        }
        let configuration: [String: Any] = [
            "runtimes": runtimes, "default-runtime": Self.runtimeName, "authorization-plugins": authorizationPlugins,
        ]
        try JSONSerialization.data(withJSONObject: configuration, options: [.sortedKeys])
            .write(to: URL(fileURLWithPath: directory + "/daemon.json"), options: .atomic)
    }

    /// Makes the engine read its configuration again and waits until the removal of a container
    /// that does not exist is refused by the plugin (`refused`) or answered "no such container".
    /// (`docker info` does not show authorization plugins a reload added.)
    private func reload(refusing refused: Bool) async throws {
        guard let pid = daemonPID, kill(pid, SIGHUP) == 0 else {
            throw PrivateEngineError("the private engine is not running")
        }
        let probe = "docker -H \(Shell.quote(dockerHost)) rm sbpe-no-such-container 2>&1 || true"
        for _ in 0..<100 {
            let answer = try await ExecutableFile(path: "/bin/sh").run(["-c", probe]).stdout
            if answer.contains("authorization denied by plugin") == refused { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PrivateEngineError(
            "the private engine did not take up its new configuration within 10 s; see \(directory)/dockerd.log")
    }

    /// Stops the authorization plugin's server and removes its socket from the engine's plugin folder.
    private func stopPlugin() {
        if let pid = Self.pid(in: pluginPIDFile) {
            kill(pid, SIGTERM)
        }
        try? FileManager.default.removeItem(atPath: pluginPIDFile)
        try? FileManager.default.removeItem(atPath: pluginSocket)
    }

    /// The authorization plugin: Docker's plugin protocol (`/Plugin.Activate`, `/AuthZPlugin.AuthZReq`,
    /// `/AuthZPlugin.AuthZRes`) over HTTP on a Unix socket. What it does is read from the mode file
    /// at every request: refuse `DELETE /containers/…`, or hold it (or `POST /containers/create`)
    /// unanswered while the mode says so; everything else is allowed.
    static let refusingPlugin = #"""
        import http.server, json, os, signal, socketserver, sys, time

        socket_path, pid_path, mode_path = sys.argv[1], sys.argv[2], sys.argv[3]

        def mode():
            try:
                with open(mode_path) as f:
                    return f.read().strip()
            except OSError:
                return "refuse-delete"

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}") if length else {}
                if self.path == "/Plugin.Activate":
                    answer = {"Implements": ["authz"]}
                elif self.path == "/AuthZPlugin.AuthZReq":
                    uri = body.get("RequestUri") or body.get("RequestURI") or ""
                    method = body.get("RequestMethod")
                    removal = method == "DELETE" and "/containers/" in uri
                    create = method == "POST" and "/containers/create" in uri
                    while (removal and mode() == "hang-delete") or (create and mode() == "hang-create"):
                        time.sleep(0.2)
                    refused = removal and mode() == "refuse-delete"
                    answer = {"Allow": not refused, "Msg": "container removal refused by the test's authorization plugin" if refused else ""}
                else:
                    answer = {"Allow": True}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.docker.plugins.v1.2+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *arguments):
                pass

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

            def get_request(self):
                connection, _ = self.socket.accept()
                return connection, ("plugin", 0)

        if os.path.exists(socket_path):
            os.unlink(socket_path)
        server = Server(socket_path, Handler)
        with open(pid_path, "w") as pid_file:
            pid_file.write(f"{os.getpid()}\n")

        def stop(*_):
            os.unlink(socket_path)
            os._exit(0)

        signal.signal(signal.SIGTERM, stop)
        server.serve_forever()
        """#

    /// runc, except that `runc create` first sleeps as long as the delay file says, counts itself
    /// while a hang is armed for a later start (and sets the hang marker at that start), and waits
    /// while the hang marker exists (and says so).
    private func writeRuntimeWrapper() throws {
        let script = """
            #!/bin/sh
            for argument in "$@"; do
                if [ "$argument" = create ]; then
                    [ -f '\(delayFile)' ] && sleep "$(cat '\(delayFile)')"
                    if [ -f '\(hangTargetFile)' ]; then
                        count=$(( $(cat '\(startCountFile)' 2>/dev/null || echo 0) + 1 ))
                        echo "$count" > '\(startCountFile)'
                        [ "$count" -ge "$(cat '\(hangTargetFile)')" ] && touch '\(hangMarker)'
                    fi
                    [ -e '\(hangMarker)' ] && touch '\(blockedMarker)'
                    while [ -e '\(hangMarker)' ]; do sleep 0.2; done
                    break
                fi
            done
            exec runc "$@"

            """
        let path = directory + "/fault-runtime"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    // MARK: - Clean-up

    /// The process id a pid file holds, or nil.
    static func pid(in file: String) -> Int32? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap {
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Engines whose test process is gone (it crashed before it could stop them).
    static func stopEnginesOfDeadTestProcesses() async {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for folder in folders where ("/tmp/" + folder).hasPrefix(folderPrefix) {
            let directory = "/tmp/" + folder
            let owner = pid(in: directory + "/owner.pid")
            guard let owner, kill(owner, 0) != 0, errno == ESRCH else { continue }
            await PrivateEngine(directory: directory).stop()
        }
    }

    /// Unmounts what the engine left mounted under its folder, removes the folder and the
    /// engine's cgroups.
    static func removeRemains(of directory: String) async {
        let identity = String(directory.dropFirst(folderPrefix.count))
        let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
        let under = mounts.split(separator: "\n").compactMap {
            $0.split(separator: " ").dropFirst().first.map(String.init)
        }
        .filter { $0.hasPrefix(directory + "/") }.sorted { $0.count > $1.count }
        for mountPoint in under { umount2(mountPoint, Int32(MNT_DETACH)) }
        try? await Shell.run("rm -rf --one-file-system \(Shell.quote(directory))")
        try? await Shell.run(
            "find /sys/fs/cgroup -maxdepth 2 -type d -name \(Shell.quote("sbpe-" + identity)) -exec rmdir {} + 2>/dev/null || true"
        )
    }

    private func poll(within limit: Duration, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        await Self.poll(within: limit, condition)
    }

    static func poll(within limit: Duration, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < limit {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }
}

package struct PrivateEngineError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}

/// `/bin/sh -c`, for the few pipelines the private engine needs.
enum Shell {
    static func run(_ command: String) async throws {
        let outcome = try await ExecutableFile(path: "/bin/sh").run(["-c", command])
        guard outcome.exitCode == 0 else {
            throw PrivateEngineError(
                "`\(command)` exited with \(outcome.exitCode.map(String.init) ?? "a signal"): \(outcome.stderr.prefix(500))"
            )
        }
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
