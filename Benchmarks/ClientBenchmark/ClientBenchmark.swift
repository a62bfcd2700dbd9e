// The sandbox-bench side of Scripts/bench-client.sh: one long-lived client that runs one full
// sandbox lifecycle of `print('hello')` per line read from stdin and prints its phase timings
// as one JSON line. The Python driver alternates these with lifecycles through the Docker SDK.
import ArgumentParser
import BenchModel
import CommandLineSupport
import DockerEngine
import EngineInterface
import Foundation
import Sandbox

struct Timings: Encodable {
    var ok: Bool
    var phases: [String: Double]
    var failure: String?
}

@main
struct ClientBenchmark: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-benchmark",
        abstract: "Run one sandbox lifecycle per `run` line on stdin and print its phase timings as JSON.",
        discussion: ToolExitCodes.help)

    @Argument(help: ArgumentHelp("The sandbox image.", valueName: "image"))
    var image: String = SandboxProfile.defaultImage

    func run() async throws {
        let host = try DockerHost(environment: ProcessInfo.processInfo.environment)
        let profile = SandboxProfile(engine: host, image: image)
        try await DockerEngine.withEngine(host: host) { engine in
            let sandbox = Sandbox(engine: engine, runID: "client-bench")
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            while let line = readLine(), line == "run" {
                let result = try await sandbox.run("print('hello')", profile: profile)
                let ok = result.succeeded && result.stdout == "hello\n" && result.removal.removed
                let phases = Dictionary(
                    uniqueKeysWithValues: result.phases.recorded.map { ($0.phase.rawValue, $0.seconds) })
                let timings = Timings(
                    ok: ok, phases: phases, failure: ok ? nil : result.failureReason ?? result.removal.error)
                StandardOutput.write(String(decoding: try encoder.encode(timings), as: UTF8.self) + "\n")
            }
        }
    }
}
