import BenchModel

extension RunComparison {
    /// A run that did not complete (failed or aborted), judged by the rules that need no
    /// baseline: cleanup failures, containers left behind, isolation violations and floors
    /// alert whatever the run's status, because a run whose containers could not be removed is
    /// exactly the run the cleanup rule exists for. The rules that compare with a baseline are
    /// skipped, saying why; nothing is compared with another run.
    package init(
        incomplete candidate: RunMeasurements, status: String, configuration: RegressionConfiguration = .init()
    ) {
        self.init(baseline: nil, candidate: candidate, configuration: configuration)
        outcomes = outcomes.map { outcome in
            guard outcome.status == .skipped, case .maxWorsening = outcome.limit, outcome.current != nil else {
                return outcome
            }
            var skipped = outcome
            let subject = RegressionRule.subject(title: outcome.title, metric: outcome.metric)
            skipped.message =
                "\(subject) was not compared with a baseline: the run \(status), so its figures are not a valid measurement."
            return skipped
        }
    }
}
