import BenchModel
import Foundation

/// Writes the history site into a folder and remembers, in `.sandbox-bench-site.json`, what
/// each run page was rendered from, so that the next run of `report --site` renders only the
/// pages whose runs changed (and the index and the regressions page, which every new run changes).
package struct SiteWriter: Sendable {
    package static let manifestName = ".sandbox-bench-site.json"

    package let directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// What the last write recorded: page file name → fingerprint; empty for a new folder. A
    /// manifest that is not strictly JSON (a page named twice, with two fingerprints) counts as
    /// none: it only spares work, so every page is rendered again and the manifest rewritten.
    package func manifest() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path(Self.manifestName)),
            let manifest = try? StrictJSONDecoder().decode(Manifest.self, from: data),
            manifest.pageVersion == HistorySite.pageVersion
        else { return [:] }
        return manifest.pages
    }

    /// True when the page `name` must be rendered: its inputs changed or the file is gone.
    package func isStale(_ name: String, fingerprint: String, manifest: [String: String]) -> Bool {
        manifest[name] != fingerprint || !FileManager.default.fileExists(atPath: path(name))
    }

    /// Writes `pages` (file name → markup), removes the run pages of runs that are gone, and
    /// records `fingerprints` (every run page's) as the new manifest, last, so that an
    /// interrupted write is redone next time.
    package func write(pages: [String: String], fingerprints: [String: String], previous: [String: String]) throws
        -> [String]
    {
        try AtomicFile.createDirectory(directory)
        for (name, html) in pages.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(html, to: path(name), durable: false)
        }
        // Only a run page this writer made goes: the manifest is a file in the folder, and a name
        // in it such as `../docs` or `notes.txt` must never make the site remove anything else.
        for name in previous.keys where fingerprints[name] == nil && Self.isRunPage(name) {
            try? FileManager.default.removeItem(atPath: path(name))
        }
        let manifest = Manifest(pageVersion: HistorySite.pageVersion, pages: fingerprints)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(String(decoding: try encoder.encode(manifest), as: UTF8.self), to: path(Self.manifestName))
        return pages.keys.sorted()
    }

    /// True for a name this writer gives a file in its folder.
    package static func writes(fileName name: String) -> Bool {
        name == "index.html" || name == "regressions.html" || name == manifestName || isRunPage(name)
    }

    /// `run-42.html`: a page of one run, and nothing with a folder in its name.
    static func isRunPage(_ name: String) -> Bool {
        name.hasSuffix(".html") && RunPageLink.isRunStem(name.dropLast(5))
    }

    func path(_ name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }

    struct Manifest: Codable {
        var pageVersion: Int
        var pages: [String: String]
    }
}
