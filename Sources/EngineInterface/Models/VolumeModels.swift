/// One entry of `GET /volumes`.
package struct VolumeSummary: Decodable, Sendable, Equatable {
    package let name: String
    package let labels: [String: String]?
    /// When the engine made it (RFC 3339, in whole seconds for the local driver), if it says.
    package let createdAt: String?

    package init(name: String, labels: [String: String]?, createdAt: String? = nil) {
        self.name = name
        self.labels = labels
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case labels = "Labels"
        case createdAt = "CreatedAt"
    }
}
