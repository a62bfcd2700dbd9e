/// One entry of `GET /volumes`.
package struct VolumeSummary: Decodable, Sendable, Equatable {
    package let name: String
    package let labels: [String: String]?

    package init(name: String, labels: [String: String]?) {
        self.name = name
        self.labels = labels
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case labels = "Labels"
    }
}
