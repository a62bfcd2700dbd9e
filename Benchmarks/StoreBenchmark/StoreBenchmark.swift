import ArgumentParser
import BenchmarkCommandLine

/// Benchmarks the results database (see Scripts/bench-store.sh).
@main
struct StoreBenchmark: BenchmarkCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-benchmark",
        abstract: "Benchmark the results database with years of synthetic nightly runs.",
        discussion: exitCodesHelp,
        subcommands: [MeasureCommand.self, FillCommand.self]
    )
}
