import Foundation

/// A named reference run of a testbed.
public struct BaselineRecord: Sendable, Codable, Hashable {
    public var testbed: String
    public var name: String
    public var runID: Int64
    public var createdAt: Date
    public var note: String?

    public init(testbed: String, name: String, runID: Int64, createdAt: Date, note: String?) {
        self.testbed = testbed
        self.name = name
        self.runID = runID
        self.createdAt = createdAt
        self.note = note
    }
}
