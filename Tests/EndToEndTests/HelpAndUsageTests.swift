import Foundation
import Testing

@Suite struct HelpAndUsageTests {
    @Test func helpDocumentsTheExitCodesAndExitsZero() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let help = try await cli.run(["--help"])
        #expect(help.exitCode == 0)
        for line in ["0  ran, no regression", "1  regression alert", "2  bad input", "3  environment", "4  suite failure"] {
            #expect(help.stdout.contains(line), "\(line)")
        }
        for command in ["run", "doctor", "baseline", "diff", "gate", "runs", "export", "prune"] {
            let sub = try await cli.run([command, "--help"])
            #expect(sub.exitCode == 0, "\(command) --help: \(sub.stderr)")
            #expect(sub.stdout.contains("USAGE: sandbox-bench \(command)"))
        }
    }

    @Test(arguments: [
        ["run", "--suite", "nightly"], ["run", "--spec", "nope"], ["run", "--iterations", "0"], ["run", "--memory", "lots"],
        ["run", "--junit", "x.xml"], ["gate", "--max-creation-slowdown", "20"], ["gate", "--min-parallel-efficiency", "1.5"],
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

enum FileManagerCheck {
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    }
}
