import BenchModel
import EngineInterface
import Foundation
import Sandbox
import TestSupport
import Testing

/// The sandbox against the real engine. Each test checks that no container of its run is left.
@Suite(.needsDockerEngine, .serialized)
struct SandboxIntegrationTests {
    @Test func helloComesBackOnStdoutWithExitCodeZero() async throws {
        try await withTestSandbox { sandbox in
            let result = try await sandbox.run("print('hello')", profile: SandboxProfile())
            #expect(result.succeeded, "\(result.failureReason ?? "") \(result.combinedOutput)")
            #expect(result.stdout == "hello\n")
            #expect(result.stderr == "")
            #expect(result.exitCode == 0)
            #expect(result.removal.removed)
            #expect(result.phases.recorded.map(\.phase) == LifecyclePhase.allCases)
            #expect(result.phases.recorded.allSatisfy { $0.seconds > 0 })
        }
    }

    @Test func stdoutAndStderrStayApart() async throws {
        try await withTestSandbox { sandbox in
            let code = "import sys\nfor i in range(3):\n    print('out', i)\n    print('err', i, file=sys.stderr)\n"
            let result = try await sandbox.run(code, profile: SandboxProfile())
            #expect(result.stdout == "out 0\nout 1\nout 2\n")
            #expect(result.stderr == "err 0\nerr 1\nerr 2\n")
        }
    }

    @Test func aMegabyteOfCodeIsDelivered() async throws {
        try await withTestSandbox { sandbox in
            // 1 MB of code: a long comment followed by a statement that proves the whole file was read.
            let padding = "# " + String(repeating: "x", count: 1_048_576) + "\n"
            let tail = "print(len(open(__file__).read()))\n"
            let result = try await sandbox.run(padding + tail, profile: SandboxProfile())
            #expect(result.succeeded, "\(result.failureReason ?? "") \(result.combinedOutput.prefix(500))")
            #expect(result.stdout == "\(padding.utf8.count + tail.utf8.count)\n")
        }
    }

    @Test func aNetworkConnectionCannotBeOpened() async throws {
        try await withTestSandbox { sandbox in
            let code = """
                import os, socket
                print(sorted(os.listdir('/sys/class/net')))
                try:
                    socket.create_connection(('192.0.2.1', 80), timeout=2)
                    print('connected')
                except OSError as e:
                    print('refused', e.errno)
                """
            let result = try await sandbox.run(code, profile: SandboxProfile())
            #expect(result.stdout.hasPrefix("['lo']\n"))
            #expect(result.stdout.contains("refused 101"))  // ENETUNREACH: no route exists at all
        }
    }

    @Test func theRootFilesystemCannotBeWritten() async throws {
        try await withTestSandbox { sandbox in
            let code = """
                import errno
                for path in ['/evil', '/tmp/../evil', '/usr/lib/evil']:
                    try:
                        open(path, 'w').write('x')
                        print('wrote', path)
                    except OSError as e:
                        print(errno.errorcode[e.errno])
                open('/tmp/scratch', 'w').write('ok')
                print(open('/tmp/scratch').read())
                """
            let result = try await sandbox.run(code, profile: SandboxProfile())
            #expect(result.stdout == "EROFS\nEROFS\nEROFS\nok\n", "\(result.combinedOutput)")
        }
    }

    @Test func theCodeHoldsNoCapabilities() async throws {
        try await withTestSandbox { sandbox in
            let code = """
                import os
                status = dict(l.split(':\\t', 1) for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)
                print(status['CapEff'], status['CapPrm'], status['NoNewPrivs'], os.getuid(), os.getgid())
                try:
                    os.setuid(0)
                    print('became root')
                except PermissionError:
                    print('setuid denied')
                """
            let result = try await sandbox.run(code, profile: SandboxProfile())
            #expect(
                result.stdout == "0000000000000000 0000000000000000 1 1000 1000\nsetuid denied\n",
                "\(result.combinedOutput)")
        }
    }

    @Test func anInfiniteLoopIsKilledAtTheTimeout() async throws {
        try await withTestSandbox { sandbox in
            var profile = SandboxProfile()
            profile.timeoutSeconds = 2
            let result = try await sandbox.run(
                "print('spinning', flush=True)\nwhile True:\n    pass\n", profile: profile)
            #expect(result.timedOut)
            #expect(!result.succeeded)
            #expect(result.exitCode == 137)
            #expect(result.stdout == "spinning\n")
            #expect(result.failureReason == "timed out and was killed")
            #expect(result.removal.removed)
        }
    }

    @Test func allocatingPastTheMemoryLimitIsReportedAsOOMKilled() async throws {
        try await withTestSandbox { sandbox in
            var profile = SandboxProfile()
            profile.memoryBytes = 64 << 20
            // Bytes that are written, not just reserved: the kernel must account them.
            let code = "b = bytearray(b'x') * (512 * 1024 * 1024)\nprint('survived')\n"
            // containerd may send the OOM event late or not at all (containerd/containerd#12714): the
            // engine then reports a plain SIGKILL. Of three tries, one must be reported as OOM.
            var results: [SandboxResult] = []
            for _ in 0..<3 where !(results.last?.oomKilled ?? false) {
                results.append(try await sandbox.run(code, profile: profile))
            }
            #expect(results.contains { $0.oomKilled }, "\(results.map { "exit \(String(describing: $0.exitCode))" })")
            for result in results {
                #expect(!result.succeeded)
                #expect(result.exitCode == 137)
                #expect(result.stdout == "")
                #expect(result.removal.removed)
            }
        }
    }

    @Test func aCommandThatDoesNotExistIsAFailureWithTheDaemonsReason() async throws {
        try await withTestSandbox { sandbox in
            let profile = SandboxProfile(command: ["python-does-not-exist"])
            let result = try await sandbox.run("print('hello')", profile: profile)
            #expect(!result.succeeded)
            let reason = try #require(result.failure)
            #expect(reason.contains("python-does-not-exist"))
            #expect(result.removal.removed)
        }
    }

    @Test func cancellationRemovesTheContainer() async throws {
        try await withTestSandbox { sandbox in
            let task = Task { try await sandbox.run("import time\ntime.sleep(60)\n", profile: SandboxProfile()) }
            // Wait until the container runs, then cancel the task that owns it.
            for _ in 0..<100 {
                let running = try await SandboxReaper(engine: sandbox.engine).containers(ofRun: sandbox.runID)
                if running.contains(where: { $0.state == "running" }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }

    @Test func aWarmContainerRunsCodeRepeatedly() async throws {
        try await withTestSandbox { sandbox in
            let (outputs, removal) = try await sandbox.withWarmContainer(profile: SandboxProfile()) { warm in
                var outputs: [String] = []
                for i in 0..<3 {
                    let execution = try await warm.execute("print(\(i) * 7)")
                    #expect(execution.succeeded)
                    outputs.append(execution.stdout)
                }
                let failing = try await warm.execute("import sys\nprint('bad', file=sys.stderr)\nsys.exit(3)")
                #expect(failing.exitCode == 3)
                #expect(failing.stderr == "bad\n")
                let big = try await warm.execute("# " + String(repeating: "y", count: 200_000) + "\nprint('big')")
                #expect(big.stdout == "big\n")
                return outputs
            }
            #expect(outputs == ["0\n", "7\n", "14\n"])
            #expect(removal.removed)
        }
    }

    @Test func liveContainersAreRemovedWhateverTheBodyDoes() async throws {
        struct Boom: Error {}
        try await withTestSandbox { sandbox in
            await #expect(throws: Boom.self) {
                _ = try await sandbox.withLiveContainers(
                    count: 3, code: "import time\ntime.sleep(60)", profile: SandboxProfile()
                ) {
                    containers in
                    let listed = try await SandboxReaper(engine: sandbox.engine).containers(ofRun: sandbox.runID)
                    #expect(Set(listed.map(\.id)) == Set(containers.map(\.id)))
                    #expect(listed.allSatisfy { $0.state == "running" })
                    throw Boom()
                }
            }
        }
    }

    @Test func theReaperRemovesContainersOfADeadRun() async throws {
        try await withTestSandbox { sandbox in
            // A container created outside any lifecycle, as a killed run would leave it.
            let request = SandboxProfile().createRequest(runID: sandbox.runID, arguments: ["sleep", "60"])
            let created = try await sandbox.engine.createContainer(request)
            try await sandbox.engine.startContainer(created.id)
            let report = try await SandboxReaper(engine: sandbox.engine).reap(run: sandbox.runID)
            #expect(report.removed == [created.id])
            #expect(report.failed.isEmpty)
        }
    }

    @Test func onlyContainersOfProcessesThatAreGoneAreOrphans() async throws {
        try await withTestSandbox { sandbox in
            let dead = ProcessIdentity(host: ProcessIdentity.hostName, pid: try await EndedProcess.pid(), start: "gone")
            let orphaned = try await sandbox.engine.createContainer(
                SandboxProfile().createRequest(runID: sandbox.runID, arguments: ["true"], creator: dead))
            let alive = try await sandbox.engine.createContainer(
                SandboxProfile().createRequest(runID: sandbox.runID, arguments: ["true"]))
            // Judged on this run's own containers: another test's run may reap the orphan at any moment,
            // as it should, so the engine-wide list of orphans is not stable here.
            let reaper = SandboxReaper(engine: sandbox.engine)
            let listed = try await reaper.containers(ofRun: sandbox.runID)
            #expect(listed.first { $0.id == alive.id }.map(SandboxReaper.isOrphan) == false)
            if let stillThere = listed.first(where: { $0.id == orphaned.id }) {
                #expect(SandboxReaper.isOrphan(stillThere))
            }
            #expect(!(try await reaper.orphans()).contains { $0.id == alive.id })
            _ = try await reaper.reap(run: sandbox.runID)
        }
    }

    @Test func theIsolationProbeFindsTheDefaultProfileSound() async throws {
        try await withTestSandbox { sandbox in
            let (report, container) = try await IsolationProbe.run(in: sandbox, profile: SandboxProfile())
            #expect(report.checks.count == 24)
            for check in report.checks {
                #expect(check.passed, "\(check.name): \(check.detail)")
            }
            #expect(report.evidence.model == .runc)
            #expect(container.removed)
            // runc shares the host's kernel by design: every other property of the standard holds.
            let notHeld = report.assessments.filter { $0.status != .held }.map(\.property)
            #expect(notHeld == [.hostKernelShielded], "\(report.assessments)")
            #expect(report.heldCount == 11)
        }
    }

    /// Operations every Linux kernel here lets an unprivileged process do once no filter stops it.
    static let unfilteredEverywhere: Set<String> = [
        "refused: unshare(CLONE_NEWUSER)", "refused: keyctl", "refused: add_key",
        "refused: personality(ADDR_NO_RANDOMIZE)",
    ]

    @Test func theIsolationProbeNoticesAWeakerProfile() async throws {
        try await withTestSandbox { sandbox in
            let expected = SandboxProfile()
            var weaker = expected
            weaker.seccomp = .unconfined
            weaker.readOnlyRootFilesystem = false
            // Run the weaker container, judge it by the stricter profile's expectations.
            let result = try await sandbox.run(IsolationProbe.code, profile: weaker)
            let failed = Set(
                try IsolationProbe.evaluate(result.stdout, expected: expected).checks.filter { !$0.passed }.map(\.name))
            #expect(
                failed.isSuperset(of: Self.unfilteredEverywhere.union(["read-only root filesystem", "seccomp"])),
                "\(failed)")
            #expect(
                failed.allSatisfy { $0 == "read-only root filesystem" || $0 == "seccomp" || $0.hasPrefix("refused: ") })
        }
    }

    /// An allow-all profile file still reports seccomp mode 2 (filter): only what it lets through tells.
    @Test func anAllowAllProfileFileIsCaughtByWhatItLetsThrough() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("allow-all.json")
        try Data(#"{"defaultAction":"SCMP_ACT_ALLOW"}"#.utf8).write(to: URL(fileURLWithPath: path))
        try await withTestSandbox { sandbox in
            var profile = SandboxProfile()
            profile.seccomp = try SeccompPolicy.file(at: path)
            let checks = try await IsolationProbe.run(in: sandbox, profile: profile).report.checks
            let failed = Set(checks.filter { !$0.passed }.map(\.name))
            #expect(failed.isSuperset(of: Self.unfilteredEverywhere), "\(failed)")
            #expect(!failed.contains("seccomp"), "the mode alone looks right")
            #expect(
                checks.first { $0.name == "refused: unshare(CLONE_NEWUSER)" }?.detail.contains("let it through") == true
            )
            // The capabilities stay dropped: those operations are still refused.
            #expect(failed.allSatisfy { IsolationProbe.filteredOperations.map { "refused: \($0)" }.contains($0) })
        }
    }

    /// The limits are read from inside the container: a container whose limits are not the
    /// profile's (as when a limit silently disappeared) is a violation, named.
    @Test func limitsInForceThatAreNotTheProfilesAreViolations() async throws {
        try await withTestSandbox { sandbox in
            var running = SandboxProfile()
            running.memoryBytes = 256 << 20
            running.pidsLimit = 64
            let result = try await sandbox.run(IsolationProbe.code, profile: running)
            #expect(try IsolationProbe.evaluate(result.stdout, expected: running).checks.allSatisfy(\.passed))
            let failed = Set(
                try IsolationProbe.evaluate(result.stdout, expected: SandboxProfile()).checks.filter { !$0.passed }.map(
                    \.name)
            )
            #expect(failed == ["memory limit", "pids limit"])
        }
    }
}
