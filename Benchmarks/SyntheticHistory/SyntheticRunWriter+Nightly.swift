import Foundation
import ResultsStore

extension SyntheticRunWriter {
    /// The seed of every night of the benchmark, so that every fill stores the same figures.
    package static let nightlySeed: UInt64 = 2024

    /// Stores the nightly run of `day`, started at `startedAt`: a full synthetic night that
    /// now and then fails or is interrupted; every thirtieth is labelled "monthly".
    package func storeNight(day: Int, startedAt: Date, testbed: String = Testbed.defaultName) async throws -> StoredRun
    {
        var night = SyntheticNight(day: day, seed: Self.nightlySeed)
        let outcome = night.outcome()
        let run = NewRun(
            suite: "default", label: day % 30 == 0 ? "monthly" : "nightly", gitCommit: night.hex(40),
            configurationJSON: #"{"iterations":10,"warmups":1,"parallel":5}"#, startedAt: startedAt, testbed: testbed)
        let environment = night.environment()
        let specs = night.specs()
        return try await store(run, environment: environment, specs: specs, outcome: outcome)
    }
}
