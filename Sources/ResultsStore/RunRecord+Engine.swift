import BenchModel
import Foundation

extension RunRecord {
    /// The engine the run's stored profile names (`unix:///var/run/docker.sock`), or nil when its
    /// configuration names none (a run stored before profiles named their engine, or an import).
    package var engine: String? {
        guard let stored = try? StrictJSONDecoder().decode(StoredEngine.self, from: configurationJSON),
            let engine = stored.profile?.engine, !engine.isEmpty
        else { return nil }
        return engine
    }

    /// The one field read of the stored configuration (the rest is `RunConfiguration`'s).
    private struct StoredEngine: Decodable {
        struct Profile: Decodable { var engine: String? }
        var profile: Profile?
    }

    /// The stored profile's limits and policy, each as the profile document writes it.
    private struct StoredProfile: Decodable {
        struct Profile: Decodable {
            var memory: String?
            var cpus: Double?
            var pidsLimit: Int64?
            var seccomp: String?
        }
        var profile: Profile?
    }

    /// `environment` with the engine this run measured on and its sandbox profile's limits.
    package func withEngine(_ environment: EnvironmentFingerprint?) -> EnvironmentFingerprint? {
        guard var environment else { return nil }
        environment.engine = engine ?? ""
        if let profile = (try? StrictJSONDecoder().decode(StoredProfile.self, from: configurationJSON))?.profile {
            environment.sandboxMemory = profile.memory ?? ""
            environment.sandboxCPUs = profile.cpus.map { "\($0)" } ?? ""
            environment.sandboxPidsLimit = profile.pidsLimit.map { "\($0)" } ?? ""
            environment.sandboxSeccomp = profile.seccomp ?? ""
        }
        return environment
    }
}

extension ResultsReader {
    /// The environment a run ran on, with the engine its stored profile names: every view that
    /// compares environments reads them here, so that two engines show as a difference.
    package func environment(of run: RunRecord) throws -> EnvironmentFingerprint? {
        run.withEngine(try environment(run: run.id))
    }

    /// ``environment(of:)`` by the run's id; nil when nothing is stored for it.
    package func environment(ofRun id: Int64) throws -> EnvironmentFingerprint? {
        guard let environment = try environment(run: id) else { return nil }
        return try run(id).withEngine(environment)
    }
}
