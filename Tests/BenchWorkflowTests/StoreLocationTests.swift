import BenchModel
import BenchWorkflow
import Foundation
import Testing

@Suite struct StoreLocationTests {
    @Test func theDefaultPathFollowsFlagThenVariablesThenHome() throws {
        let home = ["HOME": "/home/ada"]
        func path(_ explicit: String?, _ environment: [String: String]) throws -> String {
            try StoreLocation.resolve(explicit: explicit, environment: home.merging(environment) { $1 }).description
        }
        #expect(try path("/tmp/x.sqlite", ["SANDBOX_BENCH_DB": "/e.sqlite"]) == "/tmp/x.sqlite")
        #expect(try path(nil, ["SANDBOX_BENCH_DB": "/e.sqlite", "XDG_DATA_HOME": "/xdg"]) == "/e.sqlite")
        #expect(try path(nil, ["XDG_DATA_HOME": "/xdg/"]) == "/xdg/sandbox-bench/results.sqlite")
        #expect(
            try path(nil, ["XDG_DATA_HOME": "", "SANDBOX_BENCH_DB": ""])
                == "/home/ada/.local/share/sandbox-bench/results.sqlite")
        #expect(try path("", [:]) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
        // A relative XDG_DATA_HOME is invalid (the XDG specification) and ignored.
        #expect(
            try path(nil, ["XDG_DATA_HOME": "relative/data"]) == "/home/ada/.local/share/sandbox-bench/results.sqlite")
    }

    /// Without HOME (a cron job, a systemd unit), the default is in the password database's home
    /// of the user, never under "/"; a user without one is refused, unless the database is named.
    @Test func withoutHomeTheDefaultIsInThePasswordDatabasesHome() throws {
        let unset = ["XDG_DATA_HOME": ""]
        for environment in [unset, unset.merging(["HOME": ""]) { $1 }] {
            let location = try StoreLocation.resolve(explicit: nil, environment: environment) { "/var/lib/ada" }
            #expect(location == .sqlite(path: "/var/lib/ada/.local/share/sandbox-bench/results.sqlite"))
            #expect(throws: NoHomeFolder()) {
                try StoreLocation.resolve(explicit: nil, environment: environment) { nil }
            }
            #expect(
                try StoreLocation.resolve(explicit: "/x.sqlite", environment: environment) { nil }
                    == .sqlite(path: "/x.sqlite"))
        }
        // This process's own user: root's entry says /root (or whichever home the entry gives).
        let own = try #require(HomeFolder.ofUser(getuid()))
        #expect(own.hasPrefix("/") && own != "/")
        #expect(try StoreLocation.resolve(explicit: nil, environment: unset).description.hasPrefix(own))
        #expect(NoHomeFolder().description.hasSuffix("so there is no default results database."))
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
