import EngineInterface

extension DockerEngine {
    /// `GET /volumes`, filtered by labels (`key=value` or `key`); with `danglingOnly`, only
    /// volumes no container uses.
    package func listVolumes(labels: [String], danglingOnly: Bool) async throws -> [VolumeSummary] {
        var filter = ["label": labels]
        if danglingOnly { filter["dangling"] = ["true"] }
        let filters = try String(decoding: Self.jsonEncoder.encode(filter), as: UTF8.self)
        let list: VolumeList = try await decode(.GET, "/volumes", query: [("filters", filters)])
        return list.volumes ?? []
    }

    /// `DELETE /volumes/{name}`. Returns false when no such volume exists (already removed); a
    /// volume still in use by a container is an error (409).
    @discardableResult
    package func removeVolume(_ name: String) async throws -> Bool {
        do {
            try await perform(.DELETE, "/volumes/\(Self.pathComponent(name))")
            return true
        } catch let error as DockerEngineError where error.hasStatus(404) {
            return false
        }
    }
}

struct VolumeList: Decodable, Sendable {
    let volumes: [VolumeSummary]?

    enum CodingKeys: String, CodingKey { case volumes = "Volumes" }
}
