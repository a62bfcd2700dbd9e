import Foundation
import TestSupport
import Testing

/// The process runner the other tests start executables with, on a shell whose behaviour is known.
@Suite struct ExecutableFileTests {
    static let shell = ExecutableFile(path: "/bin/sh")

    struct BodyFailure: Error {}

    @Test func theOutcomeHasTheStatusTheOutputTheEnvironmentAndTheDirectory() async throws {
        let outcome = try await Self.shell.run(
            ["-c", "echo $SANDBOX_BENCH_TEST_VALUE; pwd; echo oops >&2; exit 7"],
            environment: ["SANDBOX_BENCH_TEST_VALUE": "hello"],
            in: URL(fileURLWithPath: "/tmp"))
        #expect(outcome.exitCode == 7)
        #expect(outcome.signal == nil)
        #expect(outcome.stdout == "hello\n/tmp\n")
        #expect(outcome.stderr == "oops\n")
        #expect(outcome.pid > 0)
    }

    @Test func aRunningProcessIsWatchedSignalledAndCollected() async throws {
        let (outcome, sawLines) = try await Self.shell.run(["-c", "echo a; echo b >&2; echo done; exec sleep 100"]) {
            process in
            let sawLines = await process.waitForLines(2) { !$0.isEmpty }
            #expect(await process.waitUntil(.stderr, contains: "b"))
            #expect(process.isRunning)
            #expect(process.stdout == "a\ndone\n")
            try process.signal(SIGTERM)
            return sawLines
        }
        #expect(sawLines)
        #expect(outcome.signal == SIGTERM)
        #expect(outcome.exitCode == nil)
        #expect(outcome.stdout == "a\ndone\n")
        #expect(outcome.stderr == "b\n")
    }

    @Test func aWaitForOutputThatNeverComesEndsWithTheProcess() async throws {
        let (_, saw) = try await Self.shell.run(["-c", "echo x"]) { process in
            await process.waitUntil(.stdout, contains: "never")
        }
        #expect(!saw)
    }

    @Test func aBodyThatThrowsStopsTheProcess() async throws {
        var pid: Int32 = 0
        do {
            _ = try await Self.shell.run(["-c", "echo ready; exec sleep 100"]) { process in
                pid = process.pid
                #expect(await process.waitUntil(.stdout, contains: "ready"))
                throw BodyFailure()
            }
            Issue.record("the body's error was not rethrown")
        } catch is BodyFailure {}
        #expect(pid > 0)
        #expect(kill(pid, 0) == -1)
    }

    @Test func largeOutputOnBothStreamsDoesNotBlockTheProcess() async throws {
        let outcome = try await Self.shell.run(["-c", "head -c 5000000 /dev/zero; head -c 3000000 /dev/zero >&2"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.utf8.count == 5_000_000)
        #expect(outcome.stderr.utf8.count == 3_000_000)
    }

    @Test func anEndedProcessIsNoLongerThere() async throws {
        let pid = try await EndedProcess.pid()
        #expect(kill(pid, 0) == -1)
    }
}

/// The runner of processes whose stdout and stderr cannot take what they write.
@Suite struct BrokenStreamsTests {
    static let shell = ExecutableFile(path: "/bin/sh")

    /// A shell's `echo` fails on a closed or full stream (and says so with its status); on a pipe
    /// without a reader it dies of SIGPIPE, which the runner leaves at its default for the child.
    @Test func eachKindBreaksWritesAsAShellWould() async throws {
        let script = ["-c", "echo written || exit 5; exit 0"]
        #expect(try await Self.shell.run(script, streams: .closed).exitCode == 5)
        #expect(try await Self.shell.run(script, streams: .full).exitCode == 5)
        let piped = try await Self.shell.run(script, streams: .closedPipe)
        #expect(piped.signal == SIGPIPE)
        #expect(piped.exitCode == nil)
        // A process that writes nothing ends as it would anywhere, with the environment given.
        let quiet = try await Self.shell.run(
            ["-c", #"[ "$SANDBOX_BENCH_TEST_VALUE" = v ] && exit 3"#], streams: .closed,
            environment: ["SANDBOX_BENCH_TEST_VALUE": "v"])
        #expect(quiet.exitCode == 3)
        #expect(quiet.pid > 0)
    }
}
