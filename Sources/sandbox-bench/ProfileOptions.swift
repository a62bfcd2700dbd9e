import ArgumentParser
import EngineInterface
import Foundation
import Sandbox

/// Overrides of the sandbox profile, shared by `run` and `doctor`. Every setting is checked by the
/// profile itself (`SandboxProfile.validate()`) before anything starts.
struct ProfileOptions: ParsableArguments {
    @Option(help: "Sandbox image (default: \(SandboxProfile.defaultImage), built by Scripts/setup.sh).")
    var image: String = SandboxProfile.defaultImage

    @Option(help: ArgumentHelp("Interpreter the sandbox runs the code with, inside the image.", valueName: "command"))
    var interpreter: String = "python3"

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Memory limit of each sandbox container, in Docker's notation such as 512m or 1.5g, at least 6m (swap is set equal: no swap).",
            valueName: "size"))
    var memory: String = "512m"

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("CPU limit of each sandbox container, in CPUs (0.01 to 1024).", valueName: "cpus"))
    var cpus: String = "0.5"

    @Option(
        help: ArgumentHelp(
            "Seccomp profile file (Docker's JSON format) to confine the sandbox with instead of Docker's default.",
            valueName: "path"))
    var seccompProfile: String?

    @Option(
        help: ArgumentHelp(
            "OCI runtime registered with the engine (default: the engine's default runtime).", valueName: "name"))
    var runtime: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seconds a sandbox may run before it is killed (0.001 to 86400).", valueName: "seconds"))
    var timeout: String = "30"

    func validate() throws {
        do {
            _ = try makeProfile()
        } catch is DockerEngineError {
            // An unusable DOCKER_HOST is the environment's fault (exit 3), reported when the command runs.
        }
    }

    /// The default profile with these overrides, on the engine DOCKER_HOST names (else the default socket).
    func makeProfile() throws -> SandboxProfile {
        var profile = SandboxProfile(
            engine: try DockerHost.forProfile(named: nil, environment: ProcessInfo.processInfo.environment),
            image: image,
            command: [interpreter])
        do {
            profile.memoryBytes = try ByteSize.bytes(memory)
        } catch {
            throw ValidationError("--memory \(memory) \(error.reason).")
        }
        profile.cpus = try Self.number(cpus, option: "--cpus")
        profile.timeoutSeconds = try Self.number(timeout, option: "--timeout")
        profile.runtime = runtime
        if let seccompProfile {
            do {
                profile.seccomp = try SeccompPolicy.file(at: seccompProfile)
            } catch {
                throw ValidationError("--seccomp-profile: \(error.description)")
            }
        }
        do {
            try profile.validate()
        } catch .invalidSetting(let setting, let value, let reason) {
            let option = Self.options[setting].map { "--\($0)" } ?? "The profile's \(setting)"
            throw ValidationError("\(option) \(value) \(reason).")
        } catch {
            throw ValidationError(error.description)
        }
        return profile
    }

    /// The options that set a profile setting, to name them in errors.
    static let options = [
        "image": "image", "command": "interpreter", "memory": "memory", "cpus": "cpus", "runtime": "runtime",
        "timeoutSeconds": "timeout",
    ]

    /// A plain decimal number: `Double` alone would also take `inf`, `nan`, `0x1p3` or `1e300`.
    /// The range is the profile's to check (`SandboxProfile.validate()`), with its own sentence.
    static func number(_ text: String, option: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("-") {
            throw ValidationError(
                "\(option) \(text) is out of range: it must not be negative; write a plain decimal number such as 0.5.")
        }
        guard let value = NumberArgument.plainDecimal(trimmed) else {
            throw ValidationError("\(option) \(text) is not a number: write a plain decimal number such as 0.5.")
        }
        return value
    }
}
