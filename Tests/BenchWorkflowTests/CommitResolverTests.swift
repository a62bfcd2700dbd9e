import BenchWorkflow
import Testing

@Suite struct CommitResolverTests {
    @Test func theFlagWinsThenTheFirstCIVariableSet() {
        #expect(CommitResolver.resolve(flag: "abc", environment: ["GITHUB_SHA": "def"]) == "abc")
        #expect(CommitResolver.resolve(flag: nil, environment: ["CI_COMMIT_SHA": "123", "GIT_COMMIT": "456"]) == "123")
        #expect(CommitResolver.resolve(flag: "", environment: ["GITHUB_SHA": ""]) == nil)
        #expect(CommitResolver.resolve(flag: nil, environment: [:]) == nil)
    }
}
