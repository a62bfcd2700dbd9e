import BenchModel
import Foundation
import ResultsStore
import Testing

@Suite struct ProfileDifferenceTests {
    static func run(_ profile: String) -> RunRecord {
        RunRecord(
            id: 1, uuid: UUID(), testbed: "t", startedAt: Date(timeIntervalSince1970: 1_767_232_800), endedAt: nil,
            status: .completed, reason: nil, suite: "quick", label: nil, gitCommit: nil, toolVersion: "0.1.0",
            configurationJSON: #"{"profile": \#(profile)}"#, purpose: .main, parentRunID: nil, host: "h", pid: 1)
    }

    /// `--cpus 0.2 --memory 256m` is another sandbox: each limit is a labelled difference.
    @Test func theSandboxProfilesLimitsAreEnvironmentDifferences() throws {
        let environment = EnvironmentFingerprint(kernel: "6.1.0", defaultRuntime: "runc")
        let before = try #require(
            Self.run(#"{"memory": "512m", "cpus": 1.0, "pidsLimit": 256, "seccomp": "default"}"#)
                .withEngine(environment))
        var runsc = environment
        runsc.defaultRuntime = "runsc"
        let after = try #require(
            Self.run(#"{"memory": "256m", "cpus": 0.2, "pidsLimit": 256, "seccomp": "default"}"#).withEngine(runsc))
        let differences = before.differences(to: after)
        #expect(differences.map(\.field) == ["sandbox runtime", "sandbox memory limit", "sandbox CPU limit"])
        #expect(differences.map(\.baseline) == ["runc", "512m", "1.0"])
        #expect(differences.map(\.current) == ["runsc", "256m", "0.2"])
        // A run stored without a profile knows no limits: no difference.
        let unknown = try #require(Self.run("null").withEngine(environment))
        #expect(unknown.differences(to: before).isEmpty)
    }
}
