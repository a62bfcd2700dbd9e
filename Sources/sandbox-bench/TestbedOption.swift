import ArgumentParser
import BenchModel
import ResultsStore

/// `--testbed NAME`: the machine, or pool of alike machines, a run measures. Runs, baselines and
/// comparisons stay within a testbed unless a command names another one's run explicitly.
struct TestbedOption: ParsableArguments {
    @Option(help: ArgumentHelp("The testbed: the machine or pool of alike machines measured (default: this host's name).", valueName: "name"))
    var testbed: String = Testbed.defaultName

    func validate() throws {
        do {
            try Testbed.validate(testbed)
        } catch {
            throw ValidationError("--testbed: \(error.description)")
        }
    }
}
