import BenchModel
import EngineInterface
import Logging
import Synchronization

/// A container engine in memory that behaves like the Docker engine for the tool's purposes:
/// containers with states, names, labels, exit codes and logs, their code volumes, execs in
/// running containers, and the deadline behaviour every engine shares (``EngineCall``). What a
/// container prints and how it exits is a ``ContainerProgram`` the test gives.
///
/// Time is a ``TestClock``: each call moves it by its ``latency(_:)`` (one millisecond unless
/// told), so every duration the sandbox measures is exact. On cue (``on(_:times:where:_:)``) a
/// call fails with an engine error, hangs until ``release()`` (so deadlines fire, on the real
/// clock: give the engine short ``EngineDeadlines``), loses its container, or makes the engine
/// go away; ``refuseRemovals(_:)`` refuses every removal until told otherwise.
///
/// It is its own ``EngineConnector``: a run connects to it as to a daemon (and fails as against a
/// daemon that is not there while it is away).
package final class InMemoryEngine: ContainerEngine, EngineConnector {
    package let host: DockerHost
    package let apiVersion = APIVersion(major: 1, minor: 47)
    package let testClock: TestClock
    package var clock: any MeasuringClock { testClock }
    let outage = EngineOutage()
    let state: Mutex<State>

    package init(
        deadlines: EngineDeadlines = EngineDeadlines(ping: .seconds(1), call: .seconds(5)),
        images: Set<String>, program: @escaping ContainerProgram = InMemoryEngine.defaultProgram,
        clock: TestClock = TestClock()
    ) {
        host = DockerHost(socketPath: "/in-memory/engine-\(UInt32.random(in: 0...UInt32.max)).sock")
        testClock = clock
        state = Mutex(State(deadlines: deadlines, images: images, program: program))
    }

    /// Exits 0 printing nothing; `sleep …` runs until killed.
    package static let defaultProgram: ContainerProgram = { run in
        run.command.first == "sleep" ? .runsUntilKilled() : .exits(status: 0)
    }

    package var deadlines: EngineDeadlines { state.withLock { $0.deadlines } }
    package var firstUnreachable: ContinuousClock.Instant? { outage.firstUnreachable }
    package func acceptsConnections() -> Bool { !state.withLock { $0.gone } }

    // MARK: Connecting

    /// The engine itself, with the caller's deadlines; unreachable while it is away.
    package func connect(to host: DockerHost, deadlines: EngineDeadlines, logger: Logger) async throws
        -> any ContainerEngine
    {
        try state.withLock { state in
            guard !state.isAway() else { throw unreachable }
            state.deadlines = deadlines
            state.connections += 1
        }
        return self
    }

    package func shutdown() async throws {
        state.withLock { $0.shutdowns += 1 }
    }

    /// Connections made and shut down so far.
    package var connections: (made: Int, shutDown: Int) { state.withLock { ($0.connections, $0.shutdowns) } }

    // MARK: Scripting

    /// What each container runs, from now on.
    package func setProgram(_ program: @escaping ContainerProgram) {
        state.withLock { $0.program = program }
    }

    /// How far each call moves the clock, from now on.
    package func setLatency(_ latency: @escaping @Sendable (EngineCallRecord) -> Duration) {
        state.withLock { $0.latency = latency }
    }

    /// The next `times` calls of `operation` that `matches` (every one by default) get `cue`.
    /// Cues apply in the order they were given.
    package func on(
        _ operation: EngineOperation, times: Int = 1,
        where matches: @escaping @Sendable (EngineCallRecord) -> Bool = { _ in true }, _ cue: EngineCue
    ) {
        state.withLock {
            $0.rules.append(CueRule(operation: operation, remaining: times, matches: matches, cue: cue))
        }
    }

    /// Forgets every cue not used yet.
    package func clearCues() {
        state.withLock { $0.rules.removeAll() }
    }

    /// Refuses every container removal with `status` (a daemon that cannot remove a container's
    /// files answers 500), or, with nil, removes again.
    package func refuseRemovals(_ status: Int? = 500) {
        state.withLock { $0.refusedRemovals = status }
    }

    /// Lets every hung call go on (it then does, late, what it was asked).
    package func release() {
        let hung = state.withLock { state in
            defer { state.hung.removeAll() }
            return state.hung
        }
        for continuation in hung { continuation.resume() }
    }

    /// The engine goes away: every call, and every connection, finds its socket gone — until
    /// ``comeBack()``, or, with `calls`, for that many calls and connections, after which it
    /// answers again as after a restart (a return that depends on no timing).
    package func goAway(refusing calls: Int? = nil) {
        state.withLock {
            $0.gone = true
            $0.awayFor = calls
        }
    }

    /// The engine answers again (its containers kept, as after a restart).
    package func comeBack() {
        state.withLock { $0.gone = false }
    }

    /// Images the engine can pull.
    package func makePullable(_ image: String) {
        state.withLock { _ = $0.pullable.insert(image) }
    }

    // MARK: Looking on

    /// Calls of `operation` received so far (every call when nil).
    package func calls(_ operation: EngineOperation? = nil) -> [EngineCallRecord] {
        state.withLock { state in state.calls.filter { operation == nil || $0.operation == operation } }
    }

    /// Calls that hang now.
    package var hanging: Int { state.withLock { $0.hung.count } }

    /// Waits, on the real clock and for at most `limit`, until `condition` holds; true when it did.
    /// The limit is a safety net against a test that would otherwise hang, not a measurement: it
    /// is generous, since a loaded test machine can keep a task from running for long.
    package func until(within limit: Duration = .seconds(300), _ condition: @Sendable () -> Bool) async -> Bool {
        let start = ContinuousClock.now
        while !condition() {
            guard ContinuousClock.now - start < limit else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    // MARK: Answering

    var unreachable: DockerEngineError {
        .daemonUnreachable(
            socketPath: host.socketPath, reason: "nothing accepts connections on it: no engine is running there")
    }

    /// One call: within its deadline (on the real clock), after its cue, moving the test clock by its latency.
    func call<T: Sendable>(
        _ operation: EngineOperation, _ method: String, _ path: String, container reference: String? = nil,
        creating request: ContainerCreateRequest? = nil, name: String? = nil, deadline: Duration? = nil,
        _ effect: @escaping @Sendable (EngineCallRecord) async throws -> T
    ) async throws -> T {
        let requestName = EngineCall.name(method, path)
        let limit = deadline ?? deadlines.call
        return try await EngineCall.run(requestName, within: limit, outage: outage) {
            let (record, cue) = try self.receive(operation, requestName, reference, request, name)
            switch cue {
            case .fail(let error)?: throw error
            case .refuse(let status, let message)?:
                throw DockerEngineError.api(status: status, message: message, request: requestName)
            case .hang?: await self.hang()
            case .loseContainer?: if let reference { self.lose(reference) }
            case .goAway?:
                self.goAway()
                throw self.unreachable
            case .goAwayFor(let calls)?:
                self.goAway(refusing: calls)
                throw self.unreachable
            case .halfCreate?:
                throw DockerEngineError.api(
                    status: 500, message: "create \(self.leaveUnlabeledVolume()): database not open",
                    request: requestName)
            case .perform(let action)?: action()
            case nil: break
            }
            self.testClock.advance(by: self.state.withLock { $0.latency }(record))
            return try await effect(record)
        }
    }

    /// Records a call and takes its cue, or throws when the engine is away.
    private func receive(
        _ operation: EngineOperation, _ requestName: String, _ reference: String?, _ request: ContainerCreateRequest?,
        _ name: String?
    ) throws -> (EngineCallRecord, EngineCue?) {
        try state.withLock { state in
            guard !state.isAway() else { throw unreachable }
            state.ordinals[operation, default: 0] += 1
            var facts = reference.flatMap { state.container($0)?.facts }
            if let request {
                state.creates += 1
                facts = ContainerFacts(id: nil, name: name, request: request, ordinal: state.creates)
            }
            let record = EngineCallRecord(
                operation: operation, ordinal: state.ordinals[operation, default: 0], request: requestName,
                container: facts)
            state.calls.append(record)
            var cue: EngineCue?
            if let index = state.rules.firstIndex(where: { $0.operation == operation && $0.matches(record) }) {
                cue = state.rules[index].cue
                state.rules[index].remaining -= 1
                if state.rules[index].remaining <= 0 { state.rules.remove(at: index) }
            }
            if cue == nil, operation == .remove, let status = state.refusedRemovals {
                cue = .refuse(
                    status: status, message: "could not remove the container's files: device or resource busy")
            }
            return (record, cue)
        }
    }

    /// Waits for ``release()``, whatever the caller does meanwhile: the engine goes on with the
    /// request when its client gives up.
    private func hang() async {
        await withCheckedContinuation { continuation in
            state.withLock { $0.hung.append(continuation) }
        }
    }

    /// A new 64-hex-digit id.
    func makeID(_ kind: String) -> String {
        let serial = state.withLock { state in
            state.serial += 1
            return state.serial
        }
        return SHA256.hex(of: Array("\(kind) \(serial) \(host.socketPath)".utf8))
    }
}
