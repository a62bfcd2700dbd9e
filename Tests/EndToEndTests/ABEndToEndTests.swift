import BenchModel
import Foundation
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// `profile show` and the inputs of `ab`, without an engine.
@Suite struct ProfileAndABInputTests {
    @Test func profileShowPrintsEverySettingAndTheEngineSocket() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let shown = try await cli.run(
            ["profile", "show", "--memory", "1g"], environment: ["DOCKER_HOST": "unix:///run/other.sock"])
        #expect(shown.exitCode == 0, "\(shown.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(object["engine"] as? String == "unix:///run/other.sock")
        #expect(object["memory"] as? String == "1g")
        #expect(object["networkMode"] as? String == "none")
        for key in [
            "image", "command", "memorySwap", "cpus", "pidsLimit", "readOnlyRootFilesystem", "tmpfsSize",
            "dropAllCapabilities",
            "noNewPrivileges", "user", "seccomp", "seccompFingerprint", "runtime", "timeoutSeconds",
        ] {
            #expect(object.keys.contains(key), "\(key)")
        }
    }

    @Test func abRefusesProfilesItCannotReadInOneLine() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let good = cli.directory.file("a.json")
        try #"{"memory": "512m"}"#.write(toFile: good, atomically: true, encoding: .utf8)
        let bridged = cli.directory.file("bridge.json")
        try #"{"networkMode": "bridge"}"#.write(toFile: bridged, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            ([good, cli.directory.file("missing.json")], "cannot be read: it does not exist"),
            ([good, cli.directory.path], "it is a directory"),
            ([good, bridged], "networkMode"),
            ([good, good, "--budget", "0"], "--budget"),
            ([good, good, "--window", "3"], "--window"),
            ([good, good, "--min-samples", "20", "--max-samples", "10"], "--max-samples"),
        ]
        for (arguments, words) in cases {
            let outcome = try await cli.run(["ab"] + arguments)
            #expect(outcome.exitCode == 2, "\(arguments): \(outcome.stderr)")
            #expect(outcome.errorLines.count == 1)
            #expect(outcome.stderr.contains(words), "\(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }
}

/// `ab` with the real engine: two linked runs, interleaved, B gated against A.
@Suite(.needsDockerEngine, .serialized)
struct ABEndToEndTests {
    @Test func abStoresTwoLinkedRunsAndGatesBAgainstA() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let profile = cli.directory.file("a.json")
        let shown = try await cli.run(["profile", "show"])
        try shown.stdout.write(toFile: profile, atomically: true, encoding: .utf8)
        // A generous limit: this test checks the mechanics, not the noise of a shared machine.
        let outcome = try await cli.run([
            "ab", profile, profile, "--suite", "quick", "--spec", "creation", "--min-samples", "4", "--max-samples",
            "6",
            "--max-creation-slowdown", "300%",
            "--out", cli.directory.file("reports"),
        ])
        #expect(outcome.exitCode == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("interleaved ABBA"))
        #expect(outcome.stdout.contains("Gate passed: run 2 vs A: run 1 (a.json), no alert."))

        let store = try await cli.store()
        let runs = try await store.runs(RunQuery(order: .oldestFirst))
        #expect(runs.map(\.label) == ["A: a.json", "B: a.json"])
        #expect(runs.allSatisfy { $0.testbed == Testbed.defaultName + "/ab" && $0.status == .completed })
        let decision = try #require(try await store.decisions(run: 2).last)
        #expect(decision.baseline.kind == "ab")
        #expect(decision.baseline.runs == [.init(id: 1, uuid: runs[0].uuid)])
        for run in runs {
            let samples = try await store.samples(run: run.id, metric: .creationTime)
            // The quick suite's 5, made even for whole ABBA blocks: the minimum is also the maximum here.
            #expect(samples.count == 6)
        }
        #expect(
            try await store.samples(run: 1, metric: .creationTime).count
                == store.samples(run: 2, metric: .creationTime).count)
        let reports = try FileManager.default.contentsOfDirectory(atPath: cli.directory.file("reports"))
        #expect(reports.contains("run-2.html"))
        // The link reads both ways in the views: B's verdict names A.
        #expect(try await cli.run(["runs", "show", "2"]).stdout.contains("against A: run 1 (a.json)"))
    }

    /// A side the engine would refuse to create (more CPUs than the engine has) is refused
    /// before either side measures: exit 2, one line naming the side, no run stored, and a `run`
    /// with the same limit likewise.
    @Test func aSideWithMoreCPUsThanTheEngineIsRefusedBeforeAnythingIsMeasured() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let a = cli.directory.file("a.json")
        let b = cli.directory.file("b.json")
        try "{}".write(toFile: a, atomically: true, encoding: .utf8)
        try #"{"cpus": 512}"#.write(toFile: b, atomically: true, encoding: .utf8)
        let outcome = try await cli.run(["ab", a, b, "--suite", "quick", "--spec", "creation"])
        #expect(outcome.exitCode == 2, "\(outcome.stdout)\(outcome.stderr)")
        let errors = outcome.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(outcome.stderr)")
        #expect(errors.first?.contains("B (b.json): The sandbox's CPU limit (512 CPUs) is more than the") == true)
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing stored")

        let run = try await cli.run(["run", "--suite", "quick", "--spec", "creation", "--cpus", "1024", "--no-report"])
        #expect(run.exitCode == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("The sandbox's CPU limit (1024 CPUs) is more than the"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing stored")
        #expect(try await StoreIntegrityEndToEndTests.leftContainers(pid: run.pid) == 0)
    }
}
