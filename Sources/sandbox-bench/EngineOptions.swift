import ArgumentParser
import EngineInterface

/// `--engine-deadline`, shared by the commands that talk to the engine (`run`, `doctor`, `ab`, and
/// `gate` for its confirmation re-runs).
struct EngineOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds an engine call (create, start, remove, ...) may take before the run ends as an environment failure (1 to 3600; a ping gets at most 5 s, a wait the sandbox's timeout plus this). Default 60.",
            valueName: "seconds"),
        transform: { try NumberArgument.decimal($0, in: EngineDeadlines.callSecondsRange, unit: "seconds") })
    var engineDeadline: Double = 60

    var deadlines: EngineDeadlines { EngineDeadlines(callSeconds: engineDeadline) }
}
