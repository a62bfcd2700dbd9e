import Foundation

/// A named reference run of a testbed.
package struct BaselineRecord: Sendable, Codable, Hashable {
    package var testbed: String
    package var name: String
    package var runID: Int64
    package var createdAt: Date
    package var note: String?

    package init(testbed: String, name: String, runID: Int64, createdAt: Date, note: String?) {
        self.testbed = testbed
        self.name = name
        self.runID = runID
        self.createdAt = createdAt
        self.note = note
    }
}
