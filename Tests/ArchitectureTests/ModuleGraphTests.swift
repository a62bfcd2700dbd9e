import Foundation
import Testing

/// The map of the code is checked against the code: every direct import is declared in
/// Package.swift, and docs/ARCHITECTURE.md's table of modules lists each module of the product
/// with exactly the modules of ours it imports.
@Suite struct ModuleGraphTests {
    /// The package this test belongs to: two folders above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theDocumentedGraphIsTheBuiltOne() throws {
        let graph = try ModuleGraph(root: Self.root)
        #expect(graph.targets.count > 20, "Package.swift was not read: \(graph.targets.map(\.name))")
        #expect(graph.imports["Regression"]?.contains { $0.module == "BenchModel" } == true)
        let problems = graph.problems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// A scratch copy of the package's manifest, map and Swift sources with one import added
    /// that Package.swift does not declare: the check names the file, the module and the fix.
    @Test func anUndeclaredDirectImportFails() throws {
        let scratch = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(try ModuleGraph(root: scratch).problems().isEmpty)

        // Analysis reaching into the store: Regression declares BenchModel only.
        let file = scratch.appendingPathComponent("Sources/Regression/RegressionLeak.swift")
        try Data("import BenchModel\nimport ResultsStore\n".utf8).write(to: file)
        let problems = try ModuleGraph(root: scratch).problems()
        #expect(
            problems.contains(
                "Sources/Regression/RegressionLeak.swift imports ResultsStore, which Package.swift does not declare "
                    + "as a dependency of Regression: add \"ResultsStore\" to its dependencies, or remove the import."),
            "\(problems)")
        // The table does not list it either.
        #expect(
            problems.contains(
                "The row of `Regression` in docs/ARCHITECTURE.md does not list ResultsStore, which "
                    + "Sources/Regression/RegressionLeak.swift imports: add it to the row's imports."),
            "\(problems)")
    }

    /// An import of a module the target reaches only through another one fails too (SwiftPM's own
    /// check accepts it): StoreTestSupport declares TestSupport, which declares DockerEngine.
    @Test func anImportThroughATransitiveDependencyFails() throws {
        let scratch = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("Tests/StoreTestSupport/Leak.swift")
        try Data("import DockerEngine\n".utf8).write(to: file)
        let problems = try ModuleGraph(root: scratch).problems()
        #expect(
            problems.contains { $0.hasPrefix("Tests/StoreTestSupport/Leak.swift imports DockerEngine,") }, "\(problems)"
        )
    }

    /// A module the table does not describe, such as one a change adds: the message says which
    /// row to add, with the imports it must list.
    @Test func aModuleWithoutARowIsNamed() throws {
        let scratch = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let map = scratch.appendingPathComponent("docs/ARCHITECTURE.md")
        let text = try String(contentsOf: map, encoding: .utf8)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("| `Regression` |") }.joined(separator: "\n")
        try Data(kept.utf8).write(to: map)
        #expect(
            try ModuleGraph(root: scratch).problems() == [
                "docs/ARCHITECTURE.md has no row for the module `Regression` (Sources/Regression): add "
                    + "\"| `Regression` | BenchModel | what it holds |\" to its table of modules."
            ])
    }

    @Test func importLinesInEveryForm() {
        // Joined here so that this file's own lines do not start with `import`.
        let text = [
            "import Foundation", "@testable import ResultsStore", "package import BenchModel",
            "import struct Regression.RuleOutcome", "  @preconcurrency import Logging", "// import Commented",
            "let x = \"import Quoted\"",
        ].joined(separator: "\n")
        #expect(
            ModuleGraph.importedModules(text) == ["Foundation", "ResultsStore", "BenchModel", "Regression", "Logging"])
    }

    /// Package.swift, docs/ARCHITECTURE.md and every Swift file of the package, in a temporary folder.
    static func scratchCopy() throws -> URL {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appendingPathComponent("module-graph-\(UUID().uuidString)")
        for file in ["Package.swift", "docs/ARCHITECTURE.md"] {
            let target = scratch.appendingPathComponent(file)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: root.appendingPathComponent(file), to: target)
        }
        for folder in ["Sources", "Tests", "Benchmarks", "Migrations", "Plugins"] {
            guard let walker = manager.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            while let relative = walker.nextObject() as? String {
                guard relative.hasSuffix(".swift") else { continue }
                let target = scratch.appendingPathComponent("\(folder)/\(relative)")
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: root.appendingPathComponent("\(folder)/\(relative)"), to: target)
            }
        }
        return scratch
    }
}
