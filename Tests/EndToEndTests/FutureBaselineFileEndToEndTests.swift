import BenchModel
import Foundation
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// A baseline file dated in the future is refused where it is read; a run ahead of this host's
/// clock that another host measured is named as such, not blamed on this host's clock.
@Suite(.serialized)
struct FutureBaselineFileEndToEndTests {
    /// The file of run 1, with a new identity, another host and times moved to `start`.
    static func edited(_ cli: CommandLine, start: String, end: String, host: String? = nil) async throws -> String {
        let exported = cli.directory.file("nightly.json")
        #expect(try await cli.run(["baseline", "export", "1", "-o", exported]).exitCode == 0)
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: exported))) as? [String: Any])
        var run = try #require(object["run"] as? [String: Any])
        run["uuid"] = UUID().uuidString
        run["startedAt"] = start
        run["endedAt"] = end
        if let host { run["host"] = host }
        object["run"] = run
        let path = cli.directory.file("future.json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aFileDatedInTheFutureIsRefusedByImportAndByTheGate() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) {
            try await $0.run(creation: 0.40)
            try await $0.run(creation: 0.40)
        }
        let future = try await Self.edited(cli, start: "2099-01-01T00:00:00.000Z", end: "2099-01-01T00:00:20.000Z")
        for arguments in [["baseline", "import", future], ["gate", "2", "--baseline-file", future]] {
            let outcome = try await cli.run(arguments)
            #expect(outcome.exitCode == 2, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
            #expect(
                outcome.stderr.contains("at \"run.startedAt\": is 2099-01-01T00:00:00.000Z, after this host's clock"),
                "\(outcome.stderr)")
        }
        #expect(try await cli.store().runs().count == 2)
    }

    /// A run stored ahead of this host's clock (imported before files were checked, or copied from
    /// a host whose clock ran ahead) stops later runs, naming it and where it came from.
    @Test(.needsDockerEngine)
    func aRunAheadThatAnotherHostMeasuredIsNamedNotThisHostsClock() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        try await VerdictFixtures.write(cli) { try await $0.run(creation: 0.40) }
        let future = try await Self.edited(
            cli, start: "2099-01-01T00:00:00.000Z", end: "2099-01-01T00:00:20.000Z", host: "ci-runner-7")
        let file = try BaselineFile(
            json: Data(contentsOf: URL(fileURLWithPath: future)), source: "future.json", now: .distantFuture)
        let store = try await cli.store()
        _ = try await store.importRun(file.run)
        await store.close()
        let outcome = try await cli.run(["run", "--spec", "security", "--iterations", "1", "--no-report"])
        #expect(outcome.exitCode == 3, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("run 2 (measured on ci-runner-7 and imported or copied here)"))
        #expect(outcome.stderr.contains("delete it (`sandbox-bench runs delete 2`)"), "\(outcome.stderr)")
    }
}
