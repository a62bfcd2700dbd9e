import EngineInterface

/// Containers that are running while the caller measures something about them (removing live
/// containers, for instance). Whatever the body does, every one of them is removed at the end.
package struct LiveContainer: Sendable {
    package let name: String
    package let id: String
}

extension Sandbox {
    /// Creates and starts `count` containers running `code` concurrently, passes them to `body`,
    /// and removes whatever is left of them afterwards — on success, error and cancellation.
    /// Returns the body's value and the outcome of the final removal of each container.
    package func withLiveContainers<T: Sendable>(
        count: Int, code: String, profile: SandboxProfile, spec: String? = nil,
        _ body: ([LiveContainer]) async throws -> T
    ) async throws -> (value: T, removals: [String: ContainerRemoval.Outcome]) {
        let names = (0..<count).map { _ in makeContainerName() }
        let outcome: Result<T, any Error>
        do {
            let containers = try await withThrowingTaskGroup(of: LiveContainer.self) { group in
                for name in names {
                    group.addTask {
                        let id = try await createContainer(name: name, profile: profile, spec: spec, arguments: nil)
                        try await deliver(Self.codeArchive(code), to: id)
                        try await engine.startContainer(id)
                        return LiveContainer(name: name, id: id)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            outcome = .success(try await body(containers))
        } catch {
            outcome = .failure(error)
        }
        let removals = await withTaskGroup(of: (String, ContainerRemoval.Outcome).self) { group in
            for name in names {
                group.addTask { (name, await remove(name)) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        return (try outcome.get(), removals)
    }
}
