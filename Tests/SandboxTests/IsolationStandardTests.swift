import BenchModel
import Foundation
import Testing

@testable import Sandbox

/// The standard judged on probe output recorded on this machine (runc and gVisor, cgroup v1) and
/// on output in cgroup v2's formats (no cgroup v2 host is at hand: its files are `memory.max`,
/// `pids.max` and `cpu.max`, "max" meaning none), with the engine's view from outside as recorded.
@Suite struct IsolationStandardTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "RecordedProbes")

    static func recorded(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static let hostKernel = "6.18.44-fc-v1300"

    /// What the engine showed of the default profile's container from outside (inspect, stats).
    static func outside(_ model: SandboxModel, readOnly: Bool = true, noNewPrivileges: Bool = true)
        -> IsolationEvidence
    {
        IsolationEvidence(
            model: model, hostKernel: hostKernel, hostMemoryBytes: 8 << 30, hostCPUs: 2, networkMode: "none",
            readOnlyRootfs: readOnly, noNewPrivilegesApplied: noNewPrivileges, appliedCPUs: 0.5,
            statsMemoryLimit: 512 << 20, statsPidsLimit: 100, statsCPUPeriods: 12)
    }

    static func statuses(_ report: IsolationProbe.Report) -> [IsolationProperty: IsolationAssessment.Status] {
        Dictionary(uniqueKeysWithValues: report.assessments.map { ($0.property, $0.status) })
    }

    @Test func runcOnCgroupV1HoldsAllButTheHostKernel() throws {
        let report = try IsolationProbe.evaluate(
            Self.recorded("runc-cgroup-v1.json"), expected: SandboxProfile(), evidence: Self.outside(.runc))
        let failed = report.checks.filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
        #expect(report.assessments.map(\.property) == IsolationProperty.allCases)
        let notHeld = report.assessments.filter { $0.status != .held }
        #expect(notHeld.map(\.property) == [.hostKernelShielded])
        #expect(report.heldCount == 11)
    }

    /// gVisor's kernel shows seccomp mode 0, no cgroup, EACCES on the read-only root and lets a
    /// user namespace and mknod succeed inside itself: none of that is a violation, and its
    /// limits are read from the engine's stats.
    @Test func gVisorIsJudgedByWhatGVisorDoes() throws {
        let report = try IsolationProbe.evaluate(
            Self.recorded("gvisor.json"), expected: SandboxProfile(), evidence: Self.outside(.gVisor))
        let failed = report.checks.filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
        #expect(report.assessments.allSatisfy { $0.status == .held }, "\(report.assessments)")
        #expect(report.heldCount == IsolationProperty.allCases.count)
        let limits = report.checks.filter { $0.name.hasSuffix("limit") }
        #expect(limits.count == 3 && limits.allSatisfy { $0.detail.contains("the engine's stats") })
    }

    /// The same output judged as runc (the engine said runc, or nothing) fails as before: the model decides.
    @Test func gVisorOutputJudgedAsRuncFails() throws {
        let report = try IsolationProbe.evaluate(
            Self.recorded("gvisor.json"), expected: SandboxProfile(), evidence: IsolationEvidence(model: .runc))
        let failed = Set(report.checks.filter { !$0.passed }.map(\.name))
        #expect(failed.isSuperset(of: ["seccomp", "read-only root filesystem", "refused: mknod", "memory limit"]))
    }

    @Test func aWeakenedGVisorSandboxStillFails() throws {
        let report = try IsolationProbe.evaluate(
            Self.recorded("gvisor-root-writable.json"), expected: SandboxProfile(),
            evidence: Self.outside(.gVisor, readOnly: false, noNewPrivileges: false))
        let failed = Set(report.checks.filter { !$0.passed }.map(\.name))
        #expect(failed.isSuperset(of: ["read-only root filesystem", "user", "capabilities", "no-new-privileges"]))
        let statuses = Self.statuses(report)
        for property in [IsolationProperty.notRoot, .noCapabilities, .noNewPrivileges, .readOnlyRoot, .noExecWritable] {
            #expect(statuses[property] == .notHeld, "\(property)")
        }
        #expect(statuses[.hostKernelShielded] == .held)
    }

    /// Docker's default capabilities kept for user 1000 (recorded here, runc and gVisor): the
    /// kernel leaves CapEff and CapPrm empty for a user that is not root, and every privileged
    /// call is refused, so only the bounding set shows what an exec could still gain.
    @Test(arguments: [("runc-caps-kept.json", SandboxModel.runc), ("gvisor-caps-kept.json", .gVisor)])
    func keptCapabilitiesAreNotHeldThoughEffectiveOnesAreEmpty(file: String, model: SandboxModel) throws {
        var keeping = SandboxProfile()
        keeping.dropAllCapabilities = false
        let report = try IsolationProbe.evaluate(
            Self.recorded(file), expected: keeping, evidence: Self.outside(model))
        let capabilities = try #require(report.assessments.first { $0.property == .noCapabilities })
        #expect(capabilities.status == .notHeld)
        #expect(capabilities.detail.contains("CapBnd 00000000a804"), "\(capabilities.detail)")
        // The profile promised nothing about capabilities: no violation, only the standard's loss.
        #expect(report.checks.filter { !$0.passed }.isEmpty, "\(report.checks.filter { !$0.passed })")
        #expect(report.heldCount == (model == .gVisor ? 11 : 10))
        // A profile that promised to drop them all is broken by the same output.
        let promised = try IsolationProbe.evaluate(
            Self.recorded(file), expected: SandboxProfile(), evidence: Self.outside(model))
        #expect(promised.checks.first { $0.name == "capabilities" }?.passed == false)
    }

    static func cgroupV2(memory: String, pids: String, cpu: String) throws -> String {
        let v1 = try recorded("runc-cgroup-v1.json")
        let limits = v1.range(of: #""limits": {"#)!.lowerBound
        let quota = cpu.split(separator: " ")
        return String(v1[..<limits])
            + #""limits": {"cgroup": "v2", "memory": "\#(memory)", "pids": "\#(pids)", "cpuQuota": "\#(quota[0])", "#
            + #""cpuPeriod": "\#(quota[1])"}}"#
    }

    @Test func cgroupV2LimitsAreRead() throws {
        let report = try IsolationProbe.evaluate(
            Self.cgroupV2(memory: "536870912", pids: "100", cpu: "50000 100000"), expected: SandboxProfile(),
            evidence: Self.outside(.runc))
        let failed = report.checks.filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
        #expect(report.heldCount == 11)
    }

    @Test func cgroupV2WithoutLimitsHoldsNone() throws {
        let report = try IsolationProbe.evaluate(
            Self.cgroupV2(memory: "max", pids: "max", cpu: "max 100000"), expected: SandboxProfile(),
            evidence: Self.outside(.runc))
        let statuses = Self.statuses(report)
        #expect(statuses[.memoryLimit] == .notHeld)
        #expect(statuses[.pidsLimit] == .notHeld)
        #expect(statuses[.cpuLimit] == .notHeld)
        #expect(Set(report.checks.filter { !$0.passed }.map(\.name)) == ["memory limit", "pids limit", "cpu limit"])
    }

    @Test func aLimitNobodyCanSeeIsNotVerifiable() throws {
        var evidence = Self.outside(.gVisor)
        evidence.statsMemoryLimit = nil
        let report = try IsolationProbe.evaluate(
            Self.recorded("gvisor.json"), expected: SandboxProfile(), evidence: evidence)
        let memory = report.assessments.first { $0.property == .memoryLimit }
        #expect(memory?.status == .notVerifiable)
        #expect(memory?.sentence.hasPrefix("not verifiable here: ") == true)
    }

    @Test func theModelComesFromTheRuntimesExecutable() {
        #expect(SandboxModel(runtime: "runc", path: "runc") == .runc)
        #expect(SandboxModel(runtime: "runsc", path: "/usr/bin/runsc") == .gVisor)
        #expect(SandboxModel(runtime: "gvisor", path: "/usr/local/bin/runsc") == .gVisor)
        #expect(SandboxModel(runtime: "kata", path: "/usr/bin/kata-runtime") == .unknown(runtime: "kata"))
        #expect(IsolationEvidence.appliesNoNewPrivileges(["no-new-privileges"]))
        #expect(!IsolationEvidence.appliesNoNewPrivileges(["no-new-privileges:false", "seccomp=unconfined"]))
    }

    @Test func theDefaultProfileGivesUpNothing() {
        #expect(SandboxProfile().weakenings.isEmpty)
        #expect(SandboxProfile().weakeningWarning(label: "A") == nil)
    }

    /// The security spec notes the weakening of "this profile"; the report finds that note by its lead.
    @Test func theSecuritySpecsWeakeningNoteIsFoundByTheReport() throws {
        var profile = SandboxProfile()
        profile.user = "root"
        let note = try #require(profile.weakeningWarning(label: "this profile"))
        #expect(note.hasPrefix(IsolationProperty.weakeningNoteLead))
        #expect(
            IsolationProperty.weakeningSentence(inNotes: ["another note", note])
                == "The sandbox profile gives up isolation a sandbox for untrusted code should keep: runs as root "
                + "(user root: uid 0)")
        #expect(IsolationProperty.weakeningSentence(inNotes: ["another note"]) == nil)
    }

    @Test func eachWeakeningIsNamed() {
        var profile = SandboxProfile()
        profile.user = "root"
        #expect(profile.weakenings == ["runs as root (user root: uid 0)"])
        profile = SandboxProfile(
            memoryBytes: 1_000_000 << 30, pidsLimit: 4_194_304, readOnlyRootFilesystem: false,
            dropAllCapabilities: false, noNewPrivileges: false, user: "0:0", seccomp: .unconfined)
        #expect(profile.weakenings.count == 7, "\(profile.weakenings)")
        #expect(profile.weakeningWarning(label: "B")?.hasPrefix("warning: B gives up isolation") == true)
    }

    /// uid 0 in every spelling the runtime reads as 0 is root, whatever the group; the user and
    /// group are read apart (runc looks a name up, else parses a number as Go's Atoi does).
    @Test(
        arguments: [
            ("root", true), ("0", true), ("0:0", true), ("0000:0000", true), ("+0", true), ("-0", true),
            ("00", true), ("root:0", true), ("0:root", true), ("0:1000", true), ("root:nogroup", true),
            ("1000:1000", false), ("1000", false), ("1000:0", false), ("nobody", false), ("nobody:0", false),
            ("01000", false), ("+1000:root", false), ("0x0", false), ("0 ", false),
        ] as [(String, Bool)])
    func rootIsRecognisedInEverySpelling(user: String, isRoot: Bool) {
        #expect(SandboxUser(user).isRoot == isRoot, "\(user)")
        var profile = SandboxProfile()
        profile.user = user
        #expect(profile.weakenings.contains { $0.hasPrefix("runs as root") } == isRoot, "\(user)")
    }

    @Test func theUserAndGroupAreReadApart() {
        #expect(SandboxUser("nobody:1000").uid == nil)
        #expect(SandboxUser("nobody:1000").gid == 1000)
        #expect(SandboxUser("0000:0000").gid == 0)
        #expect(SandboxUser("1000").gid == nil)
        #expect(SandboxUser("+1000:root").uid == 1000)
    }

    /// A seccomp profile file that lets every call it does not list run (SCMP_ACT_ALLOW, or
    /// SCMP_ACT_LOG, which only logs it) is below Docker's default, which refuses all but what it
    /// lists: said before measuring, naming the file. The original project's file refuses by default.
    @Test(arguments: [("SCMP_ACT_ALLOW", true), ("SCMP_ACT_LOG", true), ("SCMP_ACT_ERRNO", false)])
    func aSeccompFileThatAllowsByDefaultIsAWeakening(action: String, weakens: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"defaultAction": "\#(action)", "syscalls": [{"names": ["bpf"], "action": "SCMP_ACT_ERRNO"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        var profile = SandboxProfile()
        profile.seccomp = try SeccompPolicy.file(at: path)
        #expect((profile.seccomp.permissiveDefaultAction != nil) == weakens)
        let expected =
            "seccomp profile \(path) lets every system call it does not list run (defaultAction \(action)), "
            + "below Docker's default"
        #expect(profile.weakenings(on: HostCapacity(cpus: 2, memoryBytes: 8 << 30)) == (weakens ? [expected] : []))
        #expect(SeccompPolicy.originalProject.permissiveDefaultAction == nil)
    }

    /// A CPU or memory limit at or above what the host has limits nothing, and is said so.
    @Test func aLimitNotBelowTheHostsIsNoLimit() {
        let host = HostCapacity(cpus: 2, memoryBytes: 23 << 30)
        var profile = SandboxProfile()
        #expect(profile.weakenings(on: host).isEmpty)
        profile.cpus = 2
        profile.memoryBytes = 1000 << 30
        let found = profile.weakenings(on: host)
        #expect(found.contains("no effective CPU limit (2 CPUs, not below the host's 2)"), "\(found)")
        #expect(found.contains { $0.hasPrefix("no effective memory limit (1000g, not below the host's") }, "\(found)")
        profile.cpus = 1.5
        profile.memoryBytes = 22 << 30
        #expect(profile.weakenings(on: host).isEmpty)
    }

    /// The table `doctor --standard` prints is the one docs/ISOLATION.md holds.
    @Test func theDocumentedStandardIsTheToolsOwn() throws {
        let docs = Self.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/ISOLATION.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        #expect(text.contains(IsolationProperty.markdownTable + "\n"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| property") }
        #expect(rows.count == IsolationProperty.allCases.count)
    }
}
