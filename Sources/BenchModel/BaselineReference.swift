import Foundation

/// What a comparison was made against, as a decision records it: how the baseline was chosen,
/// its name and label, and its runs by id and UUID.
public struct BaselineReference: Sendable, Codable, Hashable {
    /// How the baseline was chosen: `named`, `run`, `latest`, `window`, `fallback`, `file`, `none`, ...
    public var kind: String
    public var name: String?
    public var label: String?
    /// The baseline's runs, oldest first: their ids in this store (nil for a run that only a file
    /// holds) and their UUIDs.
    public var runs: [Run]

    public struct Run: Sendable, Codable, Hashable {
        public var id: Int64?
        public var uuid: UUID

        public init(id: Int64?, uuid: UUID) {
            self.id = id
            self.uuid = uuid
        }
    }

    public init(kind: String, name: String?, label: String?, runs: [Run]) {
        self.kind = kind
        self.name = name
        self.label = label
        self.runs = runs
    }

    /// No baseline: the first run of a testbed.
    public static let none = BaselineReference(kind: "none", name: nil, label: nil, runs: [])
}
