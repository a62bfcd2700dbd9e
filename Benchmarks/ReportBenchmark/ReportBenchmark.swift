import ArgumentParser
import CommandLineSupport

/// Report generation, timed and demonstrated (see Scripts/bench-report.sh).
@main
struct ReportBenchmark: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-benchmark",
        abstract: "Time report generation on a filled results database, or write a demo database to look at reports.",
        discussion: ToolExitCodes.help,
        subcommands: [MeasureCommand.self, SiteCommand.self, DemoCommand.self]
    )
}
