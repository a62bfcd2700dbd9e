import Foundation

/// A named reference run.
public struct BaselineRecord: Sendable, Codable, Hashable {
    public var name: String
    public var runID: Int64
    public var createdAt: Date
    public var note: String?

    public init(name: String, runID: Int64, createdAt: Date, note: String?) {
        self.name = name
        self.runID = runID
        self.createdAt = createdAt
        self.note = note
    }
}
