import Foundation

/// A named reference run.
public struct BaselineRecord: Sendable, Codable, Hashable {
    public var name: String
    public var runID: Int64
    public var createdAt: Date
    public var note: String?
}
