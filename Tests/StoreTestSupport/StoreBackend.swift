import Foundation
import Synchronization
import TestSupport
import Testing

/// The backends the store's tests run against: SQLite always, PostgreSQL when a test server is
/// named (and always under CI, where a missing server fails the PostgreSQL cases).
package enum StoreBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    package static var all: [StoreBackend] { PostgresTestServer.shouldRun ? allCases : [.sqlite] }

    package var testDescription: String { rawValue }
}

/// Drops the PostgreSQL databases a test created when it ends, whatever its outcome, closing the
/// connections it left open: `@Suite(.temporaryDatabases)`.
package struct TemporaryDatabaseCleanup: TestTrait, SuiteTrait, TestScoping {
    package typealias TestScopeProvider = TemporaryDatabaseCleanup

    package var isRecursive: Bool { true }

    /// Every test function and every case of a parameterised one gets its own scope.
    package func scopeProvider(for test: Test, testCase: Test.Case?) -> TemporaryDatabaseCleanup? {
        test.isSuite ? nil : self
    }

    package func provideScope(
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
    package static var temporaryDatabases: Self { TemporaryDatabaseCleanup() }
}

/// The databases created in the current test, and the temporary folders made beside them.
final class CreatedDatabases: Sendable {
    @TaskLocal static var current: CreatedDatabases?

    private let created = Mutex<(urls: [String], folders: [TemporaryDirectory])>(([], []))

    func add(_ url: String, folder: TemporaryDirectory) {
        created.withLock {
            $0.urls.append(url)
            $0.folders.append(folder)
        }
    }

    func dropAll() async {
        let (urls, folders) = created.withLock { created in
            defer { created = ([], []) }
            return created
        }
        for url in urls { try? await PostgresTestServer.dropDatabase(url) }
        for folder in folders { folder.remove() }
    }
}
