import ArgumentParser
import BenchModel
import CommandLineSupport

@main
struct SandboxBench: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox-bench",
        abstract: "Benchmark a Docker code sandbox, remember every run, and flag regressions.",
        discussion: """
            Runs the sandbox benchmark suite against the local Docker engine, stores every run \
            and every sample in SQLite (or, for a fleet of hosts, in PostgreSQL), compares runs \
            with a baseline and exits 1 when the sandbox regressed.

            EXIT CODES
              0  ran, no regression
              1  regression alert (gate, run --gate, ab, compare), also for a run
                 that failed with a cleanup failure or an isolation violation
              2  bad input: usage, unknown run or baseline, invalid configuration
                 (a JSON file with a key twice too); gate: the baseline lacks a
                 metric a rule compares, the baseline is the run itself, or the
                 verdict's baseline can no longer be compared with, or only
                 one-offs judged the run and its testbed has no baseline; no run
                 of the testbed `latest` means; copy: the target holds decisions
                 of a run that the source does not
              3  environment: Docker unreachable, image missing,
                 database locked, unwritable, unreachable, damaged or not a database,
                 output that could not be written (a full disk),
                 another run holds the run lock (after --wait-lock, still)
              4  suite failure: a spec could not produce valid samples
                 (also: samples physically impossible after every re-take)
                 (run, ab, compare; gate of a failed run that raised no alert;
                 gate of a run that lacks a metric its suite planned)
              130, 143, 129  run interrupted by SIGINT, SIGTERM, SIGHUP (stored as aborted)
            """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, DoctorCommand.self, BaselineCommand.self, DiffCommand.self, GateCommand.self,
            ABCommand.self, CompareCommand.self, ProfileCommand.self, ReportCommand.self, ChangesCommand.self,
            RunsCommand.self, ExportCommand.self, PruneCommand.self, CopyCommand.self, MigrateCommand.self,
        ]
    )

    static func advice(for error: any Error) -> String? {
        ErrorAdvice.advice(for: error)
    }
}
