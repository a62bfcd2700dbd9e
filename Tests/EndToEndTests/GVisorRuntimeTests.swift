import BenchModel
import Foundation
import ResultsStore
import TestSupport
import Testing

/// gVisor as a runtime of its own: a private engine that registers Debian's `runsc` (with
/// `--network=none --platform=ptrace`), on which `doctor`, the creation and security specs and an
/// A/B comparison with runc run as a user runs them. Where Docker is required (CI), a missing
/// `runsc` fails these tests rather than skipping them.
@Suite(.needsDockerEngine, .serialized)
struct GVisorRuntimeTests {
    static func withGVisorEngine(_ body: (PrivateEngine, CommandLine) async throws -> Void) async throws {
        let engine = try await PrivateEngine.start(gVisor: true)
        let cli = try CommandLine()
        do {
            try await body(engine, cli)
        } catch {
            cli.remove()
            await engine.stop()
            throw error
        }
        cli.remove()
        await engine.stop()
    }

    @Test func doctorFindsAHealthyGVisorSoundAndNamesItsModel() async throws {
        try await Self.withGVisorEngine { engine, cli in
            let outcome = try await cli.run(["doctor", "--runtime", "runsc"], environment: engine.environment)
            #expect(outcome.exitCode == 0, "\(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.stdout.contains("sandbox model"))
            #expect(outcome.stdout.contains("gVisor (runsc)"))
            #expect(outcome.stdout.contains("12 of 12 properties held"), "\(outcome.stdout)")
            #expect(!outcome.stdout.contains("FAILED"))
            let runc = try await cli.run(["doctor", "--runtime", "runc"], environment: engine.environment)
            #expect(runc.exitCode == 0, "\(runc.stdout)\(runc.stderr)")
            #expect(runc.stdout.contains("11 of 12 properties held"), "\(runc.stdout)")
        }
    }

    /// The creation, security and seccomp specs on runsc: no false violation, every property held
    /// and stored; the seccomp spec's probe of its profile file judged by gVisor's model too (mode 0
    /// inside its application kernel, which filters calls itself, is no violation there).
    @Test func creationAndSecuritySpecsRunOnGVisor() async throws {
        try await Self.withGVisorEngine { engine, cli in
            let outcome = try await cli.run(
                [
                    "run", "--spec", "creation", "--spec", "security", "--spec", "seccomp", "--iterations", "2",
                    "--runtime", "runsc",
                    "--no-report",
                ],
                environment: engine.environment)
            #expect(outcome.exitCode == 0, "\(outcome.stdout)\(outcome.stderr)")
            let store = try await cli.store()
            let violations = try await store.samples(run: 1, metric: "security.violations").map(\.sample.value)
            #expect(violations == [0, 0])
            let held = try await store.samples(run: 1, metric: IsolationProperty.heldCount).map(\.sample.value)
            #expect(held == [12, 12])
            #expect(try await store.samples(run: 1, metric: .creationTime).count == 2)
            let profileViolations = try await store.samples(run: 1, metric: "seccomp.profile_violations")
            #expect(profileViolations.map(\.sample.value) == [0])
            await store.close()
        }
    }

    /// gVisor as B of `ab` against runc loses nothing; runc as B against gVisor loses the
    /// application kernel, named.
    @Test func abBetweenRuncAndGVisorNamesWhatIsLost() async throws {
        try await Self.withGVisorEngine { engine, cli in
            let runc = cli.directory.file("runc.json")
            let gVisor = cli.directory.file("gvisor.json")
            try #"{"engine": "\#(engine.dockerHost)", "runtime": "runc"}"#.write(
                toFile: runc, atomically: true, encoding: .utf8)
            try #"{"engine": "\#(engine.dockerHost)", "runtime": "runsc"}"#.write(
                toFile: gVisor, atomically: true, encoding: .utf8)
            let stronger = try await cli.run(["ab", runc, gVisor, "--spec", "security", "--no-report"])
            #expect(stronger.exitCode == 0, "\(stronger.stdout)\(stronger.stderr)")
            let weaker = try await cli.run(["ab", gVisor, runc, "--spec", "security", "--no-report"])
            #expect(weaker.exitCode == 1, "\(weaker.stdout)\(weaker.stderr)")
            #expect(
                weaker.stdout.contains(
                    "ALERT isolation-weakening: \"host kernel not directly reachable\""), "\(weaker.stdout)")
        }
    }
}
