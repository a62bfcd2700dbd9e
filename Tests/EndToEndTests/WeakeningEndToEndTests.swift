import BenchModel
import Foundation
import ResultsStore
import StoreTestSupport
import TestSupport
import Testing

/// A profile that gives up isolation is said first, in every spelling of it: root as `0000:0000`
/// or `+0`, and a CPU or memory limit no smaller than the host's, which limits nothing.
@Suite(.needsDockerEngine, .serialized)
struct WeakeningEndToEndTests {
    @Test func limitsNotBelowTheHostsAreSaidFirstAndStoredAsNotHeld() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        let gibibytes = ProcessInfo.processInfo.physicalMemory / (1 << 30) + 1
        let outcome = try await cli.run([
            "run", "--spec", "security", "--iterations", "1", "--no-report", "--cpus", String(cpus), "--memory",
            "\(gibibytes)g",
        ])
        #expect(outcome.exitCode == 0, "\(outcome.stdout)\(outcome.stderr)")
        let first = try #require(outcome.stdout.split(separator: "\n").first)
        #expect(first.contains("gives up isolation"), "\(outcome.stdout)")
        #expect(first.contains("no effective CPU limit (\(cpus) CPUs, not below the host's \(cpus))"), "\(first)")
        #expect(first.contains("no effective memory limit (\(gibibytes)g, not below the host's"), "\(first)")
        // The stored assessment of the isolation standard says the same.
        let store = try await cli.store()
        for property in [IsolationProperty.cpuLimit, .memoryLimit] {
            let held = try await store.samples(run: 1, metric: property.metric).map(\.sample.value)
            #expect(held == [0], "\(property)")
        }
    }

    /// Docker's default capabilities kept for user 1000: the kernel shows CapEff and CapPrm 0 and
    /// refuses every privileged call, yet the bounding set still holds what an exec could gain.
    /// As B of `ab`, the property "no capabilities" is lost: an alert naming it, exit 1.
    @Test func keptCapabilitiesOfAUserThatIsNotRootAlert() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let shown = try await cli.run(["profile", "show"])
        let profile = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        var kept = profile
        kept["dropAllCapabilities"] = false
        let (a, b) = (cli.directory.file("a.json"), cli.directory.file("kept.json"))
        try JSONSerialization.data(withJSONObject: profile).write(to: URL(fileURLWithPath: a))
        try JSONSerialization.data(withJSONObject: kept).write(to: URL(fileURLWithPath: b))
        let outcome = try await cli.run([
            "ab", a, b, "--spec", "security", "--min-samples", "2", "--max-samples", "2", "--no-report",
        ])
        #expect(outcome.exitCode == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(
            outcome.stdout.split(separator: "\n").first?.contains("keeps Docker's default capabilities") == true,
            "\(outcome.stdout)")
        #expect(
            outcome.stdout.contains("ALERT isolation-weakening: \"no capabilities\" (security.holds.no_capabilities)"),
            "\(outcome.stdout)")
        let store = try await cli.store()
        let held = try await store.samples(run: 2, metric: IsolationProperty.noCapabilities.metric).map(\.sample.value)
        #expect(!held.isEmpty && held.allSatisfy { $0 == 0 }, "\(held)")
    }

    @Test func rootInAnySpellingIsSaidFirstForEachSide() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let shown = try await cli.run(["profile", "show"])
        let profile = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        var paths: [String] = []
        for (name, user) in [("a.json", "0000:0000"), ("b.json", "+0")] {
            var edited = profile
            edited["user"] = user
            let path = cli.directory.file(name)
            try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let outcome = try await cli.run([
            "ab", paths[0], paths[1], "--spec", "security", "--min-samples", "2", "--max-samples", "2", "--no-report",
        ])
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count >= 2, "\(outcome.stdout)\(outcome.stderr)")
        #expect(lines.first?.contains("A (a.json) gives up isolation") == true, "\(outcome.stdout)")
        #expect(lines.first?.contains("runs as root (user 0000:0000: uid 0)") == true, "\(outcome.stdout)")
        #expect(lines.dropFirst().first?.contains("runs as root (user +0: uid 0)") == true, "\(outcome.stdout)")
        // The standard measured it: neither side held "not root".
        let store = try await cli.store()
        for run: Int64 in [1, 2] {
            let held = try await store.samples(run: run, metric: IsolationProperty.notRoot.metric).map(\.sample.value)
            #expect(!held.isEmpty && held.allSatisfy { $0 == 0 }, "run \(run): \(held)")
        }
    }
}
