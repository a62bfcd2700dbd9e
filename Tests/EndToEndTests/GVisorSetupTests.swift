import Foundation
import TestSupport
import Testing

/// `Scripts/setup.sh --with-gvisor` registers runsc by merging it into the engine's daemon.json;
/// the merge is tried here on a temporary file (`SANDBOX_BENCH_DAEMON_JSON`), never on the
/// machine's own configuration.
@Suite struct GVisorSetupTests {
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/setup.sh").path
    }

    static func merge(_ path: String) async throws -> ExecutableFile.Outcome {
        try await ExecutableFile(path: "/bin/bash").run(
            [script, "--merge-gvisor-config"], environment: ["SANDBOX_BENCH_DAEMON_JSON": path])
    }

    @Test func theMergeKeepsEveryOtherKeyAndIsIdempotent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("daemon.json")
        try #"{"log-level": "warn", "default-runtime": "runc", "runtimes": {"other": {"path": "/opt/other"}}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let first = try await Self.merge(path)
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout == "changed\n")
        let merged = try String(contentsOfFile: path, encoding: .utf8)
        for kept in [#""log-level": "warn""#, #""default-runtime": "runc""#, #""path": "/opt/other""#] {
            #expect(merged.contains(kept), "\(merged)")
        }
        #expect(merged.contains(#""path": "/usr/bin/runsc""#))
        #expect(merged.contains(#""--platform=ptrace""#) && merged.contains(#""--network=none""#))
        let second = try await Self.merge(path)
        #expect(second.exitCode == 0 && second.stdout == "unchanged\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == merged)
    }

    @Test func aMissingFileIsCreated() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("docker/daemon.json")
        let outcome = try await Self.merge(path)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("runsc"))
    }

    /// Another runsc, or a file that is not a JSON object, is refused and left as it was.
    @Test(arguments: [#"{"runtimes": {"runsc": {"path": "/opt/runsc"}}}"#, "[1, 2]", #"{"runtimes": []}"#])
    func aConflictingFileIsRefusedUnchanged(content: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("daemon.json")
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try await Self.merge(path)
        #expect(outcome.exitCode != 0)
        #expect(outcome.stderr.contains("setup: error:"), "\(outcome.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }
}
