import BenchModel
import EngineInterface
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
        #expect(
            body["Labels"] as? [String: String] == [
                "sandbox-bench.owner": "sandbox-bench", "sandbox-bench.run": "42", "sandbox-bench.spec": "creation",
                "sandbox-bench.host": creator.host, "sandbox-bench.pid": String(creator.pid),
                "sandbox-bench.pid-start": creator.start,
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
    @Test(arguments: [
        ("512m", Int64(512 << 20)), ("1g", 1 << 30), ("2G", 2 << 30), ("64k", 64 << 10), ("1.5g", 1536 << 20),
        ("1048576", 1 << 20), ("100b", 100),
    ])
    func parsesDockerNotation(text: String, bytes: Int64) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test(arguments: [
        "", "m", "-1m", "0", "ten", "12x", "0.4b", "0.0001k", "1e3m", "inf", "infg", "nan", "0x10", "99999999999g",
        "9223372036854775808", "1.3333333333333333333333m", " ", "1..5g", "5 g",
    ])
    func rejectsNonsenseSizesThatRoundToZeroAndOverflows(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test func saysWhyASizeIsRefused() throws {
        #expect(throws: ByteSize.Rejection(reason: "is not a whole number of bytes")) { try ByteSize.bytes("0.4b") }
        #expect(throws: ByteSize.Rejection(reason: "is 0 bytes: a size must be at least 1 byte")) {
            try ByteSize.bytes("0m")
        }
        #expect(throws: ByteSize.Rejection(reason: "is too large: a size must fit in 64 bits of bytes")) {
            try ByteSize.bytes("99999999999g")
        }
        #expect(try ByteSize.bytes("8589934591g") == 8_589_934_591 << 30)
        #expect(try ByteSize.bytes("0.5k") == 512)
    }

    @Test func formatsTheShortestExactNotation() {
        #expect(ByteSize.format(512 << 20) == "512m")
        #expect(ByteSize.format(1 << 30) == "1g")
        #expect(ByteSize.format(1536 << 20) == "1536m")
        #expect(ByteSize.format(1000) == "1000b")
    }
}

@Suite struct SandboxProfileDocumentTests {
    @Test func everySettingRoundTripsThroughItsDocument() throws {
        let profile = SandboxProfile(
            engine: DockerHost(socketPath: "/run/b.sock"), image: "other:2", command: ["python3", "-S"],
            memoryBytes: 768 << 20,
            memorySwapBytes: 1 << 30, cpus: 1.5, pidsLimit: 64, readOnlyRootFilesystem: false, tmpfsSize: "32m",
            dropAllCapabilities: false, noNewPrivileges: false, user: "1234", seccomp: .unconfined, runtime: "runsc",
            timeoutSeconds: 7)
        let read = try SandboxProfile.decode(Data(try profile.json().utf8), source: "test")
        #expect(read == profile)
        #expect(try profile.json().contains("\"engine\" : \"unix:///run/b.sock\""))
        #expect(try profile.json().contains("\"memory\" : \"768m\""))
    }

    @Test func aDocumentMayHoldOnlyWhatDiffers() throws {
        let read = try SandboxProfile.decode(
            Data(#"{"image": "x:1", "memory": "1g"}"#.utf8), source: "B.json", environment: [:])
        var expected = SandboxProfile(image: "x:1")
        expected.memoryBytes = 1 << 30
        #expect(read == expected)
    }

    /// One rule wherever a profile is read: its own engine, else DOCKER_HOST, else the default
    /// socket. A profile without `engine` runs where `profile show` says it runs: on DOCKER_HOST's
    /// engine when it is set, never on the default socket behind the user's back.
    @Test func aDocumentWithoutAnEngineRunsOnDockerHostsLikeTheCommandLine() throws {
        let other = ["DOCKER_HOST": "unix:///run/other.sock"]
        let bare = Data(#"{"memory": "1g"}"#.utf8)
        #expect(
            try SandboxProfile.decode(bare, source: "B.json", environment: other).engine.socketPath == "/run/other.sock"
        )
        #expect(try SandboxProfile.decode(bare, source: "B.json", environment: [:]).engine == DockerHost())
        #expect(try DockerHost.forProfile(named: nil, environment: other) == DockerHost(socketPath: "/run/other.sock"))
        let named = Data(#"{"engine": "unix:///run/named.sock"}"#.utf8)
        #expect(
            try SandboxProfile.decode(named, source: "A.json", environment: other).engine.socketPath
                == "/run/named.sock")
        // A DOCKER_HOST this tool cannot use is the environment's problem, when the profile needs it.
        let remote = ["DOCKER_HOST": "tcp://10.0.0.1:2375"]
        #expect(throws: SandboxProfileError.engine(.unsupportedHost("tcp://10.0.0.1:2375"))) {
            try SandboxProfile.decode(bare, source: "B.json", environment: remote)
        }
        #expect(
            try SandboxProfile.decode(named, source: "A.json", environment: remote).engine.socketPath
                == "/run/named.sock")
    }

    @Test(arguments: [
        (#"{"memory": "0.4b"}"#, #"at "memory": "0.4b" is not a whole number of bytes."#),
        (#"{"memory": "1m"}"#, "memory 1m is below the engine's minimum of 6m."),
        (#"{"cpus": 1e10}"#, "cpus 10000000000.0 is out of range"),
        (#"{"timeoutSeconds": 1e300}"#, "timeoutSeconds 1e+300 is out of range"),
        (#"{"networkMode": "bridge"}"#, #"at "networkMode": "bridge" is not allowed"#),
        (#"{"memorey": "1g"}"#, #"at "memorey": is not a profile setting"#),
        (#"{"cpus": "two"}"#, #"at "cpus": expected a number."#),
        (#"{"seccomp": "profile"}"#, #"at "seccompProfilePath": is missing"#),
        (
            #"{"seccomp": "profile", "seccompProfilePath": "/no/such/file.json"}"#,
            "/no/such/file.json cannot be read: it does not exist"
        ),
        (#"{"engine": "tcp://10.0.0.1:2375"}"#, "is not a local engine socket"),
        ("[1, 2]", "expected"),
        ("{", "it is not valid JSON: the text ends inside an object or array at line 1, column 2."),
        (#"{"user": "0:0", "user": "1000:1000"}"#, #"at "user": the key appears twice in one object"#),
        (#"{"image": "x:1", "\u0069mage": "y:2"}"#, #"at "image": the key appears twice"#),
    ])
    func anInvalidDocumentIsRefusedInOneLineThatNamesTheSetting(document: String, message: String) {
        let error = #expect(throws: SandboxProfileError.self) {
            try SandboxProfile.decode(Data(document.utf8), source: "A.json")
        }
        let description = error?.description ?? ""
        #expect(description.contains(message), "\(description)")
        #expect(!description.contains("\n"))
        #expect(!description.contains("couldn’t") && !description.contains("NSCocoaErrorDomain"))
    }
}
