import EngineInterface

/// The calls an in-memory engine answers, one per call of ``ContainerEngine``.
package enum EngineOperation: String, Sendable, CaseIterable {
    case ping, version, info, inspectImage, pullImage
    case create, start, wait, logs, inspect, stats, kill, remove, list, upload
    case createExec, startExec, inspectExec
    case listVolumes, removeVolume
}

/// One call the engine received.
package struct EngineCallRecord: Sendable {
    package var operation: EngineOperation
    /// Which call of its operation this is, from 1.
    package var ordinal: Int
    /// The request as messages name it: "POST /containers/1a2b3c4d5e6f/start".
    package var request: String
    /// The container the call is about, when there is one: the container being created, or the
    /// one the call names (nil when it names none that exists).
    package var container: ContainerFacts?
}

/// What an in-memory engine does on cue, instead of (or before) answering a call.
package enum EngineCue: Sendable {
    /// Answers with this error.
    case fail(DockerEngineError)
    /// Refuses the call with this status and message, as the engine's API does
    /// (``DockerEngineError/api(status:message:request:)`` naming the call's request).
    case refuse(status: Int, message: String)
    /// Does not answer until ``InMemoryEngine/release()``; then does what was asked, late (the
    /// caller may have given up at its deadline by then).
    case hang
    /// The container the call names vanishes first: the call (and every later one) finds none.
    case loseContainer
    /// The engine goes away first (its socket gone): this call and every later one find it
    /// unreachable until ``InMemoryEngine/comeBack()``.
    case goAway
    /// The engine goes away first, finds this call and the next `calls` calls and connections
    /// unreachable, then answers again (its containers kept, as after a restart).
    case goAwayFor(calls: Int)
    /// The create makes the container's code volume, then fails, as an engine shutting down
    /// does ("create <volume>: database not open"): the volume is left without labels.
    case halfCreate
    /// The create makes the container's code volume, then the connection closes before any
    /// answer (an engine killed mid-create): the volume is left without labels, and nothing names it.
    case cutShortCreate
    /// Runs `action` (a test's own cue: a stop of the tool, a cancellation) and answers as usual.
    case perform(@Sendable () -> Void)
}

/// A cue waiting for the calls it applies to.
struct CueRule: Sendable {
    var operation: EngineOperation
    var remaining: Int
    var matches: @Sendable (EngineCallRecord) -> Bool
    var cue: EngineCue
}
