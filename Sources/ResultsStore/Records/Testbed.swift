import BenchModel
import Foundation

/// The machine, or pool of alike machines, a run measures. Baselines, windows and the fallback
/// baseline stay within a testbed: a host is compared with itself.
package enum Testbed {
    /// The host name: what a run measures unless it names another testbed.
    package static var defaultName: String {
        let host = ProcessIdentity.hostName
        return host.isEmpty ? "localhost" : host
    }

    package static let maximumLength = 200

    /// A testbed given now (`--testbed`, a file to import): as ``validate(_:)``, and it must print
    /// as itself (``VisibleText``).
    package static func validateGiven(_ name: String) throws(StoreError) {
        try validate(name)
        if let problem = VisibleText.problem(inName: name) { throw .invalidTestbed(name: name, reason: problem) }
    }

    /// Refuses a testbed name that could not be shown or typed again.
    package static func validate(_ name: String) throws(StoreError) {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidTestbed(name: name, reason: "a testbed name must not be empty")
        }
        guard name.count <= maximumLength else {
            throw .invalidTestbed(name: name, reason: "a name is at most \(maximumLength) characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidTestbed(name: name, reason: "it holds control characters")
        }
    }
}
