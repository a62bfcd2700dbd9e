/// Where a run is in its life. Only `completed` runs can serve as a baseline.
package enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running
    case completed
    /// The run could not produce valid results: engine unreachable, image missing, a spec without valid samples.
    case failed
    /// The run was interrupted (signal, or its process died) before it finished.
    case aborted
}
