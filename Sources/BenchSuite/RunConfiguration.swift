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

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
