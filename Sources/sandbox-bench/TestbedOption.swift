import ArgumentParser
import BenchModel
import ResultsStore

/// `--testbed NAME`: the machine, or pool of alike machines, a run measures. Runs, baselines and
/// comparisons stay within a testbed unless a command names another one's run explicitly.
struct TestbedOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The testbed: the machine or pool of alike machines measured (default: this host's name).",
            valueName: "name"),
        transform: BaselineName.normalized)
    var testbed: String = Testbed.defaultName

    func validate() throws {
        do {
            try Testbed.validateGiven(testbed)
        } catch {
            throw ValidationError("--testbed: \(error.description)")
        }
    }
}

/// `--testbed NAME` for commands that read: only that testbed's runs, and `latest` means its
/// newest run. Without it, every testbed's runs.
struct TestbedFilterOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only this testbed's runs; where a run is named, `latest` is its newest run (default: every testbed).",
            valueName: "name"),
        transform: BaselineName.normalized)
    var testbed: String?

    func validate() throws {
        guard let testbed else { return }
        do {
            try Testbed.validate(testbed)
        } catch {
            throw ValidationError("--testbed: \(error.description)")
        }
    }
}

/// `--testbed NAME` for commands that judge one run (`gate`, `diff`, `report`): whose latest
/// completed run no RUN, or `latest`, means. Without it, this host's testbed — the one `run`
/// stores under —, so that in a database several hosts write, a host never judges another's run
/// without naming it. A run named by its id may be any testbed's.
struct LatestTestbedOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Without RUN, or for `latest`, take this testbed's latest completed run (default: this host's name, "
                + "as `run` stores it).",
            valueName: "name"),
        transform: BaselineName.normalized)
    var testbed: String?

    /// The testbed `latest` is taken from.
    var latestOf: String { testbed ?? Testbed.defaultName }

    func validate() throws {
        guard let testbed else { return }
        do {
            try Testbed.validate(testbed)
        } catch {
            throw ValidationError("--testbed: \(error.description)")
        }
    }
}
