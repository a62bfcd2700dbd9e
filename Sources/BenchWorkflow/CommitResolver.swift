/// The git commit a run measures: `--commit`, or the variable a CI system sets.
package enum CommitResolver {
    /// GitHub Actions, GitLab CI, Jenkins, Buildkite, CircleCI, Travis CI, Bitbucket, Drone, Azure Pipelines.
    package static let variables = [
        "GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT", "BUILDKITE_COMMIT", "CIRCLE_SHA1", "TRAVIS_COMMIT",
        "BITBUCKET_COMMIT", "DRONE_COMMIT_SHA", "BUILD_SOURCEVERSION",
    ]

    package static func resolve(flag: String?, environment: [String: String]) -> String? {
        if let flag, !flag.isEmpty { return flag }
        return variables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }
}
