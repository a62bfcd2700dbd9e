import ArgumentParser
import BenchmarkCommandLine

/// Report generation, timed and demonstrated (see Scripts/bench-report.sh).
@main
struct ReportBenchmark: BenchmarkCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-benchmark",
        abstract: "Time report generation on a filled results database, or write a demo database to look at reports.",
        discussion: exitCodesHelp,
        subcommands: [MeasureCommand.self, DemoCommand.self]
    )
}
