import Foundation
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing

/// `baseline set` of a run faster than every comparable run around it, through the built binary
/// over stored runs (no engine needed): the baseline is set (exit 0) and one warning line says
/// how much slower later runs read against it; a typical run gets no warning.
@Suite struct BaselineTypicalityEndToEndTests {
    @Test func aLuckyRunIsSetWithAWarningAndATypicalOneWithout() async throws {
        let cli = try CommandLine()
        defer { cli.remove() }
        let store = try await SQLiteResultsStore.open(path: cli.database)
        do {
            // Run 1 is the lucky one; 2–7 are the nights after it.
            for (minute, creation) in [0.119, 0.136, 0.143, 0.128, 0.141, 0.134, 0.126].enumerated() {
                _ = try await CreationRuns.store(store, creation: creation, minute: minute)
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()

        let lucky = try await cli.run(["baseline", "set", "nightly", "1"])
        #expect(lucky.exitCode == 0, "\(lucky.stderr)")
        #expect(lucky.stdout.contains("Baseline \"nightly\" of the testbed"), "\(lucky.stdout)")
        let warnings = lucky.stderr.split(separator: "\n")
        #expect(warnings.count == 1, "\(lucky.stderr)")
        let expected: String =
            "sandbox-bench: warning: run 1's creation time (median 0.119 s) is below each of the 5 comparable "
            + "runs measured around it (0.128 s–0.143 s, their median 0.136 s): later runs read about 14 % slower "
            + "against it with nothing changed, and alert sooner; a run near the middle of those (`sandbox-bench "
            + "runs list`) is a steadier reference."
        #expect(warnings.first.map(String.init) == expected, "\(lucky.stderr)")
        #expect(try await cli.run(["baseline", "show", "nightly"]).stdout.contains("run       1 (completed"))

        let typical = try await cli.run(["baseline", "set", "nightly", "6"])
        #expect(typical.exitCode == 0, "\(typical.stderr)")
        #expect(typical.stderr.isEmpty, "\(typical.stderr)")
    }
}
