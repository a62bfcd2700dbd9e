import Testing

extension PrivateEngine {
    /// The engine of the suite that runs with the `.privateEngine` trait.
    @TaskLocal package static var current: PrivateEngine?
}

/// Starts a private engine (see ``PrivateEngine``) before the tests of a suite and stops it,
/// removing everything it made, after the last one — whatever they did.
package struct PrivateEngineScope: SuiteTrait, TestScoping {
    package func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let engine = try await PrivateEngine.start()
        do {
            try await PrivateEngine.$current.withValue(engine) { try await function() }
        } catch {
            await engine.stop()
            throw error
        }
        await engine.stop()
    }
}

extension Trait where Self == PrivateEngineScope {
    /// A private engine for the suite: ``PrivateEngine/current`` in its tests.
    package static var privateEngine: Self { Self() }
}
