import BenchSuite
import EngineInterface

extension BenchmarkRun {
    /// What a run reaches outside itself, besides its store: the engine (through a connector),
    /// the host's interpreter for the direct baselines, and whether the process ran without a
    /// break during an iteration. The tool's runs use ``live``; a test gives an in-memory engine,
    /// a scripted interpreter and a continuity it controls, and so reaches every branch of the
    /// run without a daemon.
    package struct Dependencies: Sendable {
        /// Resolves the host interpreter a run was told to use (`--host-python`), killing each of
        /// its processes after the given time.
        package typealias InterpreterResolution =
            @Sendable (_ command: String, _ timeout: Duration) async throws
            -> HostInterpreter

        package var engines: any EngineConnector
        package var hostInterpreter: InterpreterResolution
        package var continuity: any ContinuityProbe
        /// The host's foreign load around each iteration of a run on the engine at a host, or nil
        /// when it cannot be measured there (see ``ForeignLoadMeter``).
        package var hostLoad: @Sendable (DockerHost) -> AnyHostLoadProbe?

        package init(
            engines: any EngineConnector = DockerEngineConnector(),
            hostInterpreter: @escaping InterpreterResolution = { try await HostInterpreter.resolve($0, timeout: $1) },
            continuity: any ContinuityProbe = ProcessContinuity.process,
            hostLoad: @escaping @Sendable (DockerHost) -> AnyHostLoadProbe? = {
                ForeignLoadMeter(engineSocket: $0.socketPath).map { AnyHostLoadProbe($0) }
            }
        ) {
            self.hostLoad = hostLoad
            self.engines = engines
            self.hostInterpreter = hostInterpreter
            self.continuity = continuity
        }

        /// The Docker engine, the host's own interpreter, this process's continuity.
        package static var live: Dependencies { Dependencies() }
    }
}
