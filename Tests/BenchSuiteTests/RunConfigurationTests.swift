import BenchSuite
import Sandbox
import Testing

@Suite struct RunConfigurationTests {
    static func configuration(_ profile: SandboxProfile) -> RunConfiguration {
        RunConfiguration(
            plan: SuitePlan(suite: .quick), profile: .init(profile), hostInterpreter: nil, hostInterpreterVersion: nil,
            seccompSpecProfile: "x", cpuCount: 2)
    }

    @Test(arguments: [
        SandboxProfile(),
        SandboxProfile(image: "other:1", command: ["python3", "-I"], memoryBytes: 1 << 30, cpus: 0.02, seccomp: .unconfined, runtime: "runc"),
        SandboxProfile(seccomp: OriginalSeccompProfile.policy),
    ])
    func theStoredConfigurationGivesBackTheProfileMeasured(profile: SandboxProfile) throws {
        let stored = try RunConfiguration(json: Self.configuration(profile).json)
        #expect(try stored.makeProfile() == profile)
    }

    @Test func aProfileFileThatChangedIsRefused() throws {
        var configuration = Self.configuration(SandboxProfile(seccomp: OriginalSeccompProfile.policy))
        configuration.profile.seccompFingerprint = "sha256:0000"
        #expect(throws: StoredConfigurationError.seccompProfileChanged(path: OriginalSeccompProfile.path)) {
            try configuration.makeProfile()
        }
    }

    @Test func theOriginalProfileIsEmbeddedAndIsAnAllowList() {
        #expect(OriginalSeccompProfile.json.contains("\"defaultAction\": \"SCMP_ACT_ERRNO\""))
    }
}
