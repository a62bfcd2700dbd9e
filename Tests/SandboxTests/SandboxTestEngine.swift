import DockerEngine
import EngineInterface
import Foundation
import Sandbox
import TestSupport
import Testing

/// Connects to the real engine for one test, gives it a sandbox with a run id of its own, and
/// afterwards checks that the test left no container of that run behind.
func withTestSandbox(_ body: (Sandbox) async throws -> Void) async throws {
    let host = DockerHost(socketPath: DockerRequirement.socketPath)
    try await DockerEngine.withEngine(host: host) { engine in
        let runID = "test-\(UUID().uuidString.prefix(8).lowercased())"
        let sandbox = Sandbox(engine: engine, runID: runID)
        var failure: (any Error)?
        do {
            try await body(sandbox)
        } catch {
            failure = error
        }
        let left = try await SandboxReaper(engine: engine).containers(ofRun: runID)
        #expect(left.isEmpty, "containers left behind: \(left.map(\.id))")
        if !left.isEmpty { _ = try await SandboxReaper(engine: engine).reap(run: runID) }
        if let failure { throw failure }
    }
}
