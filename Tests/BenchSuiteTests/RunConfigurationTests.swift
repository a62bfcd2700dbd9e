import BenchSuite
import EngineInterface
import Foundation
import Sandbox
import TestSupport
import Testing

@Suite struct RunConfigurationTests {
    static func configuration(_ profile: SandboxProfile) -> RunConfiguration {
        RunConfiguration(
            plan: SuitePlan(suite: .quick), profile: profile, hostInterpreter: nil, hostInterpreterVersion: nil,
            cpuCount: 2)
    }

    @Test(arguments: [
        SandboxProfile(),
        SandboxProfile(
            engine: DockerHost(socketPath: "/run/other.sock"), image: "other:1", command: ["python3", "-I"],
            memoryBytes: 1 << 30,
            memorySwapBytes: 2 << 30, cpus: 0.02, seccomp: .unconfined, runtime: "runc", timeoutSeconds: 12.5),
        SandboxProfile(seccomp: .originalProject),
    ])
    func theStoredConfigurationGivesBackTheProfileMeasured(profile: SandboxProfile) throws {
        let stored = try RunConfiguration(json: Self.configuration(profile).json)
        #expect(stored.profile == profile)
        #expect(stored == Self.configuration(profile))
    }

    @Test func aProfileFileThatChangedSinceTheRunIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("profile.json")
        try Data(#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let json = Self.configuration(SandboxProfile(seccomp: try SeccompPolicy.file(at: path))).json
        #expect(try RunConfiguration(json: json).profile.seccomp.path == path)
        try Data(#"{"defaultAction":"SCMP_ACT_ALLOW"}"#.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoredConfigurationError.self) { try RunConfiguration(json: json) }
        #expect(error?.description.contains("\(path) changed since it was recorded") == true)
        try FileManager.default.removeItem(atPath: path)
        let missing = #expect(throws: StoredConfigurationError.self) { try RunConfiguration(json: json) }
        #expect(missing?.description.contains("does not exist") == true)
    }

    /// What the runs of earlier versions stored: the same keys, no engine, the built-in file by its old name.
    @Test func aConfigurationStoredByAnEarlierVersionIsReadAsIs() throws {
        let original = SeccompPolicy.originalProject.fingerprint
        let json = """
            {"cpuCount":2,"hostInterpreter":"/usr/bin/python3.11","hostInterpreterVersion":"3.11.2",
             "plan":{"specs":[{"name":"creation","settings":{"iterations":10,"warmups":1}}],"suite":"full"},
             "profile":{"command":["python3"],"cpus":0.5,"dropAllCapabilities":true,"image":"sandbox-bench/python:bookworm",
              "memory":"512m","memorySwap":"512m","networkMode":"none","noNewPrivileges":true,"pidsLimit":100,
              "readOnlyRootFilesystem":true,"seccomp":"profile",
              "seccompProfilePath":"(built in: the original project's seccomp_profile.json)",
              "seccompFingerprint":"\(original)","timeoutSeconds":30,"tmpfsSize":"64m","user":"1000:1000"},
             "seccompSpecProfile":"\(original)"}
            """
        let configuration = try RunConfiguration(json: json)
        // No engine: the one rule's DOCKER_HOST, else the default socket, as for every profile read.
        let engine = try DockerHost.forProfile(named: nil, environment: ProcessInfo.processInfo.environment)
        #expect(configuration.profile == SandboxProfile(engine: engine, seccomp: .originalProject))
        #expect(configuration.plan.specs.map(\.name) == [.creation])
    }

    @Test func theSeccompSpecUsesTheProfilesOwnFileElseTheOriginalProjects() throws {
        #expect(RunConfiguration.seccompSpecPolicy(for: SandboxProfile()) == .originalProject)
        #expect(RunConfiguration.seccompSpecPolicy(for: SandboxProfile(seccomp: .unconfined)) == .originalProject)
        let file = SeccompPolicy.profile(path: "/p.json", json: "{}")
        #expect(RunConfiguration.seccompSpecPolicy(for: SandboxProfile(seccomp: file)) == file)
    }

    @Test func theOriginalProfileIsEmbeddedAndIsAnAllowList() throws {
        guard case .profile(_, let json) = SeccompPolicy.originalProject else {
            Issue.record("the original project's profile is a file")
            return
        }
        #expect(json.contains("\"defaultAction\": \"SCMP_ACT_ERRNO\""))
    }
}
