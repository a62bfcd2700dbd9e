import BenchModel
import Foundation

extension RunRecord {
    /// The engine the run's stored profile names (`unix:///var/run/docker.sock`), or nil when its
    /// configuration names none (a run stored before profiles named their engine, or an import).
    package var engine: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(configurationJSON.utf8)) as? [String: Any],
            let profile = object["profile"] as? [String: Any], let engine = profile["engine"] as? String,
            !engine.isEmpty
        else { return nil }
        return engine
    }

    /// `environment` with the engine this run measured on.
    package func withEngine(_ environment: EnvironmentFingerprint?) -> EnvironmentFingerprint? {
        guard var environment else { return nil }
        environment.engine = engine ?? ""
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
