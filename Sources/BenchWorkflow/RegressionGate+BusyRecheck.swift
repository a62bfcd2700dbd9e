import BenchModel
import Regression
import ResultsStore

extension RegressionGate {
    /// What one re-measurement of the specs behind withheld alerts found: each withheld outcome's
    /// replacement (by ``RegressionGate/key(_:)``) and the re-measurement's run, when one started.
    struct BusyRecheck {
        var runID: Int64?
        var outcomes: [String: RuleOutcome] = [:]
    }

    /// Measures the specs behind `withheld` once more — after waiting for a quiet host, busy
    /// iterations measured again, as the nightly run does — and judges each withheld alert by that
    /// re-measurement: an alert there (on a spec that was not busy) confirms it, with the
    /// re-measurement's figures; a pass there clears it (even on a host still busy: other work only
    /// slows a sandbox down); an alert withheld again, a re-measurement that could not run or did
    /// not complete, leaves it withheld. Each message says which and why.
    /// Never a pass by default: only a quiet re-measurement can clear a withheld alert.
    func recheckWithheld(
        _ withheld: [RuleOutcome], request: Request, baseline: BaselineResolver.Resolution?, policy: HostLoadPolicy
    ) async throws -> BusyRecheck {
        let runRequest = try Self.remeasurement(of: withheld, request: request, hostLoad: policy)
        progress.message(
            "Measuring \(runRequest.plan.specs.map(\.name.rawValue).joined(separator: ", ")) again: "
                + "\(ValueFormat.count(withheld.count, "alert")) withheld because the host was busy.")
        var recheck = BusyRecheck()
        let measured: BenchmarkRun.Outcome
        switch try await measureAgain(runRequest) {
        case .success(let outcome): measured = outcome
        case .failure(let failure):
            recheck.runID = failure.runID
            for outcome in withheld {
                recheck.outcomes[Self.key(outcome)] = outcome.noted(
                    "the re-measurement could not run (\(failure.error))")
            }
            return recheck
        }
        recheck.runID = measured.runID
        guard measured.status == .completed else {
            for outcome in withheld {
                recheck.outcomes[Self.key(outcome)] = outcome.noted(
                    "the re-measurement, run \(measured.runID), \(measured.status.rawValue) "
                        + "(\(measured.reason ?? "no reason"))")
            }
            return recheck
        }
        let specs = Set(withheld.map(\.metric.spec))
        let (again, busySpecs) = try await store.read { reader in
            let result = try StoredComparison.load(
                reader, candidate: try reader.run(measured.runID), baseline: baseline,
                configuration: request.settings.configuration
            ).result
            // The specs the re-measurement found the host busy during, too.
            let busy = try specs.filter { spec in
                let load = try Metric.hostLoad.load(ofSpec: spec) { metric in
                    (try reader.samples(of: metric, runs: [measured.runID])[measured.runID] ?? []).map(\.sample)
                }
                return load?.isBusy == true
            }
            return (result, busy)
        }
        let byKey = Dictionary(again.outcomes.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for outcome in withheld {
            let key = Self.key(outcome)
            guard let second = byKey[key] else {
                recheck.outcomes[key] = outcome.noted("run \(measured.runID) measured it again without this figure")
                continue
            }
            let first = outcome.current.map { " (\(outcome.metric.unit.format($0)) on the busy host)" } ?? ""
            switch second.status {
            case .alert:
                var confirmed = second
                confirmed.message += "; confirmed: measured again on a quiet host by run \(measured.runID)\(first)"
                recheck.outcomes[key] = confirmed
            case .passed:
                // Other work only slows a sandbox down: a pass on a host still busy is a pass too.
                let host = busySpecs.contains(outcome.metric.spec) ? "a host still busy" : "a quiet host"
                var cleared = second
                cleared.message +=
                    "; cleared: the alert on the busy host\(first) did not recur when run \(measured.runID) "
                    + "measured it again on \(host)"
                recheck.outcomes[key] = cleared
            default:
                recheck.outcomes[key] = outcome.noted(
                    "run \(measured.runID) measured it again and the host was still busy")
            }
        }
        return recheck
    }
}

extension RuleOutcome {
    /// The withheld outcome, still withheld, saying what its re-measurement found.
    fileprivate func noted(_ note: String) -> RuleOutcome {
        var outcome = self
        outcome.message += "; still withheld: \(note)"
        return outcome
    }
}
