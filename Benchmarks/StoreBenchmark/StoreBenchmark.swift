import ArgumentParser
import CommandLineSupport

/// Benchmarks the results database (see Scripts/bench-store.sh).
@main
struct StoreBenchmark: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-benchmark",
        abstract: "Benchmark the results database with years of synthetic nightly runs.",
        discussion: ToolExitCodes.help,
        subcommands: [MeasureCommand.self, FillCommand.self, FleetCommand.self]
    )
}
