import ArgumentParser
import BenchModel
import Foundation
import Sandbox

struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "The sandbox profile as a JSON document (what `ab` compares).",
        subcommands: [Show.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the sandbox profile as JSON: the default one, with the profile options given.",
            discussion: """
                Every setting: the engine socket (DOCKER_HOST, else /var/run/docker.sock; a profile \
                file without "engine" runs on the same), image, \
                command, memory and swap, CPUs, pids limit, read-only root, /tmp size, capabilities, \
                no-new-privileges, user, network mode (always none), seccomp policy (with its file \
                and SHA-256), runtime and timeout. Save it, change what the other side should \
                differ in, and compare both with `sandbox-bench ab A.json B.json`; a key left out \
                of a profile file takes its default.
                """)

        @OptionGroup var profileOptions: ProfileOptions

        func run() async throws {
            CommandOutput.data(try profileOptions.makeProfile().json())
        }
    }

    /// Reads a profile document (`profile show` writes one) from a file.
    static func read(_ path: String) throws -> SandboxProfile {
        let data: Data
        do {
            data = try InputFile.contents(at: path, limit: 1 << 20)
        } catch {
            throw ValidationError("The profile file \(path) cannot be read: \(error.reason).")
        }
        do {
            return try SandboxProfile.decode(data, source: path)
        } catch .engine(let error) {
            // The profile names no engine and DOCKER_HOST is unusable: the environment's fault (exit 3).
            throw error
        } catch {
            // A profile that cannot be used is bad input (exit 2), whatever the setting.
            throw ValidationError(error.description)
        }
    }
}
