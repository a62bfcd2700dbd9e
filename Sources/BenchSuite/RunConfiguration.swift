import BenchModel
import Foundation
import Sandbox

/// Everything that decides what a run measured, stored with the run as JSON.
public struct RunConfiguration: Sendable, Codable, Equatable {
    public struct Profile: Sendable, Codable, Equatable {
        public var image: String
        public var command: [String]
        public var memory: String
        public var memorySwap: String
        public var cpus: Double
        public var pidsLimit: Int64
        public var readOnlyRootFilesystem: Bool
        public var tmpfsSize: String
        public var dropAllCapabilities: Bool
        public var noNewPrivileges: Bool
        public var user: String
        public var networkMode: String
        public var seccomp: String
        public var seccompProfilePath: String?
        public var seccompFingerprint: String
        public var runtime: String?
        public var timeoutSeconds: Double

        public init(_ profile: SandboxProfile) {
            image = profile.image
            command = profile.command
            memory = ByteSize.format(profile.memoryBytes)
            memorySwap = ByteSize.format(profile.memorySwapBytes ?? profile.memoryBytes)
            cpus = profile.cpus
            pidsLimit = profile.pidsLimit
            readOnlyRootFilesystem = profile.readOnlyRootFilesystem
            tmpfsSize = profile.tmpfsSize
            dropAllCapabilities = profile.dropAllCapabilities
            noNewPrivileges = profile.noNewPrivileges
            user = profile.user
            networkMode = profile.networkMode
            seccomp = profile.seccomp.name
            if case .profile(let path, _) = profile.seccomp { seccompProfilePath = path }
            seccompFingerprint = profile.seccomp.fingerprint
            runtime = profile.runtime
            timeoutSeconds = profile.timeoutSeconds
        }
    }

    public var plan: SuitePlan
    public var profile: Profile
    public var hostInterpreter: String?
    public var hostInterpreterVersion: String?
    public var seccompSpecProfile: String
    public var cpuCount: Int

    public init(
        plan: SuitePlan, profile: Profile, hostInterpreter: String?, hostInterpreterVersion: String?,
        seccompSpecProfile: String, cpuCount: Int
    ) {
        self.plan = plan
        self.profile = profile
        self.hostInterpreter = hostInterpreter
        self.hostInterpreterVersion = hostInterpreterVersion
        self.seccompSpecProfile = seccompSpecProfile
        self.cpuCount = cpuCount
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension RunConfiguration {
    /// Reads the configuration a run stored.
    public init(json: String) throws {
        self = try JSONDecoder().decode(RunConfiguration.self, from: Data(json.utf8))
    }

    /// The profile the run measured, for re-running its specs (`gate --confirm`). A profile file
    /// is read again from its path and must still have the hash the run recorded.
    public func makeProfile() throws -> SandboxProfile {
        let memory = ByteSize.parse(profile.memory) ?? 512 << 20
        let swap = ByteSize.parse(profile.memorySwap)
        var sandbox = SandboxProfile(
            image: profile.image, command: profile.command, memoryBytes: memory,
            memorySwapBytes: swap == memory ? nil : swap, cpus: profile.cpus, pidsLimit: profile.pidsLimit,
            readOnlyRootFilesystem: profile.readOnlyRootFilesystem, tmpfsSize: profile.tmpfsSize,
            dropAllCapabilities: profile.dropAllCapabilities, noNewPrivileges: profile.noNewPrivileges, user: profile.user,
            runtime: profile.runtime, timeoutSeconds: profile.timeoutSeconds)
        switch profile.seccomp {
        case SeccompPolicy.unconfined.name:
            sandbox.seccomp = .unconfined
        case SeccompPolicy.dockerDefault.name:
            sandbox.seccomp = .dockerDefault
        default:
            let path = profile.seccompProfilePath ?? ""
            let policy: SeccompPolicy
            if path == OriginalSeccompProfile.path {
                policy = OriginalSeccompProfile.policy
            } else if let data = FileManager.default.contents(atPath: path) {
                policy = .profile(path: path, json: String(decoding: data, as: UTF8.self))
            } else {
                throw StoredConfigurationError.seccompProfileMissing(path: path)
            }
            guard policy.fingerprint == profile.seccompFingerprint else {
                throw StoredConfigurationError.seccompProfileChanged(path: path)
            }
            sandbox.seccomp = policy
        }
        return sandbox
    }
}

public enum StoredConfigurationError: CategorizedError, Equatable {
    case seccompProfileMissing(path: String)
    case seccompProfileChanged(path: String)

    public var kind: FailureKind { .badInput }

    public var description: String {
        switch self {
        case .seccompProfileMissing(let path):
            return "The run was measured with the seccomp profile \(path), which can no longer be read; restore it to re-run the run's specs."
        case .seccompProfileChanged(let path):
            return "The seccomp profile \(path) changed since the run was measured; re-running its specs would measure something else."
        }
    }
}
