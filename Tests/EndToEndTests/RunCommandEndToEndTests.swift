import BenchModel
import DockerEngine
import EngineInterface
import Foundation
import ResultsStore
import Sandbox
import StoreTestSupport
import TestSupport
import Testing

/// `sandbox-bench run` as a user runs it: the built binary, the real engine, a real database.
@Suite(.needsDockerEngine, .serialized)
struct RunCommandEndToEndTests {
    static let host = DockerHost(socketPath: DockerRequirement.socketPath)

    static func containers(labels: [String] = []) async throws -> [ContainerSummary] {
        try await DockerEngine.withEngine(host: host) { engine in
            try await engine.listContainers(labels: [SandboxLabel.ownerFilter] + labels)
        }
    }

    /// Containers of run `runID` that the process `pid` created and left (other tests' runs may share the id).
    static func runContainers(_ runID: Int64, pid: Int32) async throws -> Int {
        try await containers(labels: ["\(SandboxLabel.run)=\(runID)", "\(SandboxLabel.pid)=\(pid)"]).count
    }

    @Test func theOriginalSuiteStoresExactlyItsNineBenchmarksWithItsCounts() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let outcome = try await cli.run(["run", "--suite", "original", "--label", "original check"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("creation.create_start_s"))

        let database = try await cli.store()
        let run = try #require(try await database.runs().first)
        #expect(run.status == .completed)
        #expect(run.suite == "original")
        #expect(run.label == "original check")
        let specs = try await database.specs(run: run.id).map(\.spec).filter { $0 != "run" }
        #expect(
            specs == [
                "creation", "overhead_simple", "overhead_compute", "parallel", "cleanup", "cleanup_all", "e2e",
                "memory_limit", "seccomp",
            ])
        let n = Dictionary(
            uniqueKeysWithValues: try await database.summaries(run: run.id).map { ($0.metric.rawValue, $0.n) })
        let expected: [String: Int] = [
            "creation.create_start_s": 10, "overhead_simple.docker_s": 10, "overhead_simple.direct_s": 10,
            "overhead_compute.docker_s": 5, "overhead_compute.direct_s": 5, "parallel.efficiency": 1,
            "cleanup.remove_s": 10,
            "cleanup_all.wall_s": 1, "e2e.cycle_s": 10, "memory_limit.512m.cycle_s": 5, "memory_limit.1g.cycle_s": 5,
            "memory_limit.2g.cycle_s": 5, "seccomp.default.cycle_s": 5, "seccomp.unconfined.cycle_s": 5,
        ]
        for (metric, count) in expected {
            #expect(n[metric] == count, "\(metric)")
        }
        // Every creation sample carries its lifecycle phases.
        let samples = try await database.samples(run: run.id, metric: .creationTime)
        #expect(samples.allSatisfy { $0.sample.phases?.recorded.map(\.phase) == LifecyclePhase.allCases })

        let shown = try await cli.run(["runs", "show", String(run.id)])
        #expect(shown.exitCode == 0)
        #expect(shown.stdout.contains("seccomp.unconfined.cycle_s"))
        #expect(try await Self.runContainers(run.id, pid: outcome.pid) == 0)
    }

    @Test func anInterpreterThatDoesNotExistIsASuiteFailureExitFour() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        // The whole quick suite: every spec, including those that start containers in batches, must
        // count the failures and go on, not stop the run with an engine error.
        let outcome = try await cli.run(["run", "--suite", "quick", "--interpreter", "python-nope"])
        #expect(outcome.exitCode == 4, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1)
        // Every spec runs the interpreter; the host side of a comparison alone does not count.
        let every =
            "creation, overhead_simple, overhead_compute, parallel, cleanup, cleanup_all, e2e, memory_limit, seccomp, "
            + "overhead_pandas, warm, scaling, security"
        #expect(
            outcome.errorLines.first?.contains(
                "no valid samples from \(every). `sandbox-bench runs show 1` lists each failure") == true,
            "\(outcome.stderr)")
        #expect(outcome.stdout.contains("python-nope"))
        let run = try #require(try await cli.store().runs().first)
        #expect(run.status == .failed)
        #expect(try await Self.runContainers(run.id, pid: outcome.pid) == 0)
    }

    @Test func sigintDuringTheParallelSpecAbortsCleanly() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let arguments = ["run", "--suite", "quick", "--spec", "creation", "--spec", "parallel", "--iterations", "40"]
        let (outcome, sawParallel) = try await cli.run(arguments) { process in
            var sawParallel = false
            for _ in 0..<1200 where process.isRunning {
                if try await !Self.containers(labels: [
                    "\(SandboxLabel.spec)=parallel", "\(SandboxLabel.pid)=\(process.pid)",
                ]).isEmpty {
                    sawParallel = true
                    break
                }
                try await Task.sleep(for: .milliseconds(25))
            }
            try process.signal(SIGINT)
            return sawParallel
        }
        #expect(sawParallel)
        #expect(outcome.exitCode == 130, "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains("Interrupted by SIGINT") == true)

        let database = try await cli.store()
        let run = try #require(try await database.runs().first)
        #expect(run.status == .aborted)
        #expect(run.reason?.contains("SIGINT") == true)
        #expect(try await database.samples(run: run.id, metric: .creationTime).count == 40)
        #expect(try await Self.runContainers(run.id, pid: outcome.pid) == 0)
    }

    /// `timeout` sends SIGTERM to the process and then to its process group: the same signal twice
    /// at once is one request, and the run still ends clean. SIGHUP (a closed SSH session) stops a
    /// run as SIGTERM does.
    @Test(arguments: [([SIGTERM, SIGTERM], Int32(143), "SIGTERM"), ([SIGHUP], Int32(129), "SIGHUP")])
    func aRepeatedSignalCountsOnceAndSIGHUPAbortsCleanly(signals: [Int32], exitCode: Int32, name: String) async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let (outcome, _) = try await cli.run(["run", "--suite", "quick", "--spec", "creation", "--iterations", "400"]) {
            process in
            for _ in 0..<1200 where process.isRunning {
                if try await !Self.containers(labels: ["\(SandboxLabel.pid)=\(process.pid)"]).isEmpty { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            for signal in signals { try process.signal(signal) }
        }
        #expect(outcome.exitCode == exitCode, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Second signal"), "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains("Interrupted by \(name)") == true, "\(outcome.stderr)")
        // The store was closed on the way out: the database file alone holds the run, no `-wal` beside it.
        #expect(!FileManager.default.fileExists(atPath: cli.database + "-wal"))
        let run = try #require(try await cli.store().runs().first)
        #expect(run.status == .aborted)
        #expect(run.reason?.contains(name) == true)
        #expect(try await Self.runContainers(run.id, pid: outcome.pid) == 0)
    }

    /// A run that cannot reach the engine stores nothing and leaves no database file it created.
    @Test func aRunWithoutAnEngineLeavesNoDatabaseBehind() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let outcome = try await cli.run(
            ["run", "--suite", "quick", "--no-report"],
            environment: ["DOCKER_HOST": "unix://" + cli.directory.file("no-engine.sock")])
        #expect(outcome.exitCode == 3, "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains("not reachable") == true, "\(outcome.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(!left.contains { $0.hasPrefix("results.sqlite") }, "\(left)")
    }

    @Test func aSecondRunExitsThreeAtOnceAndMeasuresNothing() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let (outcome, _) = try await cli.run(["run", "--suite", "quick", "--spec", "e2e", "--iterations", "200"]) {
            first in
            // The first run holds the lock once its run is in the database.
            var running = false
            for _ in 0..<400 where first.isRunning {
                if let database = try? await cli.store(),
                    try await database.runs().contains(where: { $0.status == .running })
                {
                    running = true
                    break
                }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(running)
            let second = try await cli.run(["run", "--suite", "quick"])
            #expect(second.exitCode == 3)
            #expect(second.stderr.split(separator: "\n").count == 1, "\(second.stderr)")
            #expect(second.errorLines.count == 1)
            #expect(second.errorLines.first?.contains("process \(first.pid)") == true)
            #expect(try await cli.store().runs().count == 1)
            try first.signal(SIGTERM)
        }
        #expect(outcome.exitCode == 143)
    }

    /// An environment error before the suite starts stores nothing: a nightly job whose engine is
    /// down does not fill the database with failed runs.
    @Test func anUnreachableEngineStoresNothingAndExitsThree() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await FixtureDatabase.write(at: cli.database)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        let socket = cli.directory.file("no-daemon.sock")
        let outcome = try await cli.run(["run", "--suite", "quick"], environment: ["DOCKER_HOST": "unix://\(socket)"])
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(outcome.errorLines.first?.contains(socket) == true)
        #expect(outcome.errorLines.first?.contains("Scripts/setup.sh") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before)
        #expect(!FileManagerCheck.exists(cli.directory.file("Reports")))
    }

    @Test func aMissingImageThatCannotBePulledStoresNothingAndExitsThree() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        // A registry on a closed loopback port: the pull fails at once and nothing leaves the host.
        let image = "localhost:1/sandbox-bench/missing:1"
        let outcome = try await cli.run(["run", "--suite", "quick", "--image", image])
        #expect(outcome.exitCode == 3)
        #expect(outcome.errorLines.first?.contains(image) == true)
        #expect(outcome.errorLines.first?.contains("Scripts/setup.sh") == true)
        // Nothing stored, so not even the database the run created is left.
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func doctorPassesOnThisEngineAndFailsWithTheFixWithoutIt() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let healthy = try await cli.run(["doctor"])
        #expect(healthy.exitCode == 0, "\(healthy.stdout)\(healthy.stderr)")
        // The engine, the image, the sandbox model, the isolation probe's 24 checks, the 12 properties
        // of the isolation standard and how many are held, and the removal of its container.
        #expect(healthy.stdout.split(separator: "\n").count == 41, "\(healthy.stdout)")
        #expect(healthy.stdout.contains("11 of 12 properties held"), "\(healthy.stdout)")
        #expect(healthy.stdout.contains("ok     cleanup"), "\(healthy.stdout)")
        let socket = cli.directory.file("stopped.sock")
        let stopped = try await cli.run(["doctor"], environment: ["DOCKER_HOST": "unix://\(socket)"])
        #expect(stopped.exitCode == 3)
        #expect(stopped.errorLines.count == 1)
        #expect(stopped.errorLines.first?.contains(socket) == true)
        #expect(stopped.errorLines.first?.contains("dockerd --bridge=none") == true)
        let missing = try await cli.run(["doctor", "--image", "sandbox-bench/missing:1"])
        #expect(missing.exitCode == 3)
        #expect(missing.errorLines.first?.contains("sandbox-bench/missing:1") == true)
        #expect(missing.errorLines.first?.contains("Scripts/setup.sh") == true)
    }
}
