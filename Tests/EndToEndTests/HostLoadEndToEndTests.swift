import BenchModel
import Foundation
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// The host's foreign load as a nightly run measures it for real, from `/proc`, around the real
/// engine: every kept iteration stores it, the run stores its summary, and other work started
/// beside the run (processes that are neither the tool, nor the engine, nor the sandboxes) is seen
/// as other work, makes the run wait for a quiet host first, and marks the run busy.
@Suite(.needsDockerEngine, .serialized)
struct HostLoadEndToEndTests {
    /// The host-load measurement on, whatever the test harness sets for other tests.
    static let measuring = ["SANDBOX_BENCH_IGNORE_HOST_LOAD": "0"]

    static func summaries(_ cli: CommandLine) async throws -> [String: MetricSummary] {
        let database = try await cli.store()
        let run = try #require(try await database.runs().first)
        return Dictionary(
            uniqueKeysWithValues: try await database.summaries(run: run.id).map { ($0.metric.rawValue, $0) })
    }

    @Test func everyKeptIterationAndTheRunStoreTheHostsLoad() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let outcome = try await cli.run(
            ["run", "--suite", "quick", "--spec", "creation", "--quiet-wait", "0", "--no-report"],
            environment: Self.measuring)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let n = try await Self.summaries(cli)
        let creation = try #require(n["creation.create_start_s"])
        #expect(n["creation.host.foreign_cpu_pct"]?.n == creation.n, "one load per kept iteration")
        #expect(n["creation.host.steal_pct"]?.n == creation.n)
        // The kernel's I/O pressure, where it reports it (PSI): one share per kept iteration.
        if let pressure = try? String(contentsOfFile: "/proc/pressure/io", encoding: .utf8), pressure.hasPrefix("some ")
        {
            #expect(n["creation.host.io_wait_pct"]?.n == creation.n)
            #expect(n["run.host.io_wait_pct"]?.n == 1)
        } else {
            #expect(n["creation.host.io_wait_pct"] == nil, "no pressure stall information: no figure, not 0")
        }
        #expect(n["run.host.foreign_cpu_pct"]?.n == 1)
        #expect(n["run.host.busy_spec_count"]?.n == 1)
    }

    @Test func otherWorkBesideTheRunIsSeenWaitedForAndMarksTheRunBusy() async throws {
        // Two processes that spin for as long as the test runs: another tenant of a 2-core host.
        // Each spins only while its parent, this test process, lives: none outlives a killed test.
        let spinners = try (0..<2).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "while kill -0 $PPID 2>/dev/null; do :; done"]
            try process.run()
            return process
        }
        defer {
            // SIGKILL: the test process may run with SIGTERM ignored, which its children inherit.
            for spinner in spinners {
                kill(spinner.processIdentifier, SIGKILL)
                spinner.waitUntilExit()
            }
        }
        let cli = try CommandLine()
        defer { cli.remove() }
        let outcome = try await cli.run(
            ["run", "--suite", "quick", "--spec", "creation", "--iterations", "3", "--quiet-wait", "1", "--no-report"],
            environment: Self.measuring)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("waiting up to 1.00 s for a quiet host"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("the host stayed busy"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("discarded and taken again: the host was busy with other work"))
        #expect(outcome.stdout.contains("Measured on a BUSY host"), "\(outcome.stdout)")
        let n = try await Self.summaries(cli)
        #expect((n["creation.host.foreign_cpu_pct"]?.median ?? 0) > 50, "two spinning processes: above half a core")
        #expect(n["run.host.busy_spec_count"]?.max == 1)
    }
}
