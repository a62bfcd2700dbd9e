import Foundation

/// A fresh directory under the system's temporary directory, removed by `remove()`.
package struct TemporaryDirectory: Sendable {
    package let url: URL

    package init(prefix: String = "sandbox-bench-test") throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.url = url
    }

    package var path: String { url.path }

    package func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    package func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
