import BenchModel
import Foundation
import ResultsStore
import SQLiteStore
import StoreTestSupport

/// Runs written straight into a command line's database through the store, for the commands that
/// judge stored runs (gate, diff, runs show, baseline export and import) without an engine.
struct VerdictFixtures {
    let store: SQLiteResultsStore

    /// Writes runs into `cli`'s database with `body`, and closes it.
    static func write(_ cli: CommandLine, _ body: (VerdictFixtures) async throws -> Void) async throws {
        let fixtures = VerdictFixtures(store: try await SQLiteResultsStore.open(path: cli.database))
        do {
            try await body(fixtures)
        } catch {
            await fixtures.store.close()
            throw error
        }
        await fixtures.store.close()
    }

    static let environment = EnvironmentFingerprint(
        host: "bench", cpuModel: "Test CPU", cpuCount: 2, memoryBytes: 8 << 30, kernel: "6.1.0", os: "Debian 12",
        dockerVersion: "20.10.24", apiVersion: "1.41", containerdVersion: "1.6.20", runcVersion: "1.1.5",
        storageDriver: "overlay2", cgroupVersion: "2", defaultRuntime: "runc", imageID: "sha256:abc",
        seccompProfileHash: "default")

    /// A configuration the gate can measure again: the creation spec on an engine at `socket`.
    static func configuration(socket: String) -> String {
        #"{"cpuCount":2,"plan":{"specs":[{"name":"creation","settings":{"iterations":3,"warmups":0}}],"suite":"quick"},"profile":{"engine":"unix://\#(socket)"},"seccompSpecProfile":"original"}"#
    }

    /// What the fixture runs plan: the creation and parallel specs (`run --spec creation --spec parallel`).
    static let plan = PlannedConfiguration.json(suite: "quick", specs: ["creation", "parallel"])

    /// A run with eight creation samples around `creation` seconds, a parallel efficiency of 0.6,
    /// and `leftovers` containers left behind; `status` as given.
    @discardableResult
    func run(
        creation: Double, leftovers: Double = 0, status: RunStatus = .completed, label: String = "nightly",
        configurationJSON: String = plan, runc: String = "1.1.5", testbed: String = Testbed.defaultName
    ) async throws -> Int64 {
        let id = try await store.beginRun(
            NewRun(
                suite: "quick, specs: creation, parallel", label: label, configurationJSON: configurationJSON,
                testbed: testbed))
        var environment = Self.environment
        environment.runcVersion = runc
        try await store.recordEnvironment(environment, for: id)
        let samples = (0..<8).map { iteration in
            let value = creation * (1 + 0.01 * Double((iteration * 5) % 7 - 3))
            return Sample(
                metric: .creationTime, iteration: iteration, value: value,
                phases: PhaseTimings([.create: value * 0.1, .start: value * 0.9]))
        }
        if status == .completed { try await store.recordSpec(SpecResult(spec: "creation", samples: samples), for: id) }
        try await store.recordSpec(
            SpecResult(spec: "parallel", samples: [Sample(metric: .parallelEfficiency, iteration: 0, value: 0.6)]),
            for: id)
        try await store.recordSpec(
            SpecResult(spec: "run", samples: [Sample(metric: .leftoverContainers, iteration: 0, value: leftovers)]),
            for: id)
        try await store.finishRun(
            id, status: status, reason: status == .completed ? nil : "no valid samples from: creation")
        return id
    }
}
