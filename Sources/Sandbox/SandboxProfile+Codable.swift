import BenchModel
import EngineInterface
import Foundation

/// The profile as JSON: what a run stores with its configuration, what `profile show` prints and
/// what `ab` reads. Sizes are Docker's notation (`"512m"`); the seccomp policy is named by its
/// kind, the file's path and the file's SHA-256 (the file itself is read again when the profile
/// is read, and must still have that hash). A key that is absent takes its default, so a profile
/// file may hold only what differs; an unknown key is refused.
extension SandboxProfile: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case engine, image, command, memory, memorySwap, cpus, pidsLimit, readOnlyRootFilesystem, tmpfsSize
        case dropAllCapabilities, noNewPrivileges, user, networkMode, seccomp, seccompProfilePath, seccompFingerprint
        case runtime, timeoutSeconds
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(engine.description, forKey: .engine)
        try container.encode(image, forKey: .image)
        try container.encode(command, forKey: .command)
        try container.encode(ByteSize.format(memoryBytes), forKey: .memory)
        try container.encode(ByteSize.format(effectiveMemorySwapBytes), forKey: .memorySwap)
        try container.encode(cpus, forKey: .cpus)
        try container.encode(pidsLimit, forKey: .pidsLimit)
        try container.encode(readOnlyRootFilesystem, forKey: .readOnlyRootFilesystem)
        try container.encode(tmpfsSize, forKey: .tmpfsSize)
        try container.encode(dropAllCapabilities, forKey: .dropAllCapabilities)
        try container.encode(noNewPrivileges, forKey: .noNewPrivileges)
        try container.encode(user, forKey: .user)
        try container.encode(networkMode, forKey: .networkMode)
        try container.encode(seccomp.name, forKey: .seccomp)
        try container.encodeIfPresent(seccomp.path, forKey: .seccompProfilePath)
        try container.encode(seccomp.fingerprint, forKey: .seccompFingerprint)
        try container.encode(runtime, forKey: .runtime)
        try container.encode(timeoutSeconds, forKey: .timeoutSeconds)
    }

    package init(from decoder: any Decoder) throws {
        let unknown = try decoder.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
            .filter { CodingKeys(rawValue: $0) == nil }.sorted()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let key = unknown.first {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath + [AnyCodingKey(stringValue: key)],
                    debugDescription:
                        "is not a profile setting; the settings are \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))."
                ))
        }
        var profile = SandboxProfile()
        func value<T: Decodable>(_ key: CodingKeys, _ type: T.Type) throws -> T? {
            try container.decodeIfPresent(type, forKey: key)
        }
        func size(_ key: CodingKeys) throws -> Int64? {
            guard let text = try value(key, String.self) else { return nil }
            do {
                return try ByteSize.bytes(text)
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "\"\(text)\" \(error.reason)")
            }
        }
        let engine = try value(.engine, String.self)
        do {
            profile.engine = try DockerHost.forProfile(
                named: engine,
                environment: decoder.userInfo[Self.environmentKey] as? [String: String]
                    ?? ProcessInfo.processInfo.environment)
        } catch {
            guard let engine else { throw SandboxProfileError.engine(error) }
            throw DecodingError.dataCorruptedError(
                forKey: .engine, in: container,
                debugDescription: "\"\(engine)\" is not a local engine socket such as unix:///var/run/docker.sock.")
        }
        profile.image = try value(.image, String.self) ?? profile.image
        profile.command = try value(.command, [String].self) ?? profile.command
        profile.memoryBytes = try size(.memory) ?? profile.memoryBytes
        if let swap = try size(.memorySwap), swap != profile.memoryBytes { profile.memorySwapBytes = swap }
        profile.cpus = try value(.cpus, Double.self) ?? profile.cpus
        profile.pidsLimit = try value(.pidsLimit, Int64.self) ?? profile.pidsLimit
        profile.readOnlyRootFilesystem = try value(.readOnlyRootFilesystem, Bool.self) ?? profile.readOnlyRootFilesystem
        profile.tmpfsSize = try value(.tmpfsSize, String.self) ?? profile.tmpfsSize
        profile.dropAllCapabilities = try value(.dropAllCapabilities, Bool.self) ?? profile.dropAllCapabilities
        profile.noNewPrivileges = try value(.noNewPrivileges, Bool.self) ?? profile.noNewPrivileges
        profile.user = try value(.user, String.self) ?? profile.user
        if let network = try value(.networkMode, String.self), network != "none" {
            throw DecodingError.dataCorruptedError(
                forKey: .networkMode, in: container,
                debugDescription:
                    "\"\(network)\" is not allowed: the sandbox never has a network, networkMode is always none.")
        }
        profile.runtime = try value(.runtime, String.self)
        profile.timeoutSeconds = try value(.timeoutSeconds, Double.self) ?? profile.timeoutSeconds
        let fingerprint = try value(.seccompFingerprint, String.self)
        switch try value(.seccomp, String.self) ?? SeccompPolicy.dockerDefault.name {
        case SeccompPolicy.dockerDefault.name: profile.seccomp = .dockerDefault
        case SeccompPolicy.unconfined.name: profile.seccomp = .unconfined
        case "profile":
            guard let path = try value(.seccompProfilePath, String.self) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .seccompProfilePath, in: container,
                    debugDescription: "is missing: a seccomp profile file needs its path.")
            }
            do {
                profile.seccomp = try SeccompPolicy.file(at: path, expectedFingerprint: fingerprint)
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .seccompProfilePath, in: container, debugDescription: error.description)
            }
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .seccomp, in: container,
                debugDescription: "\"\(other)\" is not a seccomp policy: use default, unconfined or profile.")
        }
        try profile.validate()
        self = profile
    }

    /// Where a decoder finds the environment whose `DOCKER_HOST` a profile without `engine` takes
    /// (see ``DockerHost/forProfile(named:environment:)``); the process's own when absent.
    static let environmentKey = CodingUserInfoKey(rawValue: "sandbox-bench.environment")!

    /// Reads a profile document (`profile show` prints one); `source` names it in errors. A key
    /// given twice is refused at its path: `"user"` twice must not run as the first one while
    /// every other tool reads the second. A profile that names no engine runs on `DOCKER_HOST`'s
    /// (of `environment`), else the default socket.
    package static func decode(
        _ data: Data, source: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SandboxProfileError) -> SandboxProfile {
        do {
            var decoder = StrictJSONDecoder()
            decoder.userInfo[environmentKey] = environment
            return try decoder.decode(SandboxProfile.self, from: data)
        } catch let problem as JSONDocumentProblem {
            throw SandboxProfileError.invalidDocument(source: source, problem: problem.sentence)
        } catch let error as SandboxProfileError {
            throw error
        } catch let error as DecodingError {
            throw SandboxProfileError.invalidDocument(source: source, problem: DecodingErrorSentence.describe(error))
        } catch {
            throw SandboxProfileError.invalidDocument(
                source: source, problem: .init(keyPath: nil, reason: "it could not be read."))
        }
    }

    /// The profile as `profile show` prints it: pretty, keys in a stable order.
    package func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// Any key of a JSON object, to find the ones a type does not know.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
