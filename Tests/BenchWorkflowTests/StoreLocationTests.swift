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
        #expect(
            path(nil, ["XDG_DATA_HOME": "", "SANDBOX_BENCH_DB": ""])
                == "/home/ada/.local/share/sandbox-bench/results.sqlite")
        #expect(path("", [:]) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
        // A relative XDG_DATA_HOME is invalid (the XDG specification) and ignored.
        #expect(path(nil, ["XDG_DATA_HOME": "relative/data"]) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
    }

    /// Misspelt URLs are not file paths to create; paths are, whatever they hold.
    @Test func aURLOfAnotherSchemeIsAMisspeltURL() {
        for text in ["postgressql://u@h/d", "postgresql:/u@h/d", "jdbc:postgresql://u@h/d", " mysql://h/d"] {
            #expect(StoreLocation.named(text).isMisspeltURL, "\(text)")
        }
        for text in ["results.sqlite", "/var/lib/x.db", "file:x.db", "./a:b.sqlite", "postgresql://u@h/d"] {
            #expect(!StoreLocation.named(text).isMisspeltURL, "\(text)")
        }
    }
}
