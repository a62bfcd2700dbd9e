import BenchModel
import Foundation
import Testing

@Suite struct EnvironmentEngineTests {
    @Test func twoEnginesAreTheFirstDifference() {
        var a = EnvironmentFingerprint(dockerVersion: "20.10.24", runcVersion: "1.1.5")
        a.engine = "unix:///var/run/docker.sock"
        var b = EnvironmentFingerprint(dockerVersion: "24.0.7", runcVersion: "1.1.5")
        b.engine = "unix:///run/second.sock"
        let differences = a.differences(to: b)
        #expect(differences.map(\.field) == ["engine", "Docker version"])
        #expect(differences.first?.baseline == "unix:///var/run/docker.sock")
        #expect(differences.first?.current == "unix:///run/second.sock")
    }

    /// A run stored before engines were read knows none: that is no difference.
    @Test func anUnknownEngineIsNoDifference() {
        var a = EnvironmentFingerprint(dockerVersion: "20.10.24")
        a.engine = "unix:///var/run/docker.sock"
        let b = EnvironmentFingerprint(dockerVersion: "20.10.24")
        #expect(a.differences(to: b).isEmpty)
        #expect(b.differences(to: a).isEmpty)
    }

    /// The engine is read from the run's stored profile, not written as part of the fingerprint.
    @Test func theEngineIsNotPartOfTheFingerprintsJSON() throws {
        var a = EnvironmentFingerprint(host: "h")
        a.engine = "unix:///run/x.sock"
        let json = String(decoding: try JSONEncoder().encode(a), as: UTF8.self)
        #expect(!json.contains("engine"), "\(json)")
        #expect(try JSONDecoder().decode(EnvironmentFingerprint.self, from: Data(json.utf8)).engine == "")
    }
}
