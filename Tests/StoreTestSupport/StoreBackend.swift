import Foundation
import Synchronization
import Testing

/// The backends the store's tests run against: SQLite always, PostgreSQL when a test server is
/// named (and always under CI, where a missing server fails the PostgreSQL cases).
public enum StoreBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    public static var all: [StoreBackend] { PostgresTestServer.shouldRun ? allCases : [.sqlite] }

    public var testDescription: String { rawValue }
}

/// Drops the PostgreSQL databases a test created when it ends, whatever its outcome, closing the
/// connections it left open: `@Suite(.temporaryDatabases)`.
public struct TemporaryDatabaseCleanup: TestTrait, SuiteTrait, TestScoping {
    public typealias TestScopeProvider = TemporaryDatabaseCleanup

    public var isRecursive: Bool { true }

    /// Every test function and every case of a parameterised one gets its own scope.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> TemporaryDatabaseCleanup? {
        test.isSuite ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let registry = CreatedDatabases()
        do {
            try await CreatedDatabases.$current.withValue(registry) { try await function() }
        } catch {
            await registry.dropAll()
            throw error
        }
        await registry.dropAll()
    }
}

extension Trait where Self == TemporaryDatabaseCleanup {
    public static var temporaryDatabases: Self { TemporaryDatabaseCleanup() }
}

/// The databases created in the current test.
final class CreatedDatabases: Sendable {
    @TaskLocal static var current: CreatedDatabases?

    private let urls = Mutex<[String]>([])

    func add(_ url: String) { urls.withLock { $0.append(url) } }

    func dropAll() async {
        for url in urls.withLock({ urls in defer { urls = [] }; return urls }) {
            try? await PostgresTestServer.dropDatabase(url)
        }
    }
}
