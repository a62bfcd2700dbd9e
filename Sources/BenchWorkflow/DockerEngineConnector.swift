import DockerEngine
import EngineInterface
import Logging
import Sandbox

/// The one place the tool makes its Docker Engine API client: a run, an A/B comparison and
/// `doctor` reach their engines through it; everything below the workflow sees only a
/// ``ContainerEngine``.
package struct DockerEngineConnector: EngineConnector {
    package init() {}

    package func connect(to host: DockerHost, deadlines: EngineDeadlines, logger: Logger) async throws
        -> any ContainerEngine
    {
        try await DockerEngine.connect(host: host, deadlines: deadlines, logger: logger)
    }
}

extension EngineDiagnosis {
    /// `doctor`'s checks on the Docker engine the profile names.
    package static func run(profile: SandboxProfile, deadlines: EngineDeadlines = .default, logger: Logger) async
        -> [Finding]
    {
        await run(profile: profile, engines: DockerEngineConnector(), deadlines: deadlines, logger: logger)
    }
}
