import BenchModel
import DockerEngine
import Foundation
import Sandbox
import Testing

@Suite struct SandboxProfileEncodingTests {
    static func json(_ request: ContainerCreateRequest) throws -> [String: Any] {
        let data = try JSONEncoder().encode(request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func defaultProfileEncodesTheOriginalExecutorsLimits() throws {
        let request = SandboxProfile().createRequest(runID: "42", spec: "creation")
        let body = try Self.json(request)
        #expect(body["Image"] as? String == "sandbox-bench/python:bookworm")
        #expect(body["Cmd"] as? [String] == ["python3", "/sandbox/main.py"])
        #expect(body["User"] as? String == "1000:1000")
        #expect(body["NetworkDisabled"] as? Bool == true)
        let creator = ProcessIdentity.current
        #expect(body["Labels"] as? [String: String] == [
            "sandbox-bench.owner": "sandbox-bench", "sandbox-bench.run": "42", "sandbox-bench.spec": "creation",
            "sandbox-bench.host": creator.host, "sandbox-bench.pid": String(creator.pid), "sandbox-bench.pid-start": creator.start,
        ])
        let host = try #require(body["HostConfig"] as? [String: Any])
        #expect(host["NetworkMode"] as? String == "none")
        #expect(host["Memory"] as? Int == 536_870_912)
        #expect(host["MemorySwap"] as? Int == 536_870_912)
        #expect(host["NanoCpus"] as? Int == 500_000_000)
        #expect(host["PidsLimit"] as? Int == 100)
        #expect(host["ReadonlyRootfs"] as? Bool == true)
        #expect(host["Tmpfs"] as? [String: String] == ["/tmp": "rw,noexec,nosuid,size=64m"])
        #expect(host["CapDrop"] as? [String] == ["ALL"])
        #expect(host["SecurityOpt"] as? [String] == ["no-new-privileges"])
        #expect(host["Runtime"] == nil)
        let mounts = try #require(host["Mounts"] as? [[String: Any]])
        #expect(mounts.count == 1)
        #expect(mounts.first?["Type"] as? String == "volume")
        #expect(mounts.first?["Target"] as? String == "/sandbox")
    }

    @Test func everyFieldIsOverridable() throws {
        let profile = SandboxProfile(
            image: "other:tag", command: ["python3", "-I"], memoryBytes: 1 << 30, memorySwapBytes: 2 << 30, cpus: 1.25,
            pidsLimit: 64, readOnlyRootFilesystem: false, tmpfsSize: "16m", dropAllCapabilities: false,
            noNewPrivileges: false, user: "1234:1234", seccomp: .unconfined, runtime: "runc")
        let body = try Self.json(profile.createRequest(runID: "7"))
        #expect(body["Image"] as? String == "other:tag")
        #expect(body["Cmd"] as? [String] == ["python3", "-I", "/sandbox/main.py"])
        #expect(body["User"] as? String == "1234:1234")
        let host = try #require(body["HostConfig"] as? [String: Any])
        #expect(host["NetworkMode"] as? String == "none")
        #expect(host["Memory"] as? Int == 1 << 30)
        #expect(host["MemorySwap"] as? Int == 2 << 30)
        #expect(host["NanoCpus"] as? Int == 1_250_000_000)
        #expect(host["PidsLimit"] as? Int == 64)
        #expect(host["ReadonlyRootfs"] as? Bool == false)
        #expect(host["Tmpfs"] as? [String: String] == ["/tmp": "rw,noexec,nosuid,size=16m"])
        #expect(host["CapDrop"] == nil)
        #expect(host["SecurityOpt"] as? [String] == ["seccomp=unconfined"])
        #expect(host["Runtime"] as? String == "runc")
    }

    @Test func aProfileFileIsSentInline() throws {
        let json = #"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}"#
        let profile = SandboxProfile(seccomp: .profile(path: "/etc/seccomp.json", json: json))
        let host = try #require(try Self.json(profile.createRequest(runID: "1"))["HostConfig"] as? [String: Any])
        #expect(host["SecurityOpt"] as? [String] == ["no-new-privileges", "seccomp=\(json)"])
        #expect(profile.seccomp.fingerprint == "sha256:" + SHA256.hex(of: Array(json.utf8)))
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == digest)
    }

    @Test func aMillionAs() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(of: input) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct ByteSizeTests {
    @Test(arguments: [("512m", Int64(512 << 20)), ("1g", 1 << 30), ("2G", 2 << 30), ("64k", 64 << 10), ("1.5g", 1536 << 20), ("1048576", 1 << 20), ("100b", 100)])
    func parsesDockerNotation(text: String, bytes: Int64) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test(arguments: ["", "m", "-1m", "0", "ten", "12x"])
    func rejectsNonsense(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test func formatsTheShortestExactNotation() {
        #expect(ByteSize.format(512 << 20) == "512m")
        #expect(ByteSize.format(1 << 30) == "1g")
        #expect(ByteSize.format(1536 << 20) == "1536m")
        #expect(ByteSize.format(1000) == "1000b")
    }
}
