import Foundation
import Testing

@Suite struct HelpAndUsageTests {
    @Test func helpDocumentsTheExitCodesAndExitsZero() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let help = try await cli.run(["--help"])
        #expect(help.exitCode == 0)
        for line in [
            "0  ran, no regression", "1  regression alert", "2  bad input", "3  environment", "4  suite failure",
        ] {
            #expect(help.stdout.contains(line), "\(line)")
        }
        for command in ["run", "doctor", "baseline", "diff", "gate", "runs", "export", "prune"] {
            let sub = try await cli.run([command, "--help"])
            #expect(sub.exitCode == 0, "\(command) --help: \(sub.stderr)")
            #expect(sub.stdout.contains("USAGE: sandbox-bench \(command)"))
        }
    }

    @Test(arguments: [
        ["run", "--suite", "nightly"], ["run", "--spec", "nope"], ["run", "--iterations", "0"],
        ["run", "--memory", "lots"],
        ["run", "--junit", "x.xml"], ["gate", "--max-creation-slowdown", "20"],
        ["gate", "--min-parallel-efficiency", "1.5"],
        ["diff", "--statistic", "mode"], ["run", "--seccomp-profile", "/nonexistent.json"],
    ])
    func badInputExitsTwoWithoutTouchingAnything(arguments: [String]) async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let outcome = try await cli.run(arguments)
        #expect(outcome.exitCode == 2, "\(arguments): \(outcome.stderr)")
        #expect(!outcome.stderr.isEmpty)
        #expect(!FileManagerCheck.exists(cli.database))
    }
}

/// The lower layers say what happened; the command line says what to do, in its own flags.
@Suite struct ErrorAdviceTests {
    @Test(arguments: [
        (
            ["run", "--suite", "quick"], ["SANDBOX_BENCH_LOCK": "/proc/sandbox-bench.lock"],
            "Set SANDBOX_BENCH_LOCK to a lock file of its own (a new path) in a folder this user may write."
        ),
        (
            ["run", "--suite", "quick"], ["DOCKER_HOST": "tcp://127.0.0.1:2375"],
            "Set DOCKER_HOST=unix:///var/run/docker.sock or unset it."
        ),
        (["runs", "list", "--db", "/proc/version"], [:], "Pass another path with --db or SANDBOX_BENCH_DB."),
        // The default database, missing: a database named with --db must exist (bad input, exit 2).
        (
            ["runs", "show", "1"], ["SANDBOX_BENCH_DB": "", "XDG_DATA_HOME": "", "HOME": "/nonexistent"],
            "Run `sandbox-bench run` first, or pass the right path with --db."
        ),
    ])
    func anEnvironmentErrorEndsWithWhatToDo(arguments: [String], environment: [String: String], advice: String)
        async throws
    {
        let cli = try CommandLine()
        defer { cli.remove() }
        let outcome = try await cli.run(arguments, environment: environment)
        #expect(outcome.exitCode == 3, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1)
        #expect(outcome.errorLines.first?.lowercased().hasSuffix(advice.lowercased()) == true, "\(outcome.stderr)")
    }
}

enum FileManagerCheck {
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    }
}
