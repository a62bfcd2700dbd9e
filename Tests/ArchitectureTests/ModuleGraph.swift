import Foundation

/// The module graph as the package declares it (`Package.swift`), as the sources use it (their
/// `import` lines) and as `docs/ARCHITECTURE.md` draws it (its table of modules), and where the
/// three disagree.
///
/// SwiftPM's own `--explicit-target-dependency-import-check` accepts an import of any module in
/// a target's transitive closure and skips targets with generated sources, so a layer could
/// reach past the one below it unnoticed; this check asks for every direct import to be declared.
/// `Package.swift` is read as text rather than through `swift package dump-package`, which would
/// compile the manifest and wait for the build folder's lock that `swift test` holds.
struct ModuleGraph {
    struct Target: Equatable {
        enum Kind: String { case target, executableTarget, testTarget, systemLibrary, plugin }
        var name: String
        var kind: Kind
        /// The folder of its sources, relative to the package.
        var path: String
        /// The targets of this package it depends on, by name.
        var targets: Set<String>
        /// The products of other packages it depends on (a product is named as its module here).
        var products: Set<String>

        /// The name `import` uses: `sandbox-bench` is imported as `sandbox_bench`.
        var module: String { name.replacingOccurrences(of: "-", with: "_") }

        /// Whether docs/ARCHITECTURE.md's table describes it: the product's modules, not the
        /// tests, benchmarks or build plugins.
        var isDocumented: Bool {
            kind != .testTarget && kind != .plugin && !path.hasPrefix("Tests/") && !path.hasPrefix("Benchmarks/")
                && !path.hasPrefix("Plugins/")
        }
    }

    /// One `import` line of a source file.
    struct Import: Equatable {
        var module: String
        var file: String
    }

    var targets: [Target]
    /// Each target's imports of modules the package knows (its own targets and the products it
    /// names); imports of the toolchain's modules (Foundation, Glibc, Testing, …) are left out.
    var imports: [String: [Import]]
    /// The table of docs/ARCHITECTURE.md: module name → the modules of ours its row lists.
    var documented: [String: Set<String>]

    /// Reads the package at `root`.
    init(root: URL) throws {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        targets = try Self.targets(manifest: manifest)
        let architecture = try String(
            contentsOf: root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        documented = Self.table(architecture)
        let known = Set(targets.map(\.module)).union(targets.flatMap(\.products))
        var imports: [String: [Import]] = [:]
        for target in targets where target.kind != .systemLibrary {
            imports[target.name] = try Self.imports(in: root, folder: target.path).filter { known.contains($0.module) }
        }
        self.imports = imports
    }

    /// Every disagreement, one sentence each, saying what to change; empty when there is none.
    func problems() -> [String] {
        var problems: [String] = []
        let byModule = Dictionary(targets.map { ($0.module, $0) }, uniquingKeysWith: { first, _ in first })
        for target in targets {
            let declared = Set(target.targets.compactMap { name in targets.first { $0.name == name }?.module })
                .union(target.products)
            for line in imports[target.name] ?? [] where line.module != target.module {
                if !declared.contains(line.module) {
                    let name = byModule[line.module]?.name ?? line.module
                    problems.append(
                        "\(line.file) imports \(line.module), which Package.swift does not declare as a dependency "
                            + "of \(target.name): add \"\(name)\" to its dependencies, or remove the import.")
                }
            }
        }
        let ours = Set(targets.map(\.module))
        for target in targets where target.isDocumented {
            let lines = (imports[target.name] ?? []).filter { ours.contains($0.module) && $0.module != target.module }
            let used = Set(lines.map(\.module)).map { byModule[$0]?.name ?? $0 }
            guard let row = documented[target.name] else {
                let list = used.isEmpty ? "—" : used.sorted().joined(separator: ", ")
                problems.append(
                    "docs/ARCHITECTURE.md has no row for the module `\(target.name)` (\(target.path)): add "
                        + "\"| `\(target.name)` | \(list) | what it holds |\" to its table of modules.")
                continue
            }
            for module in Set(used).subtracting(row).sorted() {
                let file = lines.first { (byModule[$0.module]?.name ?? $0.module) == module }?.file ?? target.path
                problems.append(
                    "The row of `\(target.name)` in docs/ARCHITECTURE.md does not list \(module), which \(file) "
                        + "imports: add it to the row's imports.")
            }
            for module in row.subtracting(used).sorted() {
                problems.append(
                    "The row of `\(target.name)` in docs/ARCHITECTURE.md lists \(module), which no file of "
                        + "\(target.path) imports: remove it from the row's imports.")
            }
        }
        for name in Set(documented.keys).subtracting(targets.filter(\.isDocumented).map(\.name)).sorted() {
            problems.append(
                "docs/ARCHITECTURE.md has a row for `\(name)`, which Package.swift does not declare as a module of "
                    + "the product: remove the row, or rename it.")
        }
        return problems
    }

    // MARK: Reading Package.swift

    /// The targets the manifest declares: each `.target(…)`, `.executableTarget(…)`,
    /// `.testTarget(…)`, `.systemLibrary(…)` and `.plugin(…)` call with its name, path and
    /// dependencies (quoted names are targets, `.product(name:…)` and constants bound to one are
    /// products).
    static func targets(manifest: String) throws -> [Target] {
        let text = Array(manifest.utf16)
        // `let systemPackage: Target.Dependency = .product(name: "SystemPackage", …)`
        var constants: [String: String] = [:]
        for match in matches(#"let\s+(\w+)\s*:\s*Target\.Dependency\s*=\s*\.product\(\s*name:\s*"([^"]+)""#, manifest) {
            constants[match[1]] = match[2]
        }
        var targets: [Target] = []
        let call = try NSRegularExpression(pattern: #"\.(target|executableTarget|testTarget|systemLibrary|plugin)\("#)
        let source = manifest as NSString
        for found in call.matches(in: manifest, range: NSRange(location: 0, length: source.length)) {
            let kind = Target.Kind(rawValue: source.substring(with: found.range(at: 1)))!
            let open = found.range.location + found.range.length - 1
            let arguments = source.substring(
                with: NSRange(location: open + 1, length: closing(text, from: open) - open - 1))
            guard let name = matches(#"^\s*name:\s*"([^"]+)""#, arguments).first?[1] else { continue }
            let path =
                topLevel(arguments).flatMap { matches(#"path:\s*"([^"]+)""#, $0).first?[1] }
                ?? (kind == .testTarget ? "Tests/\(name)" : (kind == .plugin ? "Plugins/\(name)" : "Sources/\(name)"))
            var dependencyTargets: Set<String> = []
            var products: Set<String> = []
            if let list = dependencyList(arguments) {
                var rest = list
                for product in matches(#"\.product\(\s*name:\s*"([^"]+)"[^)]*\)"#, list) {
                    products.insert(product[1])
                    rest = rest.replacingOccurrences(of: product[0], with: "")
                }
                for quoted in matches(#""([^"]+)""#, rest) { dependencyTargets.insert(quoted[1]) }
                for word in matches(#"(?<![\w".])([A-Za-z_]\w*)(?![\w"(:])"#, rest) {
                    if let product = constants[word[1]] { products.insert(product) }
                }
            }
            targets.append(
                Target(name: name, kind: kind, path: path, targets: dependencyTargets, products: products))
        }
        return targets
    }

    /// The UTF-16 offset of the parenthesis or bracket that closes the one at `open`, string
    /// literals skipped (offsets in UTF-16, as `NSRegularExpression` gives them).
    private static func closing(_ text: [UInt16], from open: Int) -> Int {
        let (quote, backslash, openers, closers) = (
            UInt16(34), UInt16(92), Set<UInt16>([40, 91]), Set<UInt16>([41, 93])
        )
        var depth = 0
        var index = open
        var inString = false
        while index < text.count {
            let character = text[index]
            if inString {
                if character == backslash { index += 1 } else if character == quote { inString = false }
            } else if character == quote {
                inString = true
            } else if openers.contains(character) {
                depth += 1
            } else if closers.contains(character) {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return text.count
    }

    /// The arguments' text outside nested calls and lists (where `path:` of the target itself is).
    private static func topLevel(_ arguments: String) -> String? {
        var depth = 0
        var result = ""
        for character in arguments {
            if character == "(" || character == "[" { depth += 1 }
            if depth == 0 { result.append(character) }
            if character == ")" || character == "]" { depth -= 1 }
        }
        return result
    }

    /// The text inside `dependencies: [ … ]`, or nil without one.
    private static func dependencyList(_ arguments: String) -> String? {
        let source = arguments as NSString
        let range = source.range(of: #"dependencies:\s*\["#, options: .regularExpression)
        guard range.location != NSNotFound else { return nil }
        let open = range.location + range.length - 1
        let end = closing(Array(arguments.utf16), from: open)
        return source.substring(with: NSRange(location: open + 1, length: end - open - 1))
    }

    // MARK: Reading the sources and the table

    /// The `import` lines of every Swift file in `folder`, with the file relative to `root`.
    static func imports(in root: URL, folder: String) throws -> [Import] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var imports: [Import] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8)
            for module in importedModules(text) {
                imports.append(Import(module: module, file: "\(folder)/\(relative)"))
            }
        }
        return imports.sorted { ($0.file, $0.module) < ($1.file, $1.module) }
    }

    /// The modules a Swift file imports: `import X`, `@testable import X`, `package import X`,
    /// `import struct X.Y`, each at the start of a line.
    static func importedModules(_ text: String) -> [String] {
        let pattern =
            #"(?m)^[ \t]*(?:@\w+[ \t]+)*(?:(?:public|package|internal|fileprivate|private)[ \t]+)?import[ \t]+"#
            + #"(?:(?:typealias|struct|class|enum|protocol|let|var|func)[ \t]+)?(\w+)"#
        return matches(pattern, text).map { $0[1] }
    }

    /// The table of modules: each row `| `Name` | A, B (and a library) | … |` as the name and the
    /// modules of ours it lists (backticks and parenthesised remarks dropped; "—" is none).
    static func table(_ markdown: String) -> [String: Set<String>] {
        var rows: [String: Set<String>] = [:]
        for row in matches(#"(?m)^\|\s*`([^`|]+)`\s*\|([^|]*)\|"#, markdown) {
            let listed = row[2].replacingOccurrences(of: #"\([^)]*\)"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "`", with: "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0 != "—" }
            rows[row[1]] = Set(listed)
        }
        return rows
    }

    /// Every match of `pattern` in `text`, each as its whole match followed by its groups.
    private static func matches(_ pattern: String, _ text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let source = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: source.length)).map { match in
            (0..<match.numberOfRanges).map { index in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
        }
    }
}
