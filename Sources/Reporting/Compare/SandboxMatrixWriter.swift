import Foundation

/// Writes the matrix of one `compare` into a folder, each file atomically: `compare-N.html` (the
/// report page), `compare-N.md` and `compare-N.json`, N the first side's run id, so that every
/// comparison keeps its own files.
package struct SandboxMatrixWriter: Sendable {
    package let directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// The file names a comparison whose first run is `runID` writes.
    package static func fileNames(firstRunID runID: Int64) -> [String] {
        ["html", "md", "json"].map { "compare-\(runID).\($0)" }
    }

    /// Whether `name` is a file a comparison writes (for the preflight of `--out`).
    package static func writes(fileName name: String) -> Bool {
        for suffix in [".html", ".md", ".json"] where name.hasPrefix("compare-") && name.hasSuffix(suffix) {
            let stem = name.dropFirst("compare-".count).dropLast(suffix.count)
            return !stem.isEmpty && stem.allSatisfy(\.isASCII) && stem.allSatisfy(\.isNumber)
        }
        return false
    }

    /// Writes the three files; returns their paths, the page first.
    @discardableResult
    package func write(_ matrix: SandboxMatrix) throws -> [String] {
        try AtomicFile.createDirectory(directory)
        let names = Self.fileNames(firstRunID: matrix.columns.first?.runID ?? 0)
        let contents = [SandboxMatrixHTML.page(matrix), matrix.markdown(), try matrix.json()]
        var written: [String] = []
        for (name, text) in zip(names, contents) {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            try AtomicFile.write(text, to: path)
            written.append(path)
        }
        return written
    }
}
