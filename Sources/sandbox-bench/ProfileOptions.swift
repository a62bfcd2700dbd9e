import ArgumentParser
import Foundation
import Sandbox

/// Overrides of the sandbox profile, shared by `run` and `doctor`.
struct ProfileOptions: ParsableArguments {
    @Option(help: "Sandbox image (default: \(SandboxProfile.defaultImage), built by Scripts/setup.sh).")
    var image: String = SandboxProfile.defaultImage

    @Option(help: ArgumentHelp("Interpreter the sandbox runs the code with, inside the image.", valueName: "command"))
    var interpreter: String = "python3"

    @Option(help: "Memory limit of each sandbox container, in Docker's notation (swap is set equal: no swap).")
    var memory: String = "512m"

    @Option(help: "CPU limit of each sandbox container, in CPUs.")
    var cpus: Double = 0.5

    @Option(help: ArgumentHelp("Seccomp profile file (Docker's JSON format) to confine the sandbox with instead of Docker's default.", valueName: "path"))
    var seccompProfile: String?

    @Option(help: "OCI runtime registered with the daemon (default: the daemon's default runtime).")
    var runtime: String?

    @Option(help: "Seconds a sandbox may run before it is killed.")
    var timeout: Double = 30

    func validate() throws {
        guard ByteSize.parse(memory) != nil else {
            throw ValidationError("--memory \(memory) is not a size; use Docker's notation such as 512m or 1g.")
        }
        guard cpus > 0 else { throw ValidationError("--cpus must be greater than 0.") }
        guard timeout > 0 else { throw ValidationError("--timeout must be greater than 0 seconds.") }
        guard !image.isEmpty else { throw ValidationError("--image must not be empty.") }
        guard !interpreter.isEmpty else { throw ValidationError("--interpreter must not be empty.") }
        if let seccompProfile {
            _ = try Self.readSeccompProfile(seccompProfile)
        }
    }

    func makeProfile() throws -> SandboxProfile {
        var profile = SandboxProfile(
            image: image, command: [interpreter], memoryBytes: ByteSize.parse(memory) ?? 512 << 20, cpus: cpus)
        profile.runtime = runtime
        profile.timeoutSeconds = timeout
        if let seccompProfile {
            profile.seccomp = .profile(path: seccompProfile, json: try Self.readSeccompProfile(seccompProfile))
        }
        return profile
    }

    /// The profile file's contents, checked to be a JSON object before the daemon sees it.
    static func readSeccompProfile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--seccomp-profile \(path) cannot be read; give the path of a readable JSON file.")
        }
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw ValidationError("--seccomp-profile \(path) is not a JSON object; give a profile in Docker's seccomp format.")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
