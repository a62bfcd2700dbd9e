import BenchWorkflow
import Testing

@Suite struct StoreLocationTests {
    @Test func theDefaultPathFollowsFlagThenVariablesThenHome() {
        let home = ["HOME": "/home/ada"]
        func path(_ explicit: String?, _ environment: [String: String]) -> String {
            StoreLocation.resolve(explicit: explicit, environment: home.merging(environment) { $1 }).description
        }
        #expect(path("/tmp/x.sqlite", ["SANDBOX_BENCH_DB": "/e.sqlite"]) == "/tmp/x.sqlite")
        #expect(path(nil, ["SANDBOX_BENCH_DB": "/e.sqlite", "XDG_DATA_HOME": "/xdg"]) == "/e.sqlite")
        #expect(path(nil, ["XDG_DATA_HOME": "/xdg/"]) == "/xdg/sandbox-bench/results.sqlite")
        #expect(path(nil, ["XDG_DATA_HOME": "", "SANDBOX_BENCH_DB": ""]) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
        #expect(path("", [:]) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
    }
}
