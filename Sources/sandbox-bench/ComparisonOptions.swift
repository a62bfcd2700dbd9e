import ArgumentParser
import Foundation
import Regression

/// Thresholds, statistic and baseline window of a comparison, shared by `run --gate`, `diff` and `gate`.
/// A configuration file sets them first; flags given on the command line override it.
struct ComparisonOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Alert when creation (creation.create_start_s) is more than this much slower than the baseline: 20% or 0.2. Default 20%.",
            valueName: "limit"))
    var maxCreationSlowdown: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Alert when parallel efficiency (speedup / 5) is below this floor: 0.5 or 50%. Default 0.5.",
            valueName: "floor"))
    var minParallelEfficiency: String?

    @Option(
        help: ArgumentHelp(
            "Statistic compared: median (robust to one slow iteration; the default) or mean (the original pytest suite's).",
            valueName: "median|mean"))
    var statistic: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Compare with the median of the last K completed runs whose verdict did not fail, instead of one "
                + "baseline run (1 to 10000); the runs skipped are named.",
            valueName: "K"),
        transform: { try NumberArgument.whole($0, in: 1...10_000) })
    var window: Int?

    @Option(
        help: ArgumentHelp(
            "JSON configuration file: thresholds, statistic, noise settings and extra rules (see README).",
            valueName: "path"))
    var config: String?

    func validate() throws {
        _ = try makeConfiguration()
    }

    func makeConfiguration() throws -> RegressionConfiguration {
        try makeConfigurationWithFile().configuration
    }

    /// True when a rule, threshold or statistic was given: a view of a gated run then re-evaluates.
    var hasRuleOptions: Bool {
        maxCreationSlowdown != nil || minParallelEfficiency != nil || statistic != nil || config != nil
    }

    /// The configuration, and the file it came from (its content and hash, for the gate's stored decision).
    func makeConfigurationWithFile() throws -> (
        configuration: RegressionConfiguration, file: GateDecision.ConfigurationFile?
    ) {
        try makeConfigurationWithFile(base: RegressionConfiguration())
    }

    /// `base` (the defaults, or the configuration a stored decision was made with), replaced by the
    /// configuration file when one is given, with the flags on top.
    func makeConfigurationWithFile(base: RegressionConfiguration) throws -> (
        configuration: RegressionConfiguration, file: GateDecision.ConfigurationFile?
    ) {
        var configuration = base
        var file: GateDecision.ConfigurationFile?
        if let config {
            // Read once: the same bytes are checked and stored with the gate's decision.
            let data = try RegressionConfiguration.fileContents(at: config)
            configuration = try RegressionConfiguration(json: data, source: config)
            file = GateDecision.ConfigurationFile(path: config, content: String(decoding: data, as: UTF8.self))
        }
        if let maxCreationSlowdown {
            configuration.maxCreationSlowdown = try ThresholdText.relativeChange(
                maxCreationSlowdown, option: "--max-creation-slowdown")
        }
        if let minParallelEfficiency {
            configuration.minParallelEfficiency = try ThresholdText.fraction(
                minParallelEfficiency, option: "--min-parallel-efficiency")
        }
        if let statistic {
            configuration.statistic = try SummaryStatistic(parsing: statistic, option: "--statistic")
        }
        return (configuration, file)
    }
}
