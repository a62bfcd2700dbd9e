/// What the sandbox, its reaper, `doctor` and a run need of a container engine: the Docker
/// Engine API's calls that sandbox-bench makes, in its terms. `DockerEngine` speaks it to a
/// daemon over a Unix socket; tests use an in-memory engine that can be slow, fail, hang, lose
/// containers or refuse removals on cue.
///
/// Every implementation keeps the same rules, which the code above it relies on:
/// - Each call ends by its deadline (``deadlines``; a wait or an exec's is passed in): one the
///   engine does not answer in time throws ``DockerEngineError/deadlineExceeded(request:seconds:)``,
///   one that finds the engine gone throws ``DockerEngineError/daemonUnreachable(socketPath:reason:)``
///   and marks ``firstUnreachable``. Both are engine faults (``DockerEngineError/isEngineFault``):
///   every further call would fail alike, so a run stops. ``EngineCall/run(_:within:outage:_:)``
///   keeps these rules for an implementation.
/// - An answer the engine refused is ``DockerEngineError/api(status:message:request:)`` with the
///   engine's status (404: no such container, 409: a conflict), or a more specific error
///   (``DockerEngineError/imageNotFound(_:)``): a counted failure of one sample, not a fault.
/// - A removal of a container or a volume that no longer exists is not an error: it returns false.
package protocol ContainerEngine: Sendable {
    /// Where the engine listens.
    var host: DockerHost { get }
    /// The API version calls are made in.
    var apiVersion: APIVersion { get }
    /// How long each kind of call may take.
    var deadlines: EngineDeadlines { get }
    /// The clock calls to this engine are timed on (see ``MeasuringClock``).
    var clock: any MeasuringClock { get }
    /// When a call first found the engine gone; nil while none has.
    var firstUnreachable: ContinuousClock.Instant? { get }
    /// Whether the engine takes a new connection now: an engine that is going away stops taking
    /// them first, while it may still answer on connections it has.
    func acceptsConnections() -> Bool

    /// `GET /_ping`: true when the engine answers "OK".
    func ping() async throws -> Bool
    /// `GET /version`.
    func version() async throws -> VersionInfo
    /// `GET /info`.
    func info() async throws -> SystemInfo

    /// ``DockerEngineError/imageNotFound(_:)`` when the engine does not have the image.
    func inspectImage(_ name: String) async throws -> ImageInspect
    /// Pulls `reference`, calling `progress` for every line of the engine's progress stream.
    func pullImage(_ reference: String, progress: @escaping @Sendable (PullProgress) -> Void) async throws

    /// Creates a container; `name` lets the caller remove it by name even when the answer is lost.
    func createContainer(_ request: ContainerCreateRequest, name: String?) async throws -> ContainerCreated
    func startContainer(_ id: String) async throws
    /// Returns when the container has stopped running, or throws when `deadline` passes first.
    func waitContainer(_ id: String, deadline: Duration) async throws -> ContainerExit
    /// Stdout and stderr of a container without a TTY, each up to `limit` bytes.
    func containerLogs(_ id: String, limit: Int) async throws -> DemultiplexedOutput
    func inspectContainer(_ id: String) async throws -> ContainerInspect
    /// `GET /containers/{id}/stats?stream=false`: one reading of a running container's usage and
    /// limits, as the engine sees them from outside the sandbox.
    func containerStats(_ id: String) async throws -> ContainerStats
    /// A container that already stopped is not an error.
    func killContainer(_ id: String, signal: String) async throws
    /// Removes a container (a name or an id); false when no such container exists.
    @discardableResult
    func removeContainer(_ id: String, force: Bool, removeVolumes: Bool) async throws -> Bool
    /// Every container, running or not, that carries all of `labels` (`key=value` or `key`).
    func listContainers(labels: [String]) async throws -> [ContainerSummary]
    /// Extracts a tar archive into `path` inside the container.
    func uploadArchive(_ tar: [UInt8], to id: String, path: String) async throws

    /// Prepares a command in a running container; returns the exec's id.
    func createExec(in containerID: String, _ request: ExecCreateRequest) async throws -> String
    /// Runs the command and returns its output once it exits, or throws when `deadline` passes first.
    func startExec(_ execID: String, limit: Int, deadline: Duration) async throws -> DemultiplexedOutput
    func inspectExec(_ execID: String) async throws -> ExecInspect

    /// Volumes that carry all of `labels`; with `danglingOnly`, only those no container uses.
    func listVolumes(labels: [String], danglingOnly: Bool) async throws -> [VolumeSummary]
    /// Removes a volume; false when no such volume exists. One a container uses is an error (409).
    @discardableResult
    func removeVolume(_ name: String) async throws -> Bool

    /// Ends the caller's use of the engine (its connections).
    func shutdown() async throws
}

extension ContainerEngine {
    package var clock: any MeasuringClock { MonotonicClock() }

    package func pullImage(_ reference: String) async throws {
        try await pullImage(reference, progress: { _ in })
    }

    package func createContainer(_ request: ContainerCreateRequest) async throws -> ContainerCreated {
        try await createContainer(request, name: nil)
    }

    package func containerLogs(_ id: String) async throws -> DemultiplexedOutput {
        try await containerLogs(id, limit: 1 << 20)
    }

    package func killContainer(_ id: String) async throws {
        try await killContainer(id, signal: "KILL")
    }

    /// Removes a container, stopping it if needed, with its anonymous volumes.
    @discardableResult
    package func removeContainer(_ id: String) async throws -> Bool {
        try await removeContainer(id, force: true, removeVolumes: true)
    }

    package func startExec(_ execID: String, deadline: Duration) async throws -> DemultiplexedOutput {
        try await startExec(execID, limit: 1 << 20, deadline: deadline)
    }

    package func listVolumes(labels: [String]) async throws -> [VolumeSummary] {
        try await listVolumes(labels: labels, danglingOnly: false)
    }
}
