// The sandbox-bench side of Scripts/bench-client.sh: one long-lived client that runs one full
// sandbox lifecycle of `print('hello')` per line read from stdin and prints its phase timings
// as one JSON line. The Python driver alternates these with lifecycles through the Docker SDK.
import BenchModel
import DockerEngine
import Foundation
import Sandbox

struct Timings: Encodable {
    var ok: Bool
    var phases: [String: Double]
    var failure: String?
}

let host = try DockerHost(environment: ProcessInfo.processInfo.environment)
let image = CommandLine.arguments.dropFirst().first ?? SandboxProfile.defaultImage
let profile = SandboxProfile(image: image)
try await DockerEngine.withEngine(host: host) { engine in
    let sandbox = Sandbox(engine: engine, runID: "client-bench")
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    while let line = readLine(), line == "run" {
        let result = try await sandbox.run("print('hello')", profile: profile)
        let ok = result.succeeded && result.stdout == "hello\n" && result.removal.removed
        let phases = Dictionary(uniqueKeysWithValues: result.phases.recorded.map { ($0.phase.rawValue, $0.seconds) })
        let timings = Timings(ok: ok, phases: phases, failure: ok ? nil : result.failureReason ?? result.removal.error)
        FileHandle.standardOutput.write(try encoder.encode(timings) + Data("\n".utf8))
    }
}
